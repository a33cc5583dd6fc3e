/**
 * "Mijn resultaten": the participant's profile over all their finished runs, how it moved within
 * one role, and per case the latest result of each role side by side (perspectiefwisseling),
 * overall and per dimension.
 *
 * - A dimension's score is the average over the runs that measured it, each run weighted by the
 *   number of moments that measured it there, so a group exercise the trainer cut short after one
 *   moment weighs one moment, not a whole run. Runs saved before that count was kept weigh 1.
 * - A change is only shown against the previous run in the same role: an ambtenaar's score and a
 *   bestuurder's measure different behaviour.
 */
import type { Perspective } from '../content/schema';

export interface RunRecord {
  exerciseId: string;
  perspective: Perspective;
  mode: 'solo' | 'group' | 'followup';
  finishedAt: Date;
  partial?: boolean;
  profile: { dimension: string; score: number; moments?: number }[];
}

export interface ProfileLine {
  dimension: string;
  /** 0–100, rounded. */
  score: number;
  /** The latest run's score minus the previous run's in the same role, when both measured it. */
  change?: { delta: number; perspective: Perspective };
}

export interface RoleResult {
  /** The latest run's overall score in this role: its dimensions' scores, weighted by moments. */
  score: number;
  partial: boolean;
  mode: RunRecord['mode'];
  finishedAt: Date;
  /** How many times this role was finished in this case. */
  runs: number;
  /** The latest run's score per dimension (0–100), for both roles side by side. */
  profile: { dimension: string; score: number }[];
}

export interface CaseResults {
  exerciseId: string;
  ambtenaar?: RoleResult;
  bestuurder?: RoleResult;
}

export interface Results {
  profile: ProfileLine[];
  /** Cases in the order last played (newest first). */
  cases: CaseResults[];
}

const weightOf = (p: { moments?: number }) => p.moments ?? 1;

function weightedMean(items: { score: number; moments?: number }[]): number | undefined {
  const weight = items.reduce((a, p) => a + weightOf(p), 0);
  return weight > 0 ? Math.round(items.reduce((a, p) => a + p.score * weightOf(p), 0) / weight) : undefined;
}

/** `runs` newest first, as the run store lists them. */
export function resultsOf(runs: readonly RunRecord[]): Results {
  const byDimension = new Map<string, { score: number; moments?: number }[]>();
  // Oldest first, so dimensions keep the order in which the participant first met them.
  for (const run of [...runs].reverse()) {
    for (const p of run.profile) byDimension.set(p.dimension, [...(byDimension.get(p.dimension) ?? []), p]);
  }
  const latest = runs[0];
  const profile = [...byDimension.entries()].map(([dimension, scores]): ProfileLine => {
    const mine = latest?.profile.find((p) => p.dimension === dimension);
    const before = latest && runs.slice(1).find((r) => r.perspective === latest.perspective && r.profile.some((p) => p.dimension === dimension));
    const previous = before?.profile.find((p) => p.dimension === dimension);
    return {
      dimension,
      score: weightedMean(scores)!,
      ...(latest && mine && previous ? { change: { delta: mine.score - previous.score, perspective: latest.perspective } } : {}),
    };
  });

  const cases = new Map<string, CaseResults>();
  for (const run of runs) {
    const entry = cases.get(run.exerciseId) ?? { exerciseId: run.exerciseId };
    cases.set(run.exerciseId, entry);
    const known = entry[run.perspective];
    if (known) known.runs++;
    else {
      const score = weightedMean(run.profile);
      if (score !== undefined) entry[run.perspective] = { score, partial: run.partial ?? false, mode: run.mode, finishedAt: run.finishedAt, runs: 1, profile: run.profile.map((p) => ({ dimension: p.dimension, score: p.score })) };
    }
  }
  return { profile, cases: [...cases.values()] };
}
