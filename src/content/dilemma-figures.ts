/**
 * Dilemma figures (issue 14): how guessable a moment is, computed from its choices' effects and
 * labels only. Pure (no I/O): the validator, `npm run validate -- --stats` and the trainer
 * studio all call this one implementation, so a figure means the same everywhere.
 *
 * Definitions (all effects missing from a choice count as 0):
 * - net score: the sum of a choice's effects (each -2 … +2, see schema Effects);
 * - gap: best net score minus the second-best (0 when the best two tie);
 * - dominating choice: one that is at least as good as every other choice on every dimension
 *   and better than each of them on at least one (so the answer needs no weighing at all);
 * - every choice costs: each choice has at least one negative effect (a least-bad dilemma);
 * - longest label is best: the longest label (the first, on a tie) has the highest net score
 *   (ties for best count), the cue the review found in two thirds of the moments.
 */
import { PERSPECTIVES, type Moment, type Perspective, type Playable } from './schema';

/** Targets for the shipped library, from issue 14. */
export const DILEMMA_TARGETS = {
  /** At least this share of all moments has a gap of at most `closeGap`. */
  closeShare: 0.5,
  closeGap: 1,
  /** The longest label is the best choice in at most this share of all moments. */
  longestBestShare: 1 / 3,
} as const;

export interface ChoiceFigures {
  id: string;
  net: number;
  labelLength: number;
  /** Has at least one negative effect. */
  costs: boolean;
}

export interface MomentFigures {
  perspective: Perspective;
  /** Index in the perspective's moments (for the path in a problem). */
  index: number;
  id: string;
  /** Marked `easy: true`: a dominating choice is intended here. */
  easy: boolean;
  choices: ChoiceFigures[];
  gap: number;
  /** The id of the choice that dominates all others, if there is one. */
  dominating?: string;
  everyChoiceCosts: boolean;
  longestIsBest: boolean;
}

export interface Totals {
  moments: number;
  /** Moments with gap ≤ DILEMMA_TARGETS.closeGap. */
  close: number;
  everyChoiceCosts: number;
  longestIsBest: number;
  /** Dominating choices in moments not marked easy. */
  unmarkedDominating: number;
}

export interface ExerciseFigures {
  exerciseId: string;
  moments: MomentFigures[];
  totals: Totals;
}

type Effects = Record<string, number>;

/** True when `a` is at least as good as `b` on every dimension and better on at least one. */
export function dominates(a: Effects, b: Effects): boolean {
  let better = false;
  for (const dim of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const diff = (a[dim] ?? 0) - (b[dim] ?? 0);
    if (diff < 0) return false;
    if (diff > 0) better = true;
  }
  return better;
}

export function netScore(effects: Effects): number {
  return Object.values(effects).reduce((sum, v) => sum + v, 0);
}

export function momentFigures(moment: Moment, perspective: Perspective, index: number): MomentFigures {
  const choices = moment.choices.map((c) => ({
    id: c.id,
    net: netScore(c.effects),
    labelLength: c.label.length,
    costs: Object.values(c.effects).some((v) => v < 0),
  }));
  const nets = choices.map((c) => c.net).sort((a, b) => b - a);
  const best = nets[0] ?? 0;
  const gap = nets.length > 1 ? best - nets[1]! : 0;
  const dominating = moment.choices.find((c) => moment.choices.every((o) => o === c || dominates(c.effects, o.effects)));
  const longest = choices.reduce((l, c) => (c.labelLength > l.labelLength ? c : l), choices[0]!);
  return {
    perspective,
    index,
    id: moment.id,
    easy: moment.easy === true,
    choices,
    gap,
    dominating: dominating?.id,
    everyChoiceCosts: choices.every((c) => c.costs),
    longestIsBest: longest.net === best,
  };
}

export function totalsOf(moments: readonly MomentFigures[]): Totals {
  return {
    moments: moments.length,
    close: moments.filter((m) => m.gap <= DILEMMA_TARGETS.closeGap).length,
    everyChoiceCosts: moments.filter((m) => m.everyChoiceCosts).length,
    longestIsBest: moments.filter((m) => m.longestIsBest).length,
    unmarkedDominating: moments.filter((m) => m.dominating && !m.easy).length,
  };
}

/** Every moment of every perspective, branch moments included (a participant can meet them). */
export function exerciseFigures(exercise: Playable): ExerciseFigures {
  const moments = PERSPECTIVES.flatMap((p) => exercise.perspectives[p]?.moments.map((m, i) => momentFigures(m, p, i)) ?? []);
  return { exerciseId: exercise.id, moments, totals: totalsOf(moments) };
}

export function libraryTotals(exercises: readonly ExerciseFigures[]): Totals {
  return totalsOf(exercises.flatMap((e) => e.moments));
}

export interface TargetResult {
  name: 'no-unmarked-dominating' | 'close-gaps' | 'least-bad-per-case' | 'longest-label';
  met: boolean;
  /** The figure the target is about, e.g. "31/63 moments (49%)". */
  figure: string;
}

/** Share as "31/63 (49%)"; "0/0" for an empty set. */
export function share(part: number, whole: number): string {
  return whole === 0 ? '0/0' : `${part}/${whole} (${Math.round((100 * part) / whole)}%)`;
}

/**
 * Checks the library targets of issue 14 on a set of exercises. `cases` are the exercises of
 * kind case (not micro): each needs at least one moment where every choice costs.
 */
export function libraryTargets(all: readonly ExerciseFigures[], cases: readonly ExerciseFigures[]): TargetResult[] {
  const t = libraryTotals(all);
  const withoutLeastBad = cases.filter((c) => c.totals.everyChoiceCosts === 0).length;
  return [
    { name: 'no-unmarked-dominating', met: t.unmarkedDominating === 0, figure: `${t.unmarkedDominating}` },
    { name: 'close-gaps', met: t.moments > 0 && t.close >= DILEMMA_TARGETS.closeShare * t.moments, figure: share(t.close, t.moments) },
    { name: 'least-bad-per-case', met: withoutLeastBad === 0, figure: share(cases.length - withoutLeastBad, cases.length) },
    { name: 'longest-label', met: t.longestIsBest <= DILEMMA_TARGETS.longestBestShare * t.moments, figure: share(t.longestIsBest, t.moments) },
  ];
}
