/**
 * The teaching-quality rules of issue 14, per file: a moment must not have a choice that
 * dominates the others (unless marked `easy: true`), a case needs at least one moment where
 * every choice costs something, and a word-meaning micro-exercise is playable from both sides.
 * These are problems like any other for `npm run validate` (exit 1), marked `quality` so that
 * start-up can log them instead of refusing to run (see library.ts and README, Decisions).
 * The library-wide targets (shares over all moments) are a report, not a problem: see
 * dilemma-figures.ts libraryTargets.
 */
import { exerciseFigures } from './dilemma-figures';
import type { LoadedPlayable } from './load';
import { problemAt, type ContentProblem, type PathSegment, type SourceMap } from './problems';
import { PERSPECTIVES } from './schema';

export function checkDilemmas(source: SourceMap, item: LoadedPlayable): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (path: PathSegment[], message: string) => problems.push({ ...problemAt(source, path, message), quality: true });
  const exercise = item.exercise;
  const figures = exerciseFigures(exercise);

  for (const m of figures.moments) {
    const path: PathSegment[] = ['perspectives', m.perspective, 'moments', m.index];
    if (m.dominating && !m.easy) {
      const c = m.choices.findIndex((choice) => choice.id === m.dominating);
      at([...path, 'choices', c, 'effects'],
        `choice "${m.dominating}" is at least as good as every other choice on every dimension and better on one, so the answer can be guessed: ` +
          'give it a cost, or give another choice a gain where this one is weaker (or mark the moment `easy: true` if it is meant to be easy)');
    }
    if (m.easy && !m.dominating) {
      at([...path, 'easy'], 'is marked easy but no choice dominates the others: remove `easy: true`');
    }
  }

  if (item.kind === 'exercise' && figures.totals.everyChoiceCosts === 0) {
    at(['perspectives'],
      'no moment where every choice costs something: give at least one moment only choices with a negative effect, so the participant has to pick the least bad');
  }

  if ('kind' in exercise && exercise.kind === 'woordbetekenis') {
    for (const perspective of PERSPECTIVES) {
      if (!exercise.perspectives[perspective]) {
        at(['perspectives'],
          `no ${perspective} perspective: a word-meaning micro-exercise is played from both sides, add \`${perspective}:\` with the same word seen from that role`);
      }
    }
  }
  return problems;
}
