/**
 * Reads exercise files from disk into validated content. Layout (see README):
 *
 *   dialogs/dimensions.yaml            the default dimension set
 *   dialogs/<pack>/*.yaml              exercises of one pack (a pack per client organisation)
 *   dialogs/<pack>/micro/*.yaml        micro-exercises of that pack
 *   dialogs/<pack>/dimensions.yaml     optional: the pack's own dimension set
 *   dialogs/themes.yaml                the themes (tags.theme) with their names in nl and en;
 *   dialogs/<pack>/themes.yaml         optional: the pack's own (as for dimensions). Without any
 *                                      themes file, themes are not checked and show as their id.
 *   dialogs/<pack>/pack.yaml           optional: the pack's variables ({{name}} in texts) with their
 *                                      defaults, or the pack it tailors and the values it sets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  DimensionSet,
  Exercise,
  ThemeSet,
  type Theme,
  MicroExercise,
  PackFile,
  type Dimension,
  type Playable,
} from './schema';
import { problemAt, type ContentProblem, type SourceMap } from './problems';
import { describeIssue } from './zod-messages';
import { checkPlayable, checkUniqueIds } from './checks';
import { checkDilemmas } from './dilemma-checks';
import { checkPackFiles, checkVariables, tailorsOf, valuesFor, type PackInfo, type Packs } from './tailoring';
import { QUOTE_HINT, substitute, type Values } from './variables';

export type FileKind = 'exercise' | 'micro' | 'dimensions' | 'themes' | 'pack';

export interface LoadedPlayable {
  kind: 'exercise' | 'micro';
  exercise: Playable;
  file: string;
  /** The pack (client folder) this exercise belongs to. */
  pack: string;
  /** The dimension set that applies to this exercise. */
  dimensions: Dimension[];
  /** The themes list that applies to this exercise (empty when the content has no themes.yaml). */
  themes: Theme[];
  /** The exercise as written, with its {{variables}}; `exercise` has them filled in. */
  template: Playable;
  /** The pack whose values fill in the variables: `pack` itself, or a client pack that tailors it. */
  valuesFrom: string;
  /** The values used, by variable name (empty when the pack defines none). */
  values: Values;
}

export interface LoadResult {
  items: LoadedPlayable[];
  problems: ContentProblem[];
  filesRead: number;
  /** The pack files read (pack.yaml), by pack: what tailorItem needs to fill in a client's values. */
  packFiles: Packs;
}

const DIMENSIONS_FILE = 'dimensions.yaml';
const THEMES_FILE = 'themes.yaml';
export const PACK_FILE = 'pack.yaml';

export function kindOf(file: string): FileKind {
  if (path.basename(file) === DIMENSIONS_FILE) return 'dimensions';
  if (path.basename(file) === THEMES_FILE) return 'themes';
  if (path.basename(file) === PACK_FILE && path.basename(path.dirname(file)) !== 'micro') return 'pack';
  return path.basename(path.dirname(file)) === 'micro' ? 'micro' : 'exercise';
}

/** The pack of a file under the content root: its first folder (for a file outside the root, e.g. another checkout: its own folder). */
function packOf(root: string, file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  if (relative[0] === '..') {
    const dir = path.dirname(file);
    return path.basename(path.basename(dir) === 'micro' ? path.dirname(dir) : dir);
  }
  return relative.length > 1 ? relative[0]! : path.basename(root);
}

function listYaml(target: string): string[] {
  const stat = fs.statSync(target);
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return listYaml(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    });
}

/** `name: {{wethouder}} Jansen` is YAML for a map: the most likely slip with variables. */
const UNQUOTED_PLACEHOLDER = /:\s+\{\{/;

interface Parsed {
  source: SourceMap;
  data: unknown;
}

function parseFile(file: string, display: string): Parsed | ContentProblem[] {
  const lines = new LineCounter();
  const text = fs.readFileSync(file, 'utf8');
  // logLevel error: an unquoted `name: {{x}}` is a YAML map; zod reports it (with a hint), not a warning on stderr.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    // Only the first: later YAML errors are mostly echoes of the first.
    return doc.errors.slice(0, 1).map((error) => ({
      file: display,
      line: lines.linePos(error.pos[0]).line,
      path: [],
      message: `is not valid YAML (${error.message.split('\n')[0]}): check indentation and quotes${UNQUOTED_PLACEHOLDER.test(text.split('\n')[lines.linePos(error.pos[0]).line - 1] ?? '') ? `; ${QUOTE_HINT}` : ''}`,
    }));
  }
  return { source: { file: display, doc, lines }, data: doc.toJS() };
}

function schemaProblems(source: SourceMap, error: z.ZodError): ContentProblem[] {
  return error.issues.flatMap((issue) =>
    describeIssue(issue).map(({ path: p, message }) => problemAt(source, p, message)),
  );
}

/** Finds the set that applies to a file: the nearest `name` (dimensions.yaml, themes.yaml) up to the content root. */
function nearestFile(root: string, file: string, name: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.resolve(dir) === path.resolve(root) || path.dirname(dir) === dir) break;
    dir = path.dirname(dir);
  }
  const fallback = path.join(root, name);
  return fs.existsSync(fallback) ? fallback : undefined;
}

/**
 * Client pack → the pack it tailors, read from each pack's pack.yaml (`tailors:`) before the
 * content is loaded, to know which packs to read. A pack file that cannot be read counts as no
 * tailoring here; loading it reports the problem.
 */
