/** Card data for follow-up: the set-up card, a micro-exercise, its feedback, and the trainer's report. */
import type { LoadedPlayable } from '../content/load';
import type { Perspective } from '../content/schema';
import { DEFAULT_CADENCE, maxPerWeek, plannedWeeks, shownChoices, type DimensionScore, type Feedback, type WorkingHours } from '../engine';
import { strings, type Lang } from '../i18n';
import type { Series, SeriesReport } from '../store/types';
import { letter } from './bar';
import { profileRows, weekSeries, type WeekFigures } from './charts';
import { choiceRows } from './views';
import type { Card, CardRenderer } from './render';
import { themeNames } from './views';


/** The half hours from the start of working hours to the last one before their end, as "HH:MM" (24-hour). */
export function halfHours(hours: { start: string; end: string }): string[] {
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const out: string[] = [];
  for (let m = Math.ceil(toMinutes(hours.start) / 30) * 30; m < toMinutes(hours.end); m += 30) {
    out.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  }
  return out;
}

export class FollowupCardViews {
  constructor(private readonly renderer: CardRenderer) {}

  /** For a trainer after a group exercise (with sessionId), or for a participant in 1:1 chat. */
  setup(lang: Lang, micros: LoadedPlayable[], hours: WorkingHours, group?: { sessionId: string }): Card {
    const t = strings(lang);
    const f = t.followup;
    const themes = [...themeNames(micros, lang).entries()].sort((a, b) => a[1].localeCompare(b[1], lang));
    return this.renderer.render('followup-setup', {
      t: { title: f.setupTitle, intro: group ? f.setupIntroGroup : f.setupIntroSelf, theme: f.theme, role: f.role, perWeek: f.perWeek, weeks: f.weeks, time: f.time, everyone: f.everyone, submit: group ? f.submitGroup : f.submitSelf },
      themes: [{ title: f.allThemes, value: 'all' }, ...themes.map(([id, name]) => ({ title: name, value: id }))],
      askRole: !group,
      roles: [{ title: f.either, value: 'either' }, { title: t.perspective.ambtenaar, value: 'ambtenaar' }, { title: t.perspective.bestuurder, value: 'bestuurder' }],
      // Never more per week than there are working days (WORK_DAYS): those could not be planned.
      perWeek: [1, 2, 3].filter((n) => n <= maxPerWeek(hours)).map((n) => ({ title: f.times(n), value: String(n) })),
      weeks: [1, 2, 3, 4, 6, 8].map((n) => ({ title: f.weeksN(n), value: String(n) })),
      // A list of times, not Input.Time: the client renders that in its own locale ("9:30 AM" in a Dutch card).
      times: halfHours(hours).map((hhmm) => ({ title: hhmm, value: hhmm })),
      defaults: {
        perWeek: String(Math.min(DEFAULT_CADENCE.perWeek, maxPerWeek(hours))),
        weeks: String(DEFAULT_CADENCE.weeks),
        time: halfHours(hours).includes(DEFAULT_CADENCE.timeOfDay) ? DEFAULT_CADENCE.timeOfDay : halfHours(hours)[0] ?? hours.start,
      },
      askEveryone: !!group,
      verb: group ? 'followup.create' : 'followup.enrol',
      sessionId: group?.sessionId ?? '-',
    });
  }

  /**
   * A micro-exercise card, its choices in the delivery's order (`seed`; null: file order); with
   * `answered` (the position chosen, A = 0) the read-only version that replaces it after the answer.
   */
  micro(lang: Lang, item: LoadedPlayable, perspective: Perspective, deliveryId: string, seed: number | null, answered?: number): Card {
    const t = strings(lang);
    const f = t.followup;
    const script = item.exercise.perspectives[perspective]!;
    const moment = script.moments[0]!;
    const choices = choiceRows(shownChoices(moment, seed), answered);
    return this.renderer.render('micro', {
      header: f.header(item.exercise.minutes),
      title: item.exercise.title,
      word: 'word' in item.exercise && item.exercise.word ? f.word(item.exercise.word) : '',
      briefing: script.briefing,
      speaker: `${script.counterpart.name}, ${script.counterpart.function}`,
      says: moment.says,
      context: moment.context ?? '',
      question: f.question,
      choices,
      buttons: answered === undefined ? choices : [],
      answered: answered === undefined ? '' : t.play.yourChoice(letter(answered)),
      deliveryId,
      footer: f.footer,
    });
  }

  feedback(lang: Lang, item: LoadedPlayable, perspective: Perspective, feedback: Feedback, footer: string): Card {
    const f = strings(lang).followup;
    return this.renderer.render('micro-feedback', {
      yourChoice: strings(lang).play.yourChoice(letter(feedback.position)),
      label: feedback.label,
      feedback: feedback.text,
      otherSideTitle: f.otherSide(item.exercise.perspectives[perspective]!.counterpart.name),
      otherSide: feedback.otherSide,
      footer,
    });
  }

  /** The trainer's report: counts, progress per week (`weeks`, from weeklyProgress) and the spread per dimension. */
  report(lang: Lang, series: Series, report: SeriesReport, profile: DimensionScore[], weeksOf: readonly WeekFigures[], formatDate: (d: Date) => string): Card {
    const f = strings(lang).followup;
    const c = strings(lang).charts;
    const weeks = plannedWeeks(series.cadence);
    const facts = (Object.keys(f.facts) as (keyof typeof f.facts)[]).map((k) => ({ title: f.facts[k], value: String(report[k]) }));
    return this.renderer.render('followup-report', {
      t: { title: f.reportTitle, failures: f.failures, profile: f.profile, weeks: c.weeks, count: c.count, score: c.score },
      subtitle: f.reportSubtitle(formatDate(series.createdAt), series.cadence.perWeek, weeks),
      facts,
      weeks: weekSeries(lang, weeksOf),
      failures: report.failures.map((x) => `${describeReason(lang, x.reason)}: ${x.count}`),
      profile: profileRows(lang, profile.map((d) => ({ name: d.name[lang], score: d.score }))),
    });
  }
}

/** A failure code of src/followup/reasons.ts as a phrase in `lang`; an unknown code (or an old free text) as "other reason". */
export function describeReason(lang: Lang, code: string): string {
  const r = strings(lang).followup.reasons;
  const colon = code.indexOf(':');
  const name = colon < 0 ? code : code.slice(0, colon);
  const detail = colon < 0 ? '' : code.slice(colon + 1);
  switch (name) {
    case 'opted-out': return r.optedOut;
    case 'app-removed': return r.appRemoved;
    case 'unreachable': return r.unreachable(detail);
    case 'rejected': return r.rejected(detail);
    case 'throttled': return r.throttled;
    case 'http': return r.server(detail);
    case 'network': return r.network;
    case 'no-micro': return r.noMicro;
    case 'ended': return r.ended;
    case 'waiting': return r.waiting;
    case 'lease-expired': return r.leaseExpired;
    case 'gave-up': return r.gaveUp(describeReason(lang, detail));
    default: return r.other;
  }
}
