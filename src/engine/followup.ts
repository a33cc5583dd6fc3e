/**
 * Follow-up after a workshop, the pure part: when deliveries fall (the participant's working days
 * and hours, in their time zone) and which micro-exercise comes next (weakest dimensions first,
 * and a poorly answered one again after a few days: spacing).
 */
import { DateTime } from 'luxon';

export interface WorkingHours {
  /** "09:00" */
  start: string;
  /** "17:00" */
  end: string;
  /** Working weekdays, 1 = Monday; Monday to Friday when absent. */
  days?: number[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];

export interface Cadence {
  /** How many deliveries in all. */
  count: number;
  /** How many per week (1–5). */
  perWeek: number;
  /** Preferred time of day, "HH:MM", in the participant's time zone. */
  timeOfDay: string;
}

/** Which weekdays (1 = Monday) carry a delivery, for each number per week: spread over the week. */
const DAYS: Record<number, number[]> = { 1: [2], 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5] };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The preferred time, kept inside working hours (a delivery never arrives at night). */
function clampTime(timeOfDay: string, hours: WorkingHours): number {
  return Math.min(Math.max(minutes(timeOfDay), minutes(hours.start)), minutes(hours.end) - 1);
}

/**
 * The due times of a series, starting on the first planned weekday after `from`, in `zone`.
 * Never in the weekend, always within working hours.
 */
export function planDeliveries(from: Date, zone: string, cadence: Cadence, hours: WorkingHours): Date[] {
  const days = DAYS[Math.min(5, Math.max(1, Math.round(cadence.perWeek)))]!;
  const at = clampTime(cadence.timeOfDay, hours);
  const out: Date[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days: 1 });
  while (out.length < cadence.count) {
    if (days.includes(day.weekday) && (hours.days ?? WEEKDAYS).includes(day.weekday)) out.push(day.set({ hour: Math.floor(at / 60), minute: at % 60 }).toJSDate());
    day = day.plus({ days: 1 });
  }
  return out;
}

/** The first moment at or after `after` that lies on a working day within working hours, in `zone`. */
export function nextWorkingMoment(after: Date, zone: string, hours: WorkingHours): Date {
  let t = DateTime.fromJSDate(after, { zone });
  const start = minutes(hours.start);
  const end = minutes(hours.end);
  const working = (weekday: number) => (hours.days ?? WEEKDAYS).includes(weekday);
  for (let i = 0; i < 14; i++) {
    const m = t.hour * 60 + t.minute;
    if (working(t.weekday) && m >= start && m < end) return t.toJSDate();
    const nextDay = m >= end || !working(t.weekday);
    t = (nextDay ? t.plus({ days: 1 }) : t).set({ hour: Math.floor(start / 60), minute: start % 60, second: 0, millisecond: 0 });
  }
  return t.toJSDate();
}

export function isValidZone(zone: string | undefined): zone is string {
  return !!zone && DateTime.local().setZone(zone).isValid;
}

export interface MicroCandidate {
  id: string;
  dimensions: string[];
}

export interface AnswerHistory {
  microId: string;
  answeredAt: Date;
  /** 0–100: how well the answer served the exercise's dimensions. */
  score: number;
}

/** Below this an answer counts as poor and the micro-exercise comes back after SPACING_DAYS. */
export const POOR_BELOW = 50;
export const SPACING_DAYS = 3;

/**
 * The next micro-exercise for a participant: first a poorly answered one that is due again
 * (answered at least SPACING_DAYS ago and not repeated since), else the unseen one that trains
 * their weakest dimensions (unknown dimensions count as 50), else the one seen longest ago.
 */
export function pickMicro(pool: MicroCandidate[], history: AnswerHistory[], profile: Map<string, number>, now: Date, sent: string[] = []): string | undefined {
  if (pool.length === 0) return undefined;
  const last = new Map<string, AnswerHistory>();
  for (const h of [...history].sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime())) last.set(h.microId, h);
  const dueAgain = [...last.values()]
    .filter((h) => h.score < POOR_BELOW && now.getTime() - h.answeredAt.getTime() >= SPACING_DAYS * 86_400_000 && pool.some((p) => p.id === h.microId))
    .sort((a, b) => a.score - b.score || a.answeredAt.getTime() - b.answeredAt.getTime());
  if (dueAgain[0]) return dueAgain[0].microId;

  const weakness = (c: MicroCandidate) => {
    const scores = c.dimensions.map((d) => profile.get(d) ?? 50);
    return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
  };
  const seen = new Set([...sent, ...last.keys()]);
  const unseen = pool.filter((c) => !seen.has(c.id)).sort((a, b) => weakness(a) - weakness(b) || a.id.localeCompare(b.id));
  if (unseen[0]) return unseen[0].id;
  const order = (id: string) => last.get(id)?.answeredAt.getTime() ?? -Infinity;
  return [...pool].sort((a, b) => order(a.id) - order(b.id) || a.id.localeCompare(b.id))[0]!.id;
}
