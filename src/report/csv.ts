/**
 * The report's figures as CSV (RFC 4180 quoting): one row per moment and choice, one per
 * dimension of the group's profile, one per delivery week and dimension of the follow-up.
 * Columns: section, number, title, key, label, count, percent, sent, answered, average; a cell that
 * does not apply to a section, or an average withheld for a small group, is empty.
 *
 * Dutch files are separated by ";" and English ones by ",": the list separator Excel uses in
 * those locales, so a double-click opens the columns as columns. A UTF-8 byte-order mark lets
 * Excel read the accents; a text cell starting with = + - @ gets a leading ' (OWASP CSV injection).
 */
import { strings, type Lang } from '../i18n';
import type { ReportFigures } from './figures';

export const csvSeparator = (lang: Lang) => (lang === 'en' ? ',' : ';');

function cell(value: string | number | undefined, separator: string): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text (with BOM and CRLF line ends); only the header when the group is below the minimum. */
export function reportCsv(lang: Lang, figures: ReportFigures): string {
  const c = strings(lang).report.csv;
  const sep = csvSeparator(lang);
  const rows: (string | number | undefined)[][] = [[c.section, c.number, c.title, c.item, c.label, c.count, c.percent, c.delivered, c.answered, c.average]];
  for (const m of figures.moments) {
    for (const ch of m.choices) rows.push([c.moment, m.number, m.title, ch.letter, ch.label, ch.count, ch.percent, undefined, undefined, undefined]);
  }
  for (const d of figures.profile) rows.push([c.profile, undefined, undefined, d.id, d.name[lang], d.answers, undefined, undefined, undefined, d.average]);
  if (figures.followup?.shown) {
    for (const w of figures.followup.weeks) {
      const from = w.from.toISOString().slice(0, 10);
      if (w.dimensions.length === 0) rows.push([c.week, w.week, from, undefined, undefined, 0, undefined, w.delivered, w.answered, undefined]);
      for (const d of w.dimensions) rows.push([c.week, w.week, from, d.id, d.name[lang], d.answers, undefined, w.delivered, w.answered, d.average]);
    }
  }
  return `\uFEFF${rows.map((r) => r.map((v) => cell(v, sep)).join(sep)).join('\r\n')}\r\n`;
}
