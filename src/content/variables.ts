/**
 * Variables in exercise texts (issue 15): `{{gemeente}}` is replaced by a pack's value, so one case
 * can be tailored to a client without copying it. Pure: no fs, no botbuilder.
 *
 * Why `{{name}}`: double braces never occur in Dutch prose or in the markdown Teams shows, they
 * are the placeholder most people have seen (mail merge, Mustache), and they cannot be mistaken
 * for adaptivecards-templating's `${...}`, which only the templates in cards/ use. Substitution is
 * one pass over the text as written: a value is never read for placeholders itself.
 */
import type { PathSegment } from './problems';

/** `{{ name }}`: a variable name is an id (lower-case letters, digits, single hyphens); spaces inside the braces are allowed. */
const PLACEHOLDER = /\{\{\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*\}\}/g;

/** Said where a text starting with `{{` was not quoted: YAML then reads a map, not a text. */
export const QUOTE_HINT = 'a text that starts with {{ needs quotes, e.g. name: "{{wethouder-voornaam}} Jansen"';

export type Values = Readonly<Record<string, string>>;

/** A text of an exercise with its path in the file, e.g. `perspectives.ambtenaar.briefing`. */
export interface TextAt {
  path: PathSegment[];
  text: string;
}

/** Every string in a parsed exercise (or any JSON-like value), depth first in file order. */
export function textsOf(value: unknown, path: PathSegment[] = []): TextAt[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsOf(v, [...path, k]));
  return [];
}

/** The variable names a text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * Something that looks like a placeholder but is not one (`{{Gemeente}}`, `{{gemeente}`, `{{ }}`),
 * or undefined. Reported by the checks, since it would otherwise reach a card as typed.
 */
export function malformedPlaceholder(text: string): string | undefined {
  const rest = text.replace(PLACEHOLDER, '');
  const at = rest.search(/\{\{|\}\}/);
  if (at < 0) return undefined;
  return rest.slice(Math.max(0, at - 10), at + 20).trim();
}

/** The text as written minus its placeholders: what the schema measures before the values are known. */
export function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, '');
}

/** The text with each `{{name}}` that has a value replaced by it; unknown names stay as written (the checks report them). */
export function substituteText(text: string, values: Values): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/**
 * A copy of `value` (an exercise as parsed) with every string substituted: title, summary,
 * briefing, says, context, labels, feedback, otherSide, tips, trainer notes, names, functions…
 * Ids and other structural fields cannot hold a placeholder (their schema forbids braces), so
 * they come through unchanged. Returns the same object when nothing uses a variable.
 */
export function substitute<T>(value: T, values: Values): T {
  return mapStrings(value, (text) => substituteText(text, values)) as T;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) {
    const out = value.map((v) => mapStrings(v, map));
    return out.every((v, i) => v === value[i]) ? value : out;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = mapStrings(v, map);
      changed ||= out[k] !== v;
    }
    return changed ? out : value;
  }
  return value;
}
