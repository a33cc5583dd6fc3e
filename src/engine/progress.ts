/**
 * A follow-up series' progress per week: how many micro-exercises went out in each week since the
 * series started, and how many of those were answered. Week 1 starts at the series' creation;
 * weeks are counted in whole 7-day spans (not calendar weeks), so a series started on a Thursday
 * has its week 1 from that Thursday. An answer counts in the week its exercise went out, so a
 * week's two figures compare like with like (answered of delivered).
 */

export interface WeekProgress {
  /** 1-based. */
  week: number;
  delivered: number;
  answered: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `sent`: the delivered micro-exercises (sent or answered) with their send time. Every planned
 * week is listed (0 for weeks still to come), and any later week that received one (a pause moves
 * deliveries back). A delivery without a send time, or sent before the start, is not counted.
 */
export function weeklyProgress(start: Date, plannedWeeks: number, sent: readonly { sentAt?: Date; answered: boolean }[]): WeekProgress[] {
  const weekOf = (at: Date) => Math.floor((at.getTime() - start.getTime()) / WEEK_MS) + 1;
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