export function readTailors(root: string, packs: readonly string[]): Map<string, string> {
  const tailors = new Map<string, string>();
  for (const pack of packs) {
    const file = path.join(root, pack, PACK_FILE);
    if (!fs.existsSync(file)) continue;
    const data: unknown = parseDocument(fs.readFileSync(file, 'utf8'), { logLevel: 'silent' }).toJS();
    const base = data && typeof data === 'object' ? (data as { tailors?: unknown }).tailors : undefined;
    if (typeof base === 'string') tailors.set(pack, base);
  }
  return tailors;
}

/** The pack folders under the content root, sorted. */
export function packFolders(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export interface LoadOptions {
  /** The content root; the default dimension set lives here. */
  root: string;
  /** Files or folders to read; defaults to the whole root. */
  targets?: string[];
  /** Only these packs (folder names under the root); all when absent. */
  packs?: string[];
  /** How file names are shown in messages (relative to the working directory by default). */
  display?: (file: string) => string;
}

export function loadContent(options: LoadOptions): LoadResult {
  const root = path.resolve(options.root);
  const display = options.display ?? ((f: string) => path.relative(process.cwd(), f) || f);
  const problems: ContentProblem[] = [];
  const files = (options.targets ?? [root]).flatMap((t) => {
    if (!fs.existsSync(t)) {
      problems.push({ file: t, path: [], message: 'does not exist: check the path' });
      return [];
    }
    return listYaml(path.resolve(t));
  });
  const wanted = options.packs ? new Set(options.packs) : undefined;
  const dimensionCache = new Map<string, Dimension[] | undefined>();

  const dimensionsFor = (file: string): Dimension[] | undefined => {
    const dimFile = nearestFile(root, file, DIMENSIONS_FILE);
    if (!dimFile) return undefined;
    if (!dimensionCache.has(dimFile)) dimensionCache.set(dimFile, readDimensions(dimFile));
    return dimensionCache.get(dimFile);
  };
  const readDimensions = (file: string): Dimension[] | undefined => {
    const parsed = parseFile(file, display(file));
    if (Array.isArray(parsed)) return void problems.push(...parsed);
    const result = DimensionSet.safeParse(parsed.data);
    if (!result.success) return void problems.push(...schemaProblems(parsed.source, result.error));
    return result.data.dimensions;
  };

  const themeCache = new Map<string, Theme[]>();
  const themesFor = (file: string): Theme[] => {
    const themeFile = nearestFile(root, file, THEMES_FILE);
    if (!themeFile) return [];
    if (!themeCache.has(themeFile)) {
      const parsed = parseFile(themeFile, display(themeFile));
      const result = Array.isArray(parsed) ? undefined : ThemeSet.safeParse(parsed.data);
      if (Array.isArray(parsed)) problems.push(...parsed);
      else if (result && !result.success) problems.push(...schemaProblems(parsed.source, result.error));
      themeCache.set(themeFile, result?.success ? result.data.themes : []);
    }
    return themeCache.get(themeFile)!;
  };

  // Every wanted pack's pack.yaml, also when only some files are checked: a case's values come from there.
  const available = packFolders(root);
  const packFiles = new Map<string, PackInfo>();
  for (const pack of available.filter((p) => !wanted || wanted.has(p))) {
    const file = path.join(root, pack, PACK_FILE);
    if (!fs.existsSync(file)) continue;
    const parsed = parseFile(file, display(file));
    if (Array.isArray(parsed)) {
      problems.push(...parsed);
      continue;
    }
    const result = PackFile.safeParse(parsed.data);
    if (!result.success) problems.push(...schemaProblems(parsed.source, result.error));
    else packFiles.set(pack, { pack, file: display(file), data: result.data, source: parsed.source });
  }

  const items: LoadedPlayable[] = [];
  const sources = new Map<LoadedPlayable, SourceMap>();
  for (const file of files) {
    const kind = kindOf(file);
    const pack = packOf(root, file);
    if (wanted && !wanted.has(pack)) continue;
    if (kind === 'pack') continue;
    if (kind === 'dimensions') {
      dimensionsFor(path.join(path.dirname(file), 'x.yaml'));
      continue;
    }
    if (kind === 'themes') {
      themesFor(path.join(path.dirname(file), 'x.yaml'));
      continue;
    }
    const parsed = parseFile(file, display(file));
    if (Array.isArray(parsed)) {
      problems.push(...parsed);
      continue;
    }
    const schema = kind === 'micro' ? MicroExercise : Exercise;
    const result = schema.safeParse(parsed.data);
    if (!result.success) {
      problems.push(...schemaProblems(parsed.source, result.error));
      continue;
    }
    const dimensions = dimensionsFor(file);
    if (!dimensions) {
      problems.push(problemAt(parsed.source, ['dimensions'], `no ${DIMENSIONS_FILE} found for this file: add one to the content root or the pack folder`));
      continue;
    }
    const template = result.data;
    const values = valuesFor(packFiles, pack, template.id);
    const item: LoadedPlayable = {
      kind, exercise: substitute(template, values), file: display(file), pack, dimensions, themes: themesFor(file),
      template, valuesFrom: pack, values,
    };
    problems.push(
      ...checkVariables(parsed.source, item, schema, packFiles, [pack, ...tailorsOf(packFiles, pack)]),
      ...checkPlayable(parsed.source, item),
      ...checkDilemmas(parsed.source, item),
    );
    items.push(item);
    sources.set(item, parsed.source);
  }
  problems.push(...checkUniqueIds(items.map((item) => ({ id: item.exercise.id, source: sources.get(item)! }))));
  // Which exercise ids each pack has: known only when the whole content was read.
  const ids = options.targets ? undefined : new Map(available.map((p) => [p, items.filter((i) => i.pack === p).map((i) => i.exercise.id)]));
  problems.push(...checkPackFiles(packFiles, available, ids));
  return { items, problems, filesRead: files.length, packFiles };
}
