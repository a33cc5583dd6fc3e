/**
 * Interface strings in Dutch (default) and English. The texts live in locales/nl.yaml and
 * locales/en.yaml (ICU MessageFormat), their keys and signatures in ./keys.ts; both files are
 * compiled once, when this module is first loaded, so a turn only formats. Exercise content itself
 * is written in its own language and is not translated here.
 */
import { LOCALES_DIR } from '../paths';
import { loadCatalog, type Lang, type Strings } from './catalog';

export type { Lang, Strings } from './catalog';

/** 'en' for any English locale tag ("en", "en-US", "en-GB"), else 'nl' (the default). */
export function langOf(locale: unknown): Lang {
  return typeof locale === 'string' && locale.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

const catalogs: Record<Lang, Strings> = { nl: loadCatalog(LOCALES_DIR, 'nl'), en: loadCatalog(LOCALES_DIR, 'en') };

/** The compiled interface strings of one language. */
export function strings(lang: Lang): Strings {
  return lang === 'en' ? catalogs.en : catalogs.nl;
}
