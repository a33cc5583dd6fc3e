/**
 * The checks zod cannot express: references, reachability, known dimensions, ids unique across
 * files, and short feedback. Each problem says what to do about it.
 */
import { END, reachableMoments } from '../engine/flow';
import { PERSPECTIVES } from './schema';
import type { Moment } from './schema';
import type { LoadedPlayable } from './load';
import { problemAt, type ContentProblem, type PathSegment, type SourceMap } from './problems';

export const FEEDBACK_SENTENCES = { min: 2, max: 4 } as const;

/** Counts sentences: an end mark followed by a space and a capital (or the end of the text). */
export function countSentences(text: string): number {
  const ends = text.trim().match(/[.!?…]+["'”’)]?(?=\s+["'“‘(]?[A-ZÀ-Ý0-9]|\s*$)/g);
  return Math.max(1, ends?.length ?? 0);
}

export function checkPlayable(source: SourceMap, item: LoadedPlayable): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const at = (path: PathSegment[], message: string) => problems.push(problemAt(source, path, message));
  const exercise = item.exercise;
  const known = new Set(item.dimensions.map((d) => d.id));
  const knownList = [...known].join(', ');

  exercise.dimensions.forEach((dim, i) => {
    if (!known.has(dim)) at(['dimensions', i], `unknown dimension "${dim}": use one of ${knownList}, or add it to dimensions.yaml`);
  });
  // Themes are checked against themes.yaml when the content has one (their labels come from there).
  if (item.themes.length > 0) {
    const themes = new Set(item.themes.map((t) => t.id));
    exercise.tags.theme.forEach((theme, i) => {
      if (!themes.has(theme)) at(['tags', 'theme', i], `unknown theme "${theme}": add it to themes.yaml with its name in nl and en, or use one listed there`);
    });
  }
  // Unknown dimensions are reported once above; leave them out of the checks below.
  const trained = new Set(exercise.dimensions.filter((d) => known.has(d)));
  if ('kind' in exercise && exercise.kind === 'woordbetekenis' && !exercise.word) {
    at(['word'], 'a word-meaning micro-exercise needs the word it is about: add `word: <the word>`');
  }

  for (const perspective of PERSPECTIVES) {
    const script = exercise.perspectives[perspective];
    if (!script) continue;
    const base: PathSegment[] = ['perspectives', perspective];
    checkMoments(script.moments, [...base, 'moments'], at, trained);

    const touched = new Set(script.moments.flatMap((m) => m.choices.flatMap((c) => Object.keys(c.effects))));
    for (const dim of trained) {
      if (item.kind === 'exercise' && !touched.has(dim)) {
        at([...base, 'moments'], `dimension "${dim}" is trained by this exercise but no choice affects it: add it to some choice's effects, or remove it from dimensions`);
      }
    }
    if (script.closing) {
      for (const dim of Object.keys(script.closing.tips)) {
        if (!trained.has(dim)) at([...base, 'closing', 'tips', dim], `tip for "${dim}", which this exercise does not train: remove it or add "${dim}" to dimensions`);
      }
      if (item.kind === 'exercise') {
        for (const dim of trained) {
          if (!(dim in script.closing.tips)) at([...base, 'closing', 'tips'], `no tip for "${dim}": add a tip for participants who score weak on it`);
        }
      }
    }
  }
  return problems;
}

function checkMoments(
  moments: readonly Moment[],
  base: PathSegment[],
  at: (path: PathSegment[], message: string) => void,
  trained: Set<string>,
): void {
  const index = new Map<string, number>();
  moments.forEach((m, i) => {
    if (index.has(m.id)) at([...base, i, 'id'], `moment id "${m.id}" is used twice in this perspective: give each moment its own id`);
    else index.set(m.id, i);
  });
  if (moments[0]?.branch) at([...base, 0, 'branch'], 'the first moment cannot be a branch: every run starts here');

  // A reference must point forward: that keeps every path finite, so it always ends in the closing.
  const checkRef = (ref: string | undefined, from: number, path: PathSegment[]) => {
    if (!ref || ref === END) return;
    const target = index.get(ref);
    if (target === undefined) at(path, `refers to moment "${ref}", which does not exist: use one of ${[...index.keys(), END].join(', ')}`);
    else if (target <= from) at(path, `refers to moment "${ref}", which does not come later: a branch may only jump forward (or to "end")`);
  };

  moments.forEach((moment, i) => {
    const path = [...base, i];
    checkRef(moment.next, i, [...path, 'next']);
    const choiceIds = new Set<string>();
    moment.choices.forEach((choice, c) => {
      const cpath = [...path, 'choices', c];
      if (choiceIds.has(choice.id)) at([...cpath, 'id'], `choice id "${choice.id}" is used twice in this moment: give each choice its own id`);
      choiceIds.add(choice.id);
      checkRef(choice.next, i, [...cpath, 'next']);
      for (const dim of Object.keys(choice.effects)) {
        if (!trained.has(dim)) at([...cpath, 'effects', dim], `effect on "${dim}", which this exercise does not train: add it to dimensions or remove the effect`);
      }
      if (choice.why && countSentences(choice.why) > 1) {
        at([...cpath, 'why'], 'keep why to one sentence: it is the one line the summary shows under "stronger"');
      }
      const sentences = countSentences(choice.feedback);
      if (sentences < FEEDBACK_SENTENCES.min || sentences > FEEDBACK_SENTENCES.max) {
        at([...cpath, 'feedback'], `has ${sentences} sentence${sentences === 1 ? '' : 's'}: keep feedback to ${FEEDBACK_SENTENCES.min} to ${FEEDBACK_SENTENCES.max} sentences`);
      }
    });
  });

  const reachable = reachableMoments(moments);
  moments.forEach((moment, i) => {
    if (!reachable.has(moment.id) && index.get(moment.id) === i) {
      at([...base, i], moment.branch
        ? `branch moment "${moment.id}" is never reached: point a choice's next to it, or remove it`
        : `moment "${moment.id}" is never reached: every path jumps past it; check the next fields before it`);
    }
  });
}

export function checkUniqueIds(entries: { id: string; source: SourceMap }[]): ContentProblem[] {
  const first = new Map<string, SourceMap>();
  const problems: ContentProblem[] = [];
  for (const { id, source } of entries) {
    const earlier = first.get(id);
    if (earlier) problems.push(problemAt(source, ['id'], `id "${id}" is already used by ${earlier.file}: ids must be unique across all files`));
    else first.set(id, source);
  }
  return problems;
}
