/**
 * The personal summary at the end of a run: a profile over the dimensions, the strongest and
 * weakest, a tip per weak dimension, and the closing questions.
 *
 * A dimension's score compares what the participant earned with the best and worst they could
 * have earned at the moments they actually met: 100 = always the choice that helped it most,
 * 0 = always the one that cost it most. Dimensions no visited moment touched are not measured.
 * The recap and the focus of the tip come from src/engine/recap.ts.
 */
import type { Dimension, Perspective, Playable } from '../content/schema';
import type { RunState } from './state';
import { scriptOf } from './play';
import { focusOn, recapOf, type Focus, type MomentRecap } from './recap';

/** Below this score a dimension counts as weak and gets a tip. */
export const WEAK_BELOW = 50;

export interface DimensionScore {
  id: string;
  name: { nl: string; en: string };
  /** 0–100, rounded. */
  score: number;
  /** In a run's summary: how many answered moments measured this dimension (the weight of the score in an average over runs). */
  moments?: number;
}

export interface Summary {
  exerciseId: string;
  perspective: Perspective;
  answered: number;
  profile: DimensionScore[];
  strongest?: DimensionScore;
  weakest?: DimensionScore;
  /** One tip per weak dimension, weakest first; at least one (for the weakest) when anything was measured. */
  tips: { dimension: string; tip: string }[];
  reflection?: string;
  debrief: string[];
  /** Per answered moment: the choice, what it gained and cost, and a stronger choice if there was one. */
  recap: MomentRecap[];
  /** Where the participant lost most on their weakest dimension; the tip is about that moment. */
  focus?: Focus;
}

export function summarise(exercise: Playable, dimensions: readonly Dimension[], state: RunState): Summary {
  const script = scriptOf(exercise, state.perspective);
  const totals = new Map<string, { earned: number; best: number; worst: number; moments: number }>();
  for (const answer of state.answers) {
    const moment = script?.moments.find((m) => m.id === answer.moment);
    const chosen = moment?.choices.find((c) => c.id === answer.choice);
    if (!moment || !chosen) continue;
    const touched = new Set(moment.choices.flatMap((c) => Object.keys(c.effects)));
    for (const dim of touched) {
      const values = moment.choices.map((c) => c.effects[dim] ?? 0);
      const total = totals.get(dim) ?? { earned: 0, best: 0, worst: 0, moments: 0 };
      total.moments++;
      total.earned += chosen.effects[dim] ?? 0;
      total.best += Math.max(...values);
      total.worst += Math.min(...values);
      totals.set(dim, total);
    }
  }

  const byId = new Map(dimensions.map((d) => [d.id, d]));
  const profile: DimensionScore[] = exercise.dimensions.flatMap((id) => {
    const total = totals.get(id);
    if (!total) return [];
    const range = total.best - total.worst;
    const score = range === 0 ? 100 : Math.round(((total.earned - total.worst) / range) * 100);
    return [{ id, name: byId.get(id)?.name ?? { nl: id, en: id }, score, moments: total.moments }];
  });

  // Stable order on ties: the exercise's own order of dimensions.
  const ranked = [...profile].sort((a, b) => a.score - b.score);
  const weakest = ranked[0];
  const strongest = ranked.length > 1 ? ranked[ranked.length - 1] : ranked[0];
  const closing = script?.closing;
  const tipFor = (id: string) => closing?.tips[id] ?? byId.get(id)?.tip;
  const weak = ranked.filter((d) => d.score < WEAK_BELOW);
  const tipped = weak.length > 0 ? weak : weakest ? [weakest] : [];
  const tips = tipped.flatMap((d) => {
    const tip = tipFor(d.id);
    return tip ? [{ dimension: d.id, tip }] : [];
  });

  return {
    exerciseId: exercise.id,
    perspective: state.perspective,
    answered: state.answers.length,
    profile,
    strongest,
    weakest,
    tips,
    reflection: closing?.reflection,
    debrief: closing?.debrief ?? [],
    recap: recapOf(exercise, dimensions, state),
    focus: weakest ? focusOn(exercise, dimensions, state, weakest.id) : undefined,
  };
}
