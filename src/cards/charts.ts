/**
 * Chart data for the Teams chart elements on cards, and the rows of their text fallbacks, built
 * from one list of figures so that a chart and its fallback can never disagree: each row carries
 * the number the chart plots (`value`) and the text a client without charts shows (`bar`, `score`).
 *
 * Elements and properties as in Microsoft's "Charts in Adaptive Cards" (Teams platform docs,
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/charts-in-adaptive-cards):
 * `Chart.HorizontalBar` (data `{ x, y }`, `displayMode`), `Chart.VerticalBar.Grouped` (data
 * `{ legend, values: [{ x, y }] }`), each with an element-level `fallback`. Cards stay version 1.5,
 * as in the doc's samples. The templates in cards/ place them and pick their named colours (the
 * doc's `color`/`colorSet` values, not hex: Teams maps them per theme, light, dark and high
 * contrast); this module only shapes figures.
 */
import type { WeekProgress } from '../engine';
import { strings, type Lang } from '../i18n';
import { bar as textBar } from './bar';

/**
 * How a spread of votes is drawn: as parts of the whole, like a poll's results; with no votes at
 * all there is no whole to divide, so plain bars (of zero) on an axis.
 */
export const spreadMode = (counts: readonly number[]) => (counts.some((n) => n > 0) ? 'PartToWhole' : 'AbsoluteWithAxis');

/** A dimension's 0–100 score: the chart's value and the text bar row that stands in for it. */
export interface ProfileRow {
  name: string;
  /** 0–100, plotted. */
  value: number;
  /** The same score as text, formatted in `lang`. */
  score: string;
  bar: string;
}

export function profileRows(lang: Lang, dims: readonly { name: string; score: number }[], width = 10): ProfileRow[] {
  const c = strings(lang).charts;
  return dims.map((d) => ({ name: d.name, value: d.score, score: c.scoreValue(d.score), bar: textBar(d.score, width) }));
}

/**
 * Both roles of one case per dimension, for `Chart.VerticalBar.Grouped`: one series per role
 * (legend), x the dimension's name. Only dimensions both roles measured are compared.
 */
export function bothRolesSeries(lang: Lang, roles: { legend: string; profile: readonly { name: string; score: number }[] }[]) {
  const names = roles[0]!.profile.map((d) => d.name).filter((n) => roles.every((r) => r.profile.some((d) => d.name === n)));
  const series = roles.map((r) => ({ legend: r.legend, values: names.map((n) => ({ x: n, y: r.profile.find((d) => d.name === n)!.score })) }));
  // The fallback: per dimension one line with each role's text bar and score.
  const rows = names.map((n, i) => ({
    name: n,
    roles: roles.map((r, j) => ({ legend: r.legend, bar: textBar(series[j]!.values[i]!.y), score: strings(lang).charts.scoreValue(series[j]!.values[i]!.y) })),
  }));
  return { series, rows };
}

/** Delivered and answered micro-exercises of one week of a follow-up series (engine weeklyProgress). */
export type WeekFigures = WeekProgress;

/** Progress per week as two series (delivered, answered) and the fallback's lines, from the same figures. */
export function weekSeries(lang: Lang, weeks: readonly WeekFigures[]) {
  const t = strings(lang);
  const x = (w: WeekFigures) => t.charts.week(w.week);
  return {
    series: [
      { legend: t.followup.facts.delivered, values: weeks.map((w) => ({ x: x(w), y: w.delivered })) },
      { legend: t.followup.facts.answered, values: weeks.map((w) => ({ x: x(w), y: w.answered })) },
    ],
    rows: weeks.map((w) => ({
      name: x(w),
      // The share answered of what went out that week, as the bar; both counts as text.
      bar: textBar(w.delivered ? (w.answered / w.delivered) * 100 : 0),
      text: t.charts.weekRow(w.delivered, w.answered),
    })),
  };
}
