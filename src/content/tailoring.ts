/**
 * Tailoring a case to a client (issue 15): which values fill in an exercise's `{{variables}}` for
 * a pack that offers it, and the checks on variables and pack files. Pure (no fs): the loader
 * hands in what it read.
 *
 * Values, later ones win: the home pack's defaults (`variables`), its defaults for this exercise
 * (`exercises.<id>`), then, when a client pack tailors the home pack, the client's `values` and
 * its `exercises.<id>`.
 */
import type { z } from 'zod';
import type { LoadedPlayable } from './load';
import { problemAt, type ContentProblem, type PathSegment, type SourceMap } from './problems';
import { TOO_LONG, type PackFile, type Playable } from './schema';
import { malformedPlaceholder, substitute, textsOf, variablesIn, type Values } from './variables';

/** A pack's pack.yaml as read, with its source for line numbers. */
export interface PackInfo {
  pack: string;
  /** As displayed in problems, e.g. `voorbeeld-klant/pack.yaml`. */
  file: string;
  data: PackFile;
  source: SourceMap;
}

export type Packs = ReadonlyMap<string, PackInfo>;

/** The values for exercise `id` of pack `home`, as pack `by` offers it (`by` = home: the defaults). */
export function valuesFor(packs: Packs, home: string, id: string, by: string = home): Values {
  const own = packs.get(home)?.data;
  const declared = own?.variables ?? {};
  const values: Record<string, string> = Object.fromEntries(Object.entries(declared).map(([name, v]) => [name, v.default]));
  Object.assign(values, own?.exercises?.[id]);
  const client = by !== home ? packs.get(by)?.data : undefined;
  if (client?.tailors === home) {
    // Only the home pack's own variables: a misspelt name is reported, never silently used.
    for (const [name, value] of Object.entries({ ...client.values, ...client.exercises?.[id] })) {
      if (Object.hasOwn(declared, name)) values[name] = value;
    }
  }
  return values;
}

/** The client packs among `packs` that tailor `home`. */
export function tailorsOf(packs: Packs, home: string): string[] {
  return [...packs.values()].filter((p) => p.data.tailors === home).map((p) => p.pack);
}

/** `item` as pack `by` offers it: its texts filled in with that pack's values. */
export function tailorItem(item: LoadedPlayable, packs: Packs, by: string = item.pack): LoadedPlayable {
  const values = valuesFor(packs, item.pack, item.exercise.id, by);
  return { ...item, exercise: substitute(item.template, values), valuesFrom: by, values };
}

/**
 * The problems of one exercise's variables, for every pack that offers it (`offeredBy`: its own
 * pack first, then the client packs that tailor it): a malformed placeholder, a variable without
 * a value, and a text that the values make too long for a card (the schema's own limits, checked
 * again on the filled-in exercise; the message names the pack whose values cause it).
 */
export function checkVariables(
  source: SourceMap,
  item: { pack: string; template: Playable },
  schema: z.ZodType,
  packs: Packs,
  offeredBy: string[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const texts = textsOf(item.template);
  for (const { path, text } of texts) {
    const bad = malformedPlaceholder(text);
    if (bad) problems.push(problemAt(source, path, `"${bad}" looks like a variable but is not one: write {{name}} with lower-case letters, digits and hyphens`));
  }
  const used = texts.filter((t) => variablesIn(t.text).length > 0);
  if (used.length === 0) return problems;

  const id = item.template.id;
  const packFile = (pack: string) => packs.get(pack)?.file ?? `${pack}/pack.yaml`;
  const defaults = valuesFor(packs, item.pack, id);
  for (const by of offeredBy) {
    const values = valuesFor(packs, item.pack, id, by);
    for (const { path, text } of used) {
      // A name the home pack lacks is reported once, for the home pack, not again per client.
      const missing = variablesIn(text).filter((n) => !Object.hasOwn(values, n) && (by === item.pack || Object.hasOwn(defaults, n)));
      for (const name of missing) {
        const known = Object.keys(values);
        problems.push(problemAt(source, path, by === item.pack
          ? `uses {{${name}}}, which pack "${by}" does not define: add it under variables in ${packFile(by)} with a default and a description${known.length > 0 ? `, or use one of ${known.join(', ')}` : ''}`
          : `uses {{${name}}}, which has no value for pack "${by}": set it under values in ${packFile(by)}`));
      }
    }
    const filled = schema.safeParse(substitute(item.template, values));
    if (filled.success) continue;
    for (const issue of filled.error.issues) {
      const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
      const names = variablesIn(String(textAt(item.template, path) ?? ''));
      const cause = names.length > 0 ? ` (${names.map((n) => `{{${n}}} = "${values[n]}"`).join(', ')})` : '';
      const fix = `shorten the text, or the value${names.length > 1 ? 's' : ''} in ${packFile(by)}`;
      problems.push(problemAt(source, path, issue.message.startsWith(TOO_LONG)
        ? `${TOO_LONG} with the values of pack "${by}"${cause}${issue.message.slice(TOO_LONG.length)}; ${fix}`
        : `${issue.message}, with the values of pack "${by}"${cause}: ${fix}`));
    }
  }
  return problems;
}

function textAt(value: unknown, path: PathSegment[]): unknown {
  return path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);
}

