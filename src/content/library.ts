/**
 * The exercises the bot offers: the packs selected by configuration, validated at start-up.
 * Invalid content stops start-up with the same messages as npm run validate. Teaching-quality
 * problems (issue 14: a guessable dilemma, a word-meaning exercise from one side) do not: the
 * exercise still plays correctly, so they are returned as `warnings` for the log.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadContent, type LoadedPlayable } from './load';
import { formatProblem } from './problems';

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
  const available = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const unknown = packs.filter((p) => !available.includes(p));
  if (unknown.length > 0) {
    throw new ContentError([`CONTENT_PACKS names unknown pack(s) ${unknown.join(', ')}: available are ${available.join(', ')}`]);
  }
  const result = loadContent({ root, packs: packs.length > 0 ? packs : undefined, display: (f) => path.relative(root, f) });
  const errors = result.problems.filter((p) => !p.quality);
  if (errors.length > 0) throw new ContentError(errors.map(formatProblem));
  const byId = new Map(result.items.map((i) => [i.exercise.id, i]));
  return {
    exercises: result.items.filter((i) => i.kind === 'exercise'),
    micros: result.items.filter((i) => i.kind === 'micro'),
    get: (id) => byId.get(id),
    warnings: result.problems.filter((p) => p.quality).map(formatProblem),
  };
}
