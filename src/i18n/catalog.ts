/**
 * Loads locales/<lang>.yaml and compiles every message once (ICU MessageFormat via FormatJS'
 * intl-messageformat), into the object `strings(lang)` returns. Checks each file against the key
 * tree in ./keys.ts: a missing or extra key, a message that does not parse, or a placeholder that
 * differs from the declared arguments stops start-up with the file, the key and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse as parseYaml } from 'yaml';
import { keys, type Compiled, type Message } from './keys';

/** The Intl locale of each interface language: formats of numbers, dates and plural rules. */
export const INTL_LOCALE = { nl: 'nl-NL', en: 'en-GB' } as const;
export type Lang = keyof typeof INTL_LOCALE;

export type Strings = Compiled<typeof keys>;

/** A key in a resource file that cannot be used, with where and why. */
export class ResourceError extends Error {
  constructor(file: string, key: string, reason: string) {
    super(`${file}: ${key}: ${reason}`);
    this.name = 'ResourceError';
  }
}

function isMessage(node: unknown): node is Message<unknown> {
  return typeof node === 'object' && node !== null && 'kind' in node && 'args' in node;
}

/** The placeholder names a parsed ICU message uses, at any depth (select and plural branches). */
export function placeholdersOf(ast: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(ast)) {
    for (const element of ast) placeholdersOf(element, into);
  } else if (typeof ast === 'object' && ast !== null) {
    const el = ast as { type?: number; value?: unknown; options?: Record<string, { value: unknown }>; children?: unknown };
    // TYPE 1..6 of @formatjs/icu-messageformat-parser: argument, number, date, time, select, plural.
    if (typeof el.type === 'number' && el.type >= 1 && el.type <= 6 && typeof el.value === 'string') into.add(el.value);
    for (const option of Object.values(el.options ?? {})) placeholdersOf(option.value, into);
    if (el.children) placeholdersOf(el.children, into);
  }
  return into;
}

/**
 * A text without placeholders, formatted once. One without braces or a doubled apostrophe has no ICU
 * syntax and is its own result: not parsing those halves the start-up cost of the catalogs.
 */
function plainText(source: unknown, file: string, key: string, lang: Lang): string {
  if (typeof source === 'string' && !/[{}]/.test(source) && !source.includes("''")) return source;
  const format = compile(source, file, key, lang);
  expectPlaceholders(format, [], file, key);
  return String(format.format());
}

function compile(source: unknown, file: string, key: string, lang: Lang): IntlMessageFormat {
  if (typeof source !== 'string') throw new ResourceError(file, key, `expected a text, found ${source === undefined ? 'nothing' : typeof source}`);
  try {
    return new IntlMessageFormat(source, INTL_LOCALE[lang], undefined, { ignoreTag: true });
  } catch (error) {
    throw new ResourceError(file, key, `not a valid ICU message (${(error as Error).message})`);
  }
}

function expectPlaceholders(format: IntlMessageFormat, expected: readonly string[], file: string, key: string): void {
  const found = [...placeholdersOf(format.getAst())].sort();
  const want = [...expected].sort();
  if (found.join(',') !== want.join(',')) {
    throw new ResourceError(file, key, `uses placeholders {${found.join('}, {')}} but the message gets {${want.join('}, {')}} (see src/i18n/keys.ts)`);
  }
}

/** A message's function: positional arguments to named values; a left-out optional one is `none`. */
function formatter(format: IntlMessageFormat, spec: Message<unknown>): (...args: unknown[]) => string {
  const { args, values } = spec;
  return (...given: unknown[]) => {
    const named: Record<string, unknown> = values ? (values as (...a: unknown[]) => Record<string, unknown>)(...given) : {};
    if (!values) args.forEach((name, i) => (named[name] = given[i]));
    for (const name of args) if (named[name] === undefined) named[name] = 'none';
    return String(format.format(named as Record<string, string>));
  };
}

function build(spec: unknown, resource: unknown, file: string, lang: Lang, prefix: string): unknown {
  if (isMessage(spec)) {
    if (spec.kind === 'list') {
      if (!Array.isArray(resource)) throw new ResourceError(file, prefix, 'expected a list of texts');
      return resource.map((item, i) => plainText(item, file, `${prefix}[${i}]`, lang));
    }
    if (spec.kind === 'text') return plainText(resource, file, prefix, lang);
    const format = compile(resource, file, prefix, lang);
    expectPlaceholders(format, spec.args, file, prefix);
    return formatter(format, spec);
  }
  if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) throw new ResourceError(file, prefix, 'expected a group of keys');
  const extra = Object.keys(resource).filter((k) => !(k in (spec as object)));
  if (extra.length) throw new ResourceError(file, `${prefix ? `${prefix}.` : ''}${extra[0]}`, 'no such key in src/i18n/keys.ts (add it there first)');
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(spec as object)) {
    out[key] = build(child, (resource as Record<string, unknown>)[key], file, lang, prefix ? `${prefix}.${key}` : key);
  }
  return out;
}

/**
 * Compiles one language's resource file. Throws ResourceError (file, key, reason) on any mismatch
 * with src/i18n/keys.ts. Called once per language at start-up; the result is immutable.
 */
export function loadCatalog(dir: string, lang: Lang): Strings {
  const file = path.join(dir, `${lang}.yaml`);
  let resource: unknown;
  try {
    resource = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ResourceError(file, '(file)', (error as Error).message);
  }
  return build(keys, resource, path.relative(process.cwd(), file) || file, lang, '') as Strings;
}