/**
 * The checks on the pack files: `tailors` names another existing pack that tailors nothing itself,
 * `values` only with `tailors` and only for variables the tailored pack defines, `exercises` only
 * for exercises the pack offers (checked when `exerciseIds` covers the whole content), and no
 * placeholder inside a value (values are not filled in themselves).
 */
export function checkPackFiles(packs: Packs, available: readonly string[], exerciseIds?: ReadonlyMap<string, readonly string[]>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const info of packs.values()) {
    const at = (path: PathSegment[], message: string) => problems.push(problemAt(info.source, path, message));
    const { data } = info;
    for (const { path, text } of textsOf({ variables: data.variables, values: data.values, exercises: data.exercises })) {
      if (path.at(-1) !== 'description' && /\{\{|\}\}/.test(text)) at(path, 'a value cannot use a variable: write the text itself');
    }
    const base = data.tailors;
    const baseInfo = base ? packs.get(base) : undefined;
    if (base !== undefined) {
      if (base === info.pack) at(['tailors'], 'a pack cannot tailor itself: name the pack whose cases this client pack fills in, e.g. tailors: algemeen');
      else if (!available.includes(base)) at(['tailors'], `names pack "${base}", which does not exist: use one of ${available.filter((p) => p !== info.pack).join(', ')}`);
      else if (baseInfo?.data.tailors) at(['tailors'], `pack "${base}" tailors "${baseInfo.data.tailors}" itself: tailor "${baseInfo.data.tailors}" directly`);
    } else if (data.values) {
      at(['values'], 'values only apply to a pack that tailors another: add tailors: <pack>, or give defaults under variables');
    }
    const baseVariables = Object.keys(baseInfo?.data.variables ?? {});
    for (const name of Object.keys(data.values ?? {})) {
      if (base && base !== info.pack && available.includes(base) && !baseVariables.includes(name)) {
        at(['values', name], `unknown variable "${name}": pack "${base}" defines ${baseVariables.length > 0 ? baseVariables.join(', ') : 'no variables'}; correct the name or remove it`);
      }
    }
    for (const [id, values] of Object.entries(data.exercises ?? {})) {
      const own = exerciseIds?.get(info.pack)?.includes(id);
      const tailored = base && base !== info.pack ? exerciseIds?.get(base)?.includes(id) : false;
      if (exerciseIds && !own && !tailored) {
        at(['exercises', id], `no exercise "${id}" in pack "${info.pack}"${base ? ` or "${base}"` : ''}: correct the id or remove it`);
        continue;
      }
      const declared = Object.keys((own || !base ? data.variables : baseInfo?.data.variables) ?? {});
      for (const name of Object.keys(values)) {
        if (!declared.includes(name)) at(['exercises', id, name], `unknown variable "${name}": ${own || !base ? `this pack` : `pack "${base}"`} defines ${declared.length > 0 ? declared.join(', ') : 'no variables'}; correct the name or remove it`);
      }
    }
  }
  return problems;
}
