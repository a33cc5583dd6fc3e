/**
 * Card data from engine results: what each template in cards/ gets to show. The texts come
 * from the content and from i18n; the layout lives in the templates.
 */
import type { LoadedPlayable } from '../content/load';
import type { Difficulty, Level, Perspective } from '../content/schema';
import { DIFFICULTIES, LEVELS } from '../content/schema';
import type { Briefing, Feedback, MomentView, Summary } from '../engine';
import { briefingOf, otherPerspective, perspectivesOf, resultsOf, type RoleResult } from '../engine';
import type { FinishedRun } from '../store/types';
import { strings, type Lang } from '../i18n';
import { letter } from './bar';
import { bothRolesSeries, profileRows } from './charts';
import { CARD_BUDGET_BYTES, cardBytes, type Card, type CardRenderer } from './render';

/** At most this many cases get a chart of both roles on "mijn resultaten" (each, with its fallback, adds 1–6 KB). */
export const MAX_ROLE_PAIRS = 3;

/** Beyond this many exercises the catalogue shows its filter. */
export const FILTER_FROM = 6;

/** The filter value for "no filter" (a ChoiceSet choice needs a non-empty value). */
export const ALL = 'all';

/**
 * The names of the themes the exercises are tagged with, in `lang`, from the content's
 * themes.yaml; a theme without a name there shows its id as words ("primaat van de politiek").
 */
export function themeNames(items: readonly LoadedPlayable[], lang: Lang): Map<string, string> {
  const names = new Map<string, string>();
  for (const item of items) {
    for (const id of item.exercise.tags.theme) {
      if (!names.has(id)) names.set(id, item.themes.find((t) => t.id === id)?.name[lang] ?? id.replace(/-/g, ' '));
    }
  }
  return names;
}

export interface CatalogueFilter {
  level?: Level;
  theme?: string;
  /** Exercises without a difficulty are left out once one is chosen. */
  difficulty?: Difficulty;
}

export class CardViews {
  constructor(private readonly renderer: CardRenderer) {}

  /** In a channel or group chat the welcome offers a group exercise; in 1:1 chat the catalogue. */
  welcome(lang: Lang, inGroup = false): Card {
    const t = strings(lang);
    const actions = inGroup
      ? [{ title: t.group.start, verb: 'group.catalogue' }]
      : [{ title: t.welcome.catalogue, verb: 'catalogue' }, { title: t.welcome.results, verb: 'results' }];
    return this.renderer.render('welcome', { t: inGroup ? { ...t.welcome, commands: t.welcome.groupCommands } : t.welcome, actions });
  }

  /** "Delete my data": what will be removed, and a button to confirm. */
  confirmForget(lang: Lang): Card {
    const p = strings(lang).privacy;
    return this.renderer.render('confirm', { title: p.confirmTitle, text: p.confirmText, yes: p.yes, no: p.no, verb: 'privacy.forget' });
  }

