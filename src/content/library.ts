/**
 * The exercises the bot offers: the packs selected by configuration, validated at start-up.
 * Invalid content stops start-up with the same messages as npm run validate. Teaching-quality
 * problems (issue 14: a guessable dilemma, a word-meaning exercise from one side) do not: the
 * exercise still plays correctly, so they are returned as `warnings` for the log.
 * A selected client pack fills in the exercises of the pack it tailors (src/content/selection.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, packFolders, readTailors, type LoadedPlayable } from './load';
import { formatProblem } from './problems';
import { selectPacks } from './selection';
import { tailorItem } from './tailoring';

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`The exercise content has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}\nRun npm run validate for details.`);
  }
}

export interface Library {
  exercises: LoadedPlayable[];
  micros: LoadedPlayable[];
  get(id: string): LoadedPlayable | undefined;
  /** Quality problems, formatted as npm run validate shows them. */
  warnings: string[];
}

export function loadLibrary(root: string, packs: string[] = []): Library {
  if (!fs.existsSync(root)) throw new ContentError([`CONTENT_DIR ${root} does not exist`]);
  const available = packFolders(root);
  const tailors = readTailors(root, available);
  const selection = selectPacks(available, tailors, packs);
  if (selection.problems.length > 0) throw new ContentError(selection.problems);
  // Without a selection and without client packs: everything under the root, as before packs had files.
  const load = packs.length === 0 && tailors.size === 0 ? undefined : selection.load;
  const result = loadContent({ root, packs: load, display: (f) => path.relative(root, f) });
  const errors = result.problems.filter((p) => !p.quality);
  if (errors.length > 0) throw new ContentError(errors.map(formatProblem));
  const items = result.items.map((item) => {
    const client = selection.valuesBy.get(item.pack);
    return client ? tailorItem(item, result.packFiles, client) : item;
  });
  const byId = new Map(items.map((i) => [i.exercise.id, i]));
  return {
    exercises: items.filter((i) => i.kind === 'exercise'),
    micros: items.filter((i) => i.kind === 'micro'),
    get: (id) => byId.get(id),
    warnings: result.problems.filter((p) => p.quality).map(formatProblem),
  };
}
