/**
 * The anonymous figures of the trainer's report page and its CSV: counts and averages only, no
 * names or ids. Pure: the caller reads the session, its votes and its follow-up from the store.
 *
 * The minimum group (REPORT_MIN_GROUP, default 5) follows the usual rule for anonymous reporting
 * (no cell from fewer than k people, as in the CBS's and the AVG guidance's small-numbers rule):
 * below it the group's figures are withheld as a whole, and an average of a follow-up week from
 * fewer people than that is left out, so nobody's answers can be singled out.
 */
import { letter } from '../cards/bar';
import type { Library } from '../content/library';
import type { Dimension, Perspective, Playable } from '../content/schema';
import { groupProfile, microAnswerProfile, momentTitle, participantRuns, plannedWeeks, spreadOf, summarise, weekNumber, WEEK_MS, type GroupVote } from '../engine';
import type { Delivery, GroupSession, Series } from '../store/types';

export type Names = { nl: string; en: string };

export interface ChoiceFigure {
  letter: string;
  label: string;
  count: number;
  /** 0–100, rounded. */
  percent: number;
  feedback: string;
}

export interface MomentFigure {
  /** 1-based, in the order played. */
  number: number;
  title: string;
  says: string;
  voters: number;
  choices: ChoiceFigure[];
  /** The debrief question the revealed card showed for this moment, if any. */
  debrief?: string;
}

export interface DimensionFigure {
  id: string;
  name: Names;
  /** 0–100, rounded; undefined when fewer than the minimum number of people answered. */
  average?: number;
  /** Answers (group: participants) that measured the dimension. */
  answers: number;
}

export interface WeekFigure {
  /** 1-based: week 1 is the first seven days from the series' start. */
  week: number;
  /** The first day of the week (the series' start + 7 × (week − 1) days). */
  from: Date;
  planned: number;
  delivered: number;
  answered: number;
  dimensions: DimensionFigure[];
}

export interface FollowupFigures {
  enrolled: number;
  /** False when fewer than the minimum were enrolled: nothing else is given. */
  shown: boolean;
  weeks: WeekFigure[];
  /** Over the whole series. */
  dimensions: DimensionFigure[];
}

export interface ReportFigures {
  title: string;
  perspective: Perspective;
  date: Date;
  participants: number;
  minGroup: number;
  /** False when the group is smaller than the minimum: moments, profile and follow-up are empty. */
  shown: boolean;
  moments: MomentFigure[];
  profile: DimensionFigure[];
  debrief: string[];
  followup?: FollowupFigures;
}

export interface FollowupInput {
  series: Series;
  enrolled: number;
  deliveries: Delivery[];
}

/** The report's figures for a finished (or running) group session; undefined when its exercise left the library. */
export function reportFigures(library: Library, session: GroupSession, votes: GroupVote[], minGroup: number, followup?: FollowupInput): ReportFigures | undefined {
  const item = library.get(session.exerciseId);
  const script = item?.exercise.perspectives[session.perspective];
  if (!item || !script) return undefined;
  const participants = new Set(votes.map((v) => v.userId)).size;
  const shown = participants >= minGroup;
  const base = { title: item.exercise.title, perspective: session.perspective, date: session.startedAt, participants, minGroup, shown, debrief: script.closing?.debrief ?? [] };
  if (!shown) return { ...base, moments: [], profile: [] };
  const seed = session.seed ?? null;
  const moments = session.path.flatMap((step, i): MomentFigure[] => {
    const moment = script.moments.find((m) => m.id === step.moment);
    if (!moment) return [];
    const byId = new Map(moment.choices.map((c) => [c.id, c]));
    const spread = spreadOf(item.exercise, session.perspective, moment.id, votes, seed);
    return [{
      number: i + 1,
      title: momentTitle(moment),
      says: moment.says,
      voters: spread.reduce((n, s) => n + s.count, 0),
      choices: spread.map((s, c) => ({ letter: letter(c), label: s.label, count: s.count, percent: s.percent, feedback: byId.get(s.choiceId)?.feedback ?? '' })),
      // The revealed card of the i-th moment showed debrief[i mod n] (GroupCardViews.moment).
      ...(base.debrief.length > 0 ? { debrief: base.debrief[i % base.debrief.length] } : {}),
    }];
  });
  const played = new Set(session.path.map((p) => p.moment));
  const profileVotes = votes.filter((v) => played.has(v.momentId));
  const counted = countMeasured(item.exercise, item.dimensions, session.perspective, profileVotes);
  const profile = groupProfile(item.exercise, item.dimensions, session.perspective, profileVotes).map((d): DimensionFigure => {
    const answers = counted.get(d.id) ?? 0;
    // A dimension only some measured (they left before its moments) is an average of fewer people.
    return { id: d.id, name: d.name, answers, ...(answers >= minGroup ? { average: d.score } : {}) };
  });
  return { ...base, moments, profile, ...(followup ? { followup: followupFigures(library, followup, minGroup) } : {}) };
}