  catalogue(lang: Lang, exercises: LoadedPlayable[], filter: CatalogueFilter = {}): Card {
    const t = strings(lang);
    const shown = exercises.filter(
      (i) =>
        (!filter.level || i.exercise.tags.level === filter.level) &&
        (!filter.theme || i.exercise.tags.theme.includes(filter.theme)) &&
        (!filter.difficulty || i.exercise.difficulty === filter.difficulty),
    );
    const names = themeNames(exercises, lang);
    const themes = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], lang));
    const levels = LEVELS.filter((l) => exercises.some((i) => i.exercise.tags.level === l));
    const difficulties = DIFFICULTIES.filter((d) => exercises.some((i) => i.exercise.difficulty === d));
    return this.renderer.render('catalogue', {
      t: { ...t.catalogue, shown: t.catalogue.shown(shown.length, exercises.length) },
      showFilter: exercises.length > FILTER_FROM,
      filter: { level: filter.level ?? ALL, theme: filter.theme ?? ALL, difficulty: filter.difficulty ?? ALL },
      levels: [{ title: t.catalogue.all, value: ALL }, ...levels.map((l) => ({ title: t.levels[l], value: l }))],
      themes: [{ title: t.catalogue.all, value: ALL }, ...themes.map(([id, name]) => ({ title: name, value: id }))],
      // Until the whole library has a difficulty, the filter shows only the ones that occur.
      difficulties: difficulties.length === 0 ? [] : [{ title: t.catalogue.all, value: ALL }, ...difficulties.map((d) => ({ title: t.difficulties[d], value: d }))],
      exercises: shown.map(({ exercise }) => ({
        title: exercise.title,
        summary: exercise.summary,
        facts: [
          t.catalogue.minutes(exercise.minutes),
          t.levels[exercise.tags.level],
          ...(exercise.difficulty ? [t.difficulties[exercise.difficulty]] : []),
          exercise.tags.theme.map((th) => names.get(th)!).join(', '),
        ].join(' · '),
        perspectives: perspectivesOf(exercise).map((p) => ({
          title: t.catalogue.playAs(t.perspective[p]),
          exerciseId: exercise.id,
          perspective: p,
        })),
      })),
    });
  }

  /**
   * A moment card: the choices in the order shown (A first) with a button each; or, with
   * `answered` (the position chosen, A = 0), the read-only version that replaces it after the
   * choice: the choice marked, no buttons; or, with 'stopped' / 'restarted', the read-only
   * version for an exercise the participant left on this moment.
   */
  moment(lang: Lang, item: LoadedPlayable, view: MomentView, runId: string, answered?: number | 'stopped' | 'restarted'): Card {
    const t = strings(lang);
    const script = item.exercise.perspectives[view.perspective]!;
    // The first moment keeps one line of context; the briefing itself only when it has no card of its own.
    const first = view.step === 1;
    const briefing = first ? briefingOf(item.exercise, view.perspective) : undefined;
    const chosen = typeof answered === 'number' ? answered : undefined;
    const choices = choiceRows(view.choices, chosen);
    return this.renderer.render('moment', {
      runId,
      momentId: view.momentId,
      title: item.exercise.title,
      progress: t.moment.progress(view.step, view.steps, t.perspective[view.perspective]),
      briefing: briefing && !briefing.ownCard ? briefing.text : '',
      roles: first ? t.moment.roles(script.you, view.counterpart.name, view.counterpart.function) : '',
      speaker: `${view.counterpart.name}, ${view.counterpart.function}`,
      says: view.says,
      context: view.context ?? '',
      question: t.moment.question,
      choices,
      buttons: answered === undefined ? choices : [],
      answered: answered === undefined ? '' : answered === 'stopped' ? t.play.stoppedCard : answered === 'restarted' ? t.play.restartedCard : t.play.yourChoice(letter(answered)),
    });
  }

  /**
   * The briefing as a card of its own: in 1:1 chat (with `runId`) before moment 1, with a Begin
   * button; for a group (without) posted when the exercise starts, before the first vote.
   */
  briefing(lang: Lang, item: LoadedPlayable, briefing: Briefing, runId?: string): Card {
    const t = strings(lang);
    const b = t.briefing;
    const p = t.perspective[briefing.perspective];
    const { name, function: fn } = briefing.counterpart;
    return this.renderer.render('briefing', {
      title: item.exercise.title,
      subtitle: runId ? b.subtitle(p) : b.groupSubtitle(p),
      roles: runId ? t.moment.roles(briefing.you, name, fn) : b.groupRoles(briefing.you, name, fn),
      briefing: briefing.text,
      next: runId ? '' : b.groupNext,
      begin: runId ? [{ title: b.begin, runId }] : [],
    });
  }

  feedback(lang: Lang, item: LoadedPlayable, perspective: Perspective, feedback: Feedback, runId: string, finished: boolean): Card {
    const t = strings(lang);
    const counterpart = item.exercise.perspectives[perspective]!.counterpart;
    return this.renderer.render('feedback', {
      yourChoice: t.play.yourChoice(letter(feedback.position)),
      runId,
      momentId: feedback.momentId,
      label: feedback.label,
      feedback: feedback.text,
      otherSideTitle: t.feedback.otherSide(counterpart.name),
      otherSide: feedback.otherSide,
      continueTitle: finished ? t.feedback.toSummary : t.feedback.continue,
    });
  }

  /**
   * The personal summary; with `otherRole` (the participant's latest profile in the case's other
   * role) both roles per dimension side by side, ambtenaar first.
   */
  summary(lang: Lang, item: LoadedPlayable, summary: Summary, otherRole?: { perspective: Perspective; profile: { name: string; score: number }[] }): Card {
    const t = strings(lang);
    const s = t.summary;
    const own = summary.profile.map((d) => ({ name: d.name[lang], score: d.score }));
    const roles = otherRole ? [{ perspective: summary.perspective, profile: own }, otherRole].sort((a, b) => a.perspective.localeCompare(b.perspective)) : [];
    const both = roles.length ? bothRolesSeries(lang, roles.map((r) => ({ legend: t.results.asRole(t.perspective[r.perspective]), profile: r.profile }))) : undefined;
    const other = otherPerspective(item.exercise, summary.perspective);
    const name = (d?: { name: { nl: string; en: string } }) => (d ? d.name[lang] : '-');
    const names = (list: { name: { nl: string; en: string } }[]) => list.map((d) => d.name[lang]).join(', ');
    const focus = summary.focus;
    return this.renderer.render('summary', {
      t: s,
      c: t.charts,
      subtitle: s.subtitle(item.exercise.title, t.perspective[summary.perspective]),
      profile: profileRows(lang, own),
      both: both && both.rows.length > 0 ? { shown: true, title: t.charts.bothRoles(item.exercise.title), ...both } : { shown: false },
      strongest: name(summary.strongest),
      weakest: name(summary.weakest),
      recap: summary.recap.map((r, i) => ({
        heading: s.recapHeading(i + 1, r.title),
        chosen: s.youChose(letter(r.chosen.position), r.chosen.label),
        effects: [r.gains.length ? s.gains(names(r.gains)) : '', r.costs.length ? s.costs(names(r.costs)) : ''].filter(Boolean).join(' · ') || s.neutral,
        stronger: r.stronger ? s.stronger(letter(r.stronger.position), r.stronger.why) : s.wasStrongest,
        good: !r.stronger,
      })),
      focus: focus ? s.focus(focus.title, letter(focus.chosen.position), focus.chosen.label, focus.dimension.name[lang], letter(focus.better.position)) : '',
      tip: summary.tips[0]?.tip ?? '-',
      reflection: summary.reflection ?? '',
      otherRole: other
        ? [{ title: s.playOther(t.perspective[other]), exerciseId: item.exercise.id, perspective: other }]
        : [],
    });
  }

  /**
   * "Mijn resultaten" from the engine's results: the profile with aligned bars (the score column
   * has a fixed width, so every bar starts at the same x), changes labelled with their role, per
   * case both roles side by side, and the history. `isCase` leaves micro-exercises out of the cases.
   */
  results(lang: Lang, runs: FinishedRun[], titleOf: (id: string) => string, nameOf: (dim: string) => string, isCase: (id: string) => boolean = () => true): Card {
    const t = strings(lang);
    const r = t.results;
    const results = resultsOf(runs);
    const role = (x: RoleResult | undefined) => (x ? `${x.score}${x.partial ? ` (${r.cutShort})` : ''}` : r.notPlayed);
    const dateFormat = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'short', year: 'numeric' });
    const cases = results.cases.filter((c) => isCase(c.exerciseId));
    const named = (profile: RoleResult['profile']) => profile.map((d) => ({ name: nameOf(d.dimension), score: d.score }));
    // Both roles side by side for the cases played in both, latest first; a few, for the card's size.
    const pairs = cases
      .filter((c) => c.ambtenaar && c.bestuurder)
      .map((c) => ({
        title: t.charts.bothRoles(titleOf(c.exerciseId)),
        ...bothRolesSeries(lang, [
          { legend: r.asRole(t.perspective.ambtenaar), profile: named(c.ambtenaar!.profile) },
          { legend: r.asRole(t.perspective.bestuurder), profile: named(c.bestuurder!.profile) },
        ]),
      }))
      .filter((p) => p.rows.length > 0);
    const render = (shown: number) => this.renderer.render('results', {
      t: { ...r, ambtenaar: r.asRole(t.perspective.ambtenaar), bestuurder: r.asRole(t.perspective.bestuurder), score: t.charts.score },
      intro: r.intro(runs.length),
      profile: profileRows(lang, results.profile.map((d) => ({ name: nameOf(d.dimension), score: d.score }))),
      changes: results.profile.filter((d) => d.change).map((d) => `${nameOf(d.dimension)}: ${r.change(d.change!.delta, t.perspective[d.change!.perspective])}`),
      pairs: pairs.slice(0, shown),
      cases: cases.map((c) => ({ title: titleOf(c.exerciseId), ambtenaar: role(c.ambtenaar), bestuurder: role(c.bestuurder) })),
      partialNote: runs.some((x) => x.partial) ? r.partialNote : '',
      runs: runs.slice(0, 10).map((x) => ({
        date: dateFormat.format(x.finishedAt),
        what: r.what(titleOf(x.exerciseId), t.perspective[x.perspective], x.mode === 'group', x.partial ?? false),
      })),
    });
    // Fewer side-by-side charts rather than a card Teams refuses (a long history of many cases).
    for (let shown = Math.min(pairs.length, MAX_ROLE_PAIRS); ; shown--) {
      const card = render(shown);
      if (shown === 0 || cardBytes(card) <= CARD_BUDGET_BYTES) return card;
    }
  }
}

/** Choice rows of a moment card in the order shown; the answered one (if any) stands out. */
export function choiceRows(choices: readonly { id: string; label: string }[], answered?: number) {
  return choices.map((c, i) => ({ id: c.id, label: c.label, letter: letter(i), color: i === answered ? 'Accent' : 'Default' }));
}
