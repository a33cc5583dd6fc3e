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
  /** How many deliveries in all (at most MAX_DELIVERIES). */
  count: number;
  /** How many per week (1–5). */
  perWeek: number;
  /** Preferred time of day, "HH:MM", in the participant's time zone. */
  timeOfDay: string;
}

/** What the set-up card preselects, and what an input the Teams client leaves out means. */
export const DEFAULT_CADENCE = { perWeek: 2, weeks: 3, timeOfDay: '09:30' } as const;

/** The most deliveries a week can carry: one a working day, at most five. */
export function maxPerWeek(hours: WorkingHours): number {
  return Math.min(5, workingDays(hours).length);
}

/** More deliveries than a year's worth of five a week is no follow-up series: refused, not looped over. */
export const MAX_DELIVERIES = 260;

/** The preferred weekdays (1 = Monday) for each number per week in a Monday–Friday week: spread over the week. */
const PREFERRED: Record<number, number[]> = { 1: [2], 2: [2, 4], 3: [1, 3, 5], 4: [1, 2, 4, 5], 5: [1, 2, 3, 4, 5] };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The preferred time, kept inside working hours (a delivery never arrives at night). */
function clampTime(timeOfDay: string, hours: WorkingHours): number {
  return Math.min(Math.max(minutes(timeOfDay), minutes(hours.start)), minutes(hours.end) - 1);
}

/** The working weekdays, sorted and without repeats. Throws a RangeError when there are none. */
export function workingDays(hours: WorkingHours): number[] {
  const days = [...new Set(hours.days ?? WEEKDAYS)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort((a, b) => a - b);
  if (days.length === 0) throw new RangeError('no working days: at least one weekday (1 = Monday … 7 = Sunday) is needed to plan on');
  return days;
}

/**
 * The weekdays (1 = Monday) that carry a delivery at `perWeek` (1–5) a week. The preferred days
 * (Tuesday and Thursday for two, Monday, Wednesday and Friday for three) when they are all working
 * days; otherwise the deliveries are spread evenly over the working days. A week never carries more
 * than one delivery a day, so with fewer working days than `perWeek` every working day carries one.
 */
export function deliveryDays(perWeek: number, hours: WorkingHours): number[] {
  const days = workingDays(hours);
  const k = Math.min(5, Math.max(1, Math.round(Number.isFinite(perWeek) ? perWeek : 1)));
  if (k >= days.length) return days;
  const preferred = PREFERRED[k]!;
  if (preferred.every((d) => days.includes(d))) return preferred;
  // Evenly spaced positions among the n working days (spacing n/k > 1, so they never collide).
  return Array.from({ length: k }, (_, i) => days[Math.round(((i + 0.5) * days.length) / k - 0.5)]!);
}

/** Whether a local moment lies on a working day within working hours. */
function isWorking(t: DateTime, days: number[], start: number, end: number): boolean {
  const m = t.hour * 60 + t.minute;
  return days.includes(t.weekday) && m >= start && m < end;
}

/**
 * The due times of a series, in `zone`: from the day after `from`, one on each delivery day
 * (deliveryDays) at the preferred time kept inside working hours, until `cadence.count` are planned.
 * Never outside the working days and hours. Every week holds at least one delivery day, so the walk
 * over the calendar is bounded (count weeks, plus slack for a day whose time falls in a
 * daylight-saving gap and is skipped).
 * Throws a RangeError for an invalid zone, no working days, or a count above MAX_DELIVERIES.
 */
export function planDeliveries(from: Date, zone: string, cadence: Cadence, hours: WorkingHours): Date[] {
  if (!isValidZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`);
  if (!Number.isInteger(cadence.count) || cadence.count < 0 || cadence.count > MAX_DELIVERIES) {
    throw new RangeError(`a series has 0 to ${MAX_DELIVERIES} deliveries, not ${cadence.count}`);
  }
  const days = deliveryDays(cadence.perWeek, hours);
  const all = workingDays(hours);
  const [start, end] = [minutes(hours.start), minutes(hours.end)];
  const at = clampTime(cadence.timeOfDay, hours);
  const out: Date[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day').plus({ days: 1 });
  for (let i = 0; i < (cadence.count + 2) * 7 && out.length < cadence.count; i++, day = day.plus({ days: 1 })) {
    if (!days.includes(day.weekday)) continue;
    // In a daylight-saving gap luxon moves the time forward; outside working hours the day is skipped.
    const due = day.set({ hour: Math.floor(at / 60), minute: at % 60 });
    if (isWorking(due, all, start, end)) out.push(due.toJSDate());
  }
  return out;
}

/**
 * The first moment at or after `after` that lies on a working day within working hours, in `zone`.
 * Looks at most two weeks ahead (every week has a working day); throws a RangeError for an invalid
 * zone or no working days.
 */
export function nextWorkingMoment(after: Date, zone: string, hours: WorkingHours): Date {
  if (!isValidZone(zone)) throw new RangeError(`not an IANA time zone: ${zone}`);
  const days = workingDays(hours);
  const [start, end] = [minutes(hours.start), minutes(hours.end)];
  const t = DateTime.fromJSDate(after, { zone });
  if (isWorking(t, days, start, end)) return after;
  for (let i = 0; i <= 14; i++) {
    const day = t.startOf('day').plus({ days: i });
    if (!days.includes(day.weekday)) continue;
    const opening = day.set({ hour: Math.floor(start / 60), minute: start % 60 });
    // A day whose opening falls in a daylight-saving gap opens at the first minute that exists.
    if (opening > t && isWorking(opening, days, start, end)) return opening.toJSDate();
  }
  throw new RangeError('no working moment within two weeks (working hours that fall entirely in a daylight-saving gap?)');
}

const zoneValidity = new Map<string, boolean>();

export function isValidZone(zone: string | undefined): zone is string {
  if (!zone) return false;
  // Every turn asks (clientInfo's zone); luxon builds an Intl.DateTimeFormat to answer, so the
  // answers are kept. Bounded: a client can send any string as its zone.
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = DateTime.local().setZone(zone).isValid;
    if (zoneValidity.size >= 1000) zoneValidity.clear();
    zoneValidity.set(zone, valid);
  }
  return valid;
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
