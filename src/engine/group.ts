/**
 * Group play on top of the same state machine: the group follows the most-chosen answer of each
 * moment (ties go to the choice shown first), the spread is counted per choice in the order
 * shown, and the group's profile is the average of each participant's own profile. `seed` is
 * the session's choice order (one order per moment for the whole group; null: file order).
 */
import type { Dimension, Perspective, Playable } from '../content/schema';
import { shownChoices } from './order';
import { scriptOf } from './play';
import { summarise, type DimensionScore } from './summary';
import { RUN_STATE_VERSION, type RunState } from './state';

export interface GroupVote {
  momentId: string;
  userId: string;
  choiceId: string;
}

export interface Spread {
  choiceId: string;
  label: string;
  count: number;
  /** 0–100, rounded; 0 when nobody chose. */
  percent: number;
}

/** Per choice, in the order shown (A first): how many chose it. */
export function spreadOf(exercise: Playable, perspective: Perspective, momentId: string, votes: GroupVote[], seed: number | null): Spread[] {
  const moment = scriptOf(exercise, perspective)?.moments.find((m) => m.id === momentId);
  if (!moment) return [];
  const relevant = votes.filter((v) => v.momentId === momentId);
  return shownChoices(moment, seed).map((choice) => {
    const count = relevant.filter((v) => v.choiceId === choice.id).length;
    return { choiceId: choice.id, label: choice.label, count, percent: relevant.length ? Math.round((count / relevant.length) * 100) : 0 };
  });
}

/**
 * The choice the group follows: the most chosen; on a tie, or with no votes, the one shown
 * first on the group's card (not the first in the file, which is usually the strongest).
 */
export function groupChoice(exercise: Playable, perspective: Perspective, momentId: string, votes: GroupVote[], seed: number | null): string | undefined {
  const spread = spreadOf(exercise, perspective, momentId, votes, seed);
  let best = spread[0];
  for (const s of spread) if (best && s.count > best.count) best = s;
  return best?.choiceId;
}

/** Each participant's answers as a run, so the engine's own summary applies to them. */
export function participantRuns(exercise: Playable, perspective: Perspective, votes: GroupVote[], seed: number | null = null): Map<string, RunState> {
  const runs = new Map<string, RunState>();
  for (const vote of votes) {
    const run: RunState = runs.get(vote.userId) ?? { v: RUN_STATE_VERSION, exerciseId: exercise.id, perspective, current: null, answers: [], seed };
    run.answers.push({ moment: vote.momentId, choice: vote.choiceId });
    runs.set(vote.userId, run);
  }
  return runs;
}

/** The group's profile: per dimension the average of the participants' scores. */
export function groupProfile(exercise: Playable, dimensions: readonly Dimension[], perspective: Perspective, votes: GroupVote[]): DimensionScore[] {
  const totals = new Map<string, { score: number; n: number; name: DimensionScore['name'] }>();
  for (const run of participantRuns(exercise, perspective, votes).values()) {
    for (const d of summarise(exercise, dimensions, run).profile) {
      const t = totals.get(d.id) ?? { score: 0, n: 0, name: d.name };
      t.score += d.score;
      t.n++;
      totals.set(d.id, t);
    }
  }
  return exercise.dimensions.flatMap((id) => {
    const t = totals.get(id);
    return t ? [{ id, name: t.name, score: Math.round(t.score / t.n) }] : [];
  });
}
