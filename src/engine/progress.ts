/**
 * A follow-up series' progress per week: how many micro-exercises went out in each week since the
 * series started, and how many of those were answered. Week 1 starts at the series' creation;
 * weeks are counted in whole 7-day spans (not calendar weeks), so a series started on a Thursday
 * has its week 1 from that Thursday. An answer counts in the week its exercise went out, so a
 * week's two figures compare like with like (answered of delivered).
 */
import type { Dimension, Playable } from '../content/schema';
import { RUN_STATE_VERSION, type RunState } from './state';
import { summarise } from './summary';

export interface WeekProgress {
  /** 1-based. */
  week: number;
  delivered: number;
  answered: number;
}

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The 1-based week of `at` in a series that started at `start` (whole 7-day spans). */
export function weekNumber(start: Date, at: Date): number {
  return Math.floor((at.getTime() - start.getTime()) / WEEK_MS) + 1;
}

/** The weeks a series' cadence plans: `count` deliveries at `perWeek` a week, the last week partly used. */
export function plannedWeeks(cadence: { count: number; perWeek: number }): number {
  return cadence.count > 0 && cadence.perWeek > 0 ? Math.ceil(cadence.count / cadence.perWeek) : 0;
}

/**
 * What one answered micro-exercise measured: its profile per dimension for the choice made, in
 * the perspective whose (single) moment offers that choice. Empty when the choice is not in it
 * (content changed since). The follow-up report card and the trainer's report page both count this.
 */
export function microAnswerProfile(exercise: Playable, dimensions: readonly Dimension[], choiceId: string) {
  for (const perspective of ['ambtenaar', 'bestuurder'] as const) {
    const moment = exercise.perspectives[perspective]?.moments[0];
    if (!moment?.choices.some((c) => c.id === choiceId)) continue;
    const run: RunState = { v: RUN_STATE_VERSION, exerciseId: exercise.id, perspective, current: null, answers: [{ moment: moment.id, choice: choiceId }], seed: null };
    return summarise(exercise, dimensions, run).profile;
  }
  return [];
}

/**
 * `sent`: the delivered micro-exercises (sent or answered) with their send time. Every planned
 * week is listed (0 for weeks still to come), and any later week that received one (a pause moves
 * deliveries back). A delivery without a send time, or sent before the start, is not counted.
 */
export function weeklyProgress(start: Date, plannedWeeks: number, sent: readonly { sentAt?: Date; answered: boolean }[]): WeekProgress[] {
  const weekOf = (at: Date) => weekNumber(start, at);
  const counted = sent.filter((d): d is { sentAt: Date; answered: boolean } => d.sentAt !== undefined && d.sentAt.getTime() >= start.getTime());
  const last = Math.max(plannedWeeks, ...counted.map((d) => weekOf(d.sentAt)));
  const weeks = Array.from({ length: last }, (_, i) => ({ week: i + 1, delivered: 0, answered: 0 }));
  for (const d of counted) {
    const w = weeks[weekOf(d.sentAt) - 1]!;
    w.delivered++;
    if (d.answered) w.answered++;
  }
  return weeks;
}