/** Per dimension, how many participants' runs measured it (the n behind the group's average). */
function countMeasured(exercise: Playable, dimensions: readonly Dimension[], perspective: Perspective, votes: GroupVote[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of participantRuns(exercise, perspective, votes).values()) {
    for (const d of summarise(exercise, dimensions, run).profile) counts.set(d.id, (counts.get(d.id) ?? 0) + 1);
  }
  return counts;
}

interface Scored {
  userId: string;
  dimension: string;
  name: Names;
  score: number;
}

/** The dimensions one answered micro-exercise measured, with their scores (as the follow-up report card counts them). */
export function answerScores(library: Library, delivery: Delivery): Omit<Scored, 'userId'>[] {
  const item = delivery.microId ? library.get(delivery.microId) : undefined;
  if (!item || !delivery.choiceId) return [];
  return microAnswerProfile(item.exercise, item.dimensions, delivery.choiceId).map((p) => ({ dimension: p.id, name: p.name, score: p.score }));
}

/** Averages per dimension over answers, withheld where fewer than `minGroup` people gave them. */
function averages(scored: Scored[], order: { id: string; name: Names }[], minGroup: number): DimensionFigure[] {
  return order.map(({ id, name }) => {
    const mine = scored.filter((s) => s.dimension === id);
    const people = new Set(mine.map((s) => s.userId)).size;
    const average = mine.length > 0 && people >= minGroup ? Math.round(mine.reduce((a, s) => a + s.score, 0) / mine.length) : undefined;
    return { id, name, answers: mine.length, ...(average === undefined ? {} : { average }) };
  });
}

function followupFigures(library: Library, input: FollowupInput, minGroup: number): FollowupFigures {
  if (input.enrolled < minGroup) return { enrolled: input.enrolled, shown: false, weeks: [], dimensions: [] };
  const start = input.series.createdAt.getTime();
  // Weeks as on the vervolg rapport card (engine weeklyProgress): 7 days from the series' start, a delivery in the week it was sent.
  const weekOf = (d: Delivery) => Math.max(1, weekNumber(input.series.createdAt, d.sentAt ?? d.dueAt));
  const scored = input.deliveries.filter((d) => d.status === 'answered').flatMap((d) => answerScores(library, d).map((s) => ({ ...s, userId: d.userId, week: weekOf(d) })));
  // Every dimension the series measured, in the order first met; each week gets a row for each.
  const order = [...new Map(scored.map((s) => [s.dimension, { id: s.dimension, name: s.name }])).values()];
  const last = Math.max(plannedWeeks(input.series.cadence), 1, ...input.deliveries.map(weekOf));
  const weeks = Array.from({ length: last }, (_, i): WeekFigure => {
    const week = i + 1;
    const these = input.deliveries.filter((d) => weekOf(d) === week);
    return {
      week,
      from: new Date(start + i * WEEK_MS),
      planned: these.length,
      delivered: these.filter((d) => d.status === 'sent' || d.status === 'answered').length,
      answered: these.filter((d) => d.status === 'answered').length,
      dimensions: averages(scored.filter((s) => s.week === week), order, minGroup),
    };
  });
  return { enrolled: input.enrolled, shown: true, weeks, dimensions: averages(scored, order, minGroup) };
}
