/**
 * Issue 15 in the studio: the pack chooser (whose values fill in an exercise's {{variables}}),
 * the line saying whose values a page shows, and the table of the variables an exercise uses.
 */
import type { LoadedPlayable } from '../content/load';
import { textsOf, variablesIn } from '../content/variables';
import { strings, type Lang } from '../i18n';
import { esc } from './html';
import { valueChoices, type Snapshot } from './workspace';

/** `?pack=…` for links that keep the values shown on this page. */
export function packQuery(item: LoadedPlayable): string {
  return `?pack=${encodeURIComponent(item.valuesFrom)}`;
}

/** "standaard (algemeen)" for a pack's own values, "voorbeeld-klant (klant van algemeen)" for a client pack's. */
export function choiceLabel(lang: Lang, snap: Snapshot, pack: string): string {
  const s = strings(lang).studio;
  const base = snap.packFiles.get(pack)?.data.tailors;
  return base ? s.clientValues(pack, base) : s.defaultValues(pack);
}

/** Links to the same page with each pack's values; the current one in bold. Empty when there is no client pack. */
export function packChooser(lang: Lang, current: string, choices: { pack: string; label: string }[], href: (pack: string) => string): string {
  if (choices.length < 2) return '';
  const s = strings(lang).studio;
  const links = choices.map(({ pack, label }) =>
    pack === current
      ? `<strong data-pack="${esc(pack)}">${esc(label)}</strong>`
      : `<a data-pack="${esc(pack)}" href="${esc(href(pack))}">${esc(label)}</a>`,
  );
  return `<nav class="pack-chooser">${esc(s.valuesFrom)}: ${links.join(' · ')}</nav>`;
}

/** The chooser on an exercise page: its own pack and every client pack that tailors it. */
export function exercisePackChooser(lang: Lang, snap: Snapshot, item: LoadedPlayable, path: string): string {
  const choices = valueChoices(snap, item).map((pack) => ({ pack, label: choiceLabel(lang, snap, pack) }));
  return packChooser(lang, item.valuesFrom, choices, (pack) => `${path}?pack=${encodeURIComponent(pack)}`);
}

/** "Met de waarden van pakket voorbeeld-klant", and the variables this exercise uses with their values and descriptions. */
export function valuesSection(lang: Lang, snap: Snapshot, item: LoadedPlayable): string {
  const s = strings(lang).studio;
  const used = [...new Set(textsOf(item.template).flatMap((t) => variablesIn(t.text)))];
  const line = `<p class="values-from" data-pack="${esc(item.valuesFrom)}">${esc(s.valuesOf(item.valuesFrom))}</p>`;
  if (used.length === 0) return line;
  const declared = snap.packFiles.get(item.pack)?.data.variables ?? {};
  const rows = used
    .map((name) => `<tr><td><code>{{${esc(name)}}}</code></td><td class="value">${esc(item.values[name] ?? '')}</td><td>${esc(declared[name]?.description ?? '')}</td></tr>`)
    .join('');
  return `${line}<details class="variables"><summary>${esc(s.variables)}</summary><table><thead><tr><th>${esc(s.variable)}</th><th>${esc(s.value)}</th><th></th></tr></thead><tbody>${rows}</tbody></table></details>`;
}
