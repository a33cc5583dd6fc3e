/** Card data for group exercises: the catalogue, the shared moment card (and its personal views), the summary. */
import type { LoadedPlayable } from '../content/load';
import type { Perspective } from '../content/schema';
import { briefingOf, currentView, groupProfile, perspectivesOf, RUN_STATE_VERSION, shownChoices, spreadOf, type GroupVote } from '../engine';
import { strings, type Lang } from '../i18n';
import type { GroupSession } from '../store/types';
import { bar as textBar, letter } from './bar';
import type { Card, CardRenderer } from './render';
import { profileRows, spreadMode } from './charts';
import { shorten } from './text';
import { CardViews } from './views';

/** Group spreads get a wider bar than personal profiles. */
const bar = (percent: number) => textBar(percent, 12);

/** Who sees the card: everyone (the shared message), or one person (their personal view). */
export interface Viewer {
  facilitator: boolean;
  /** The viewer's own choice on this moment, if any. */
  choiceId?: string;
}

export interface MomentCounts {
  /** Votes on the current moment (all of them once revealed; only their number is shown before). */
  votes: GroupVote[];
  memberCount?: number;
}

export class GroupCardViews {
  private readonly personal: CardViews;

  constructor(private readonly renderer: CardRenderer) {
    this.personal = new CardViews(renderer);
  }

  /** The briefing, posted to the group when the exercise starts, before the first vote (same template as in 1:1 chat, without Begin). */
  briefing(lang: Lang, item: LoadedPlayable, perspective: Perspective): Card {
    return this.personal.briefing(lang, item, briefingOf(item.exercise, perspective)!);
  }

  catalogue(lang: Lang, exercises: LoadedPlayable[]): Card {
    const t = strings(lang);
    return this.renderer.render('group-catalogue', {
      t: { title: t.group.catalogueTitle, intro: t.group.intro, showMissing: t.group.showMissing },
      exercises: exercises.map(({ exercise }) => ({
        title: exercise.title,
        summary: exercise.summary,
        facts: [t.catalogue.minutes(exercise.minutes), t.levels[exercise.tags.level], ...(exercise.difficulty ? [t.difficulties[exercise.difficulty]] : [])].join(' · '),
        perspectives: perspectivesOf(exercise).map((p) => ({ title: t.catalogue.playAs(t.perspective[p]), exerciseId: exercise.id, perspective: p })),
      })),
    });
  }

  /** viewer: 'shared' is the message everyone sees; 'closed' a moment the group has left (no buttons). */
  moment(lang: Lang, item: LoadedPlayable, session: GroupSession, counts: MomentCounts, viewer: Viewer | 'shared' | 'closed'): Card {
    const t = strings(lang);
    const script = item.exercise.perspectives[session.perspective]!;
    const index = script.moments.findIndex((m) => m.id === session.momentId);
    const moment = script.moments[index]!;
    const seed = session.seed ?? null;
    // The choices in the group's order: letters, bars, reveal and personal view all follow it.
    const choices = shownChoices(moment, seed);
    const spread = spreadOf(item.exercise, session.perspective, moment.id, counts.votes, seed);
    const personal = typeof viewer === 'string' ? undefined : viewer;
    const closed = viewer === 'closed';
    const facilitator = viewer === 'shared' || (personal?.facilitator ?? false);
    const mine = personal?.choiceId ? choices.findIndex((c) => c.id === personal.choiceId) : -1;
    // The group's path as a run: the engine knows how many moments it has (branches included).
    const view = currentView(item.exercise, { v: RUN_STATE_VERSION, exerciseId: item.exercise.id, perspective: session.perspective, current: moment.id, answers: session.path, seed });
    const steer = !facilitator || closed
      ? []
      : session.revealed
        ? [{ title: t.group.next, verb: 'group.next' }, { title: t.group.finish, verb: 'group.finish' }]
        : [{ title: t.group.reveal, verb: 'group.reveal' }, ...(session.showMissing ? [{ title: t.group.missing, verb: 'group.missing' }] : [])];
    const debrief = item.exercise.perspectives[session.perspective]!.closing?.debrief ?? [];
    // Trainer notes only in the facilitator's own view: the shared card is what everyone sees.
    const notes = personal?.facilitator && !closed ? item.exercise.trainerNotes : undefined;
    return this.renderer.render('group-moment', {
      t: { debriefTitle: t.group.debriefTitle, spread: t.charts.spread },
      sessionId: session.id,
      momentId: moment.id,
      // Per-user views only where Teams allows them for everyone (60 members or fewer; see GroupFlow).
      userIds: closed ? [] : session.memberIds,
      title: item.exercise.title,
      progress: t.group.progress(view?.step ?? session.path.length + 1, view?.steps ?? session.path.length + 1, t.perspective[session.perspective]),
      speaker: `${script.counterpart.name}, ${script.counterpart.function}`,
      says: moment.says,
      context: moment.context ?? '',
      revealed: session.revealed,
      spreadMode: spreadMode(spread.map((s) => s.count)),
      // One spread, shown twice: as the chart's bars (count) and as the text bars of its fallback.
      choices: choices.map((c, i) => ({
        letter: letter(i),
        label: c.label,
        chartLabel: `${letter(i)}. ${shorten(c.label, 60)}`,
        count: spread[i]!.count,
        bar: `${letter(i)}  ${bar(spread[i]!.percent)} ${t.group.bar(spread[i]!.count, spread[i]!.percent)}`,
        feedback: c.feedback,
        otherSide: `${script.counterpart.name}: ${c.otherSide}`,
      })),
      votes: session.revealed || closed ? [] : choices.map((c, i) => ({ id: c.id, letter: letter(i) })),
      steer,
      status: session.revealed ? t.group.revealed(counts.votes.length) : t.group.chosen(counts.votes.length, counts.memberCount),
      personal: mine < 0 ? '' : session.revealed ? t.group.yourChoiceRevealed(letter(mine)) : t.group.yourChoice(letter(mine)),
      debrief: session.revealed && debrief.length > 0 ? debrief[session.path.length % debrief.length]! : '',
      notes: notes
        ? {
            shown: true,
            t: { title: t.group.trainerNotes, show: t.group.trainerNotesShow, background: t.group.background, disputed: t.group.disputed, debrief: t.group.trainerDebrief },
            background: notes.background,
            disputed: notes.disputed,
            debrief: notes.debriefQuestions,
          }
        : { shown: false },
    });
  }

  summary(lang: Lang, item: LoadedPlayable, session: GroupSession, votes: GroupVote[]): Card {
    const t = strings(lang);
    const script = item.exercise.perspectives[session.perspective]!;
    const participants = new Set(votes.map((v) => v.userId)).size;
    const short = (text: string) => shorten(text, 90);
    const spreads = session.path.map((step) => spreadOf(item.exercise, session.perspective, step.moment, votes, session.seed ?? null));
    return this.renderer.render('group-summary', {
      t: { title: t.group.summaryTitle, profile: t.group.profile, debrief: t.group.debrief, score: t.charts.score },
      subtitle: t.group.summarySubtitle(item.exercise.title, t.perspective[session.perspective], participants),
      moments: session.path.map((step, i) => {
        const moment = script.moments.find((m) => m.id === step.moment)!;
        return {
          heading: t.group.moment(i + 1, short(moment.says)),
          mode: spreadMode(spreads[i]!.map((s) => s.count)),
          spread: spreads[i]!.map((s, c) => ({
            label: `${letter(c)}. ${short(s.label)}`,
            count: s.count,
            bar: `${bar(s.percent)} ${t.group.bar(s.count, s.percent)}`,
          })),
        };
      }),
      profile: profileRows(lang, groupProfile(item.exercise, item.dimensions, session.perspective, votes).map((d) => ({ name: d.name[lang], score: d.score })), 12),
      debrief: script.closing?.debrief ?? [],
      // For the trainer: send follow-up exercises to everyone who took part.
      followup: [{ title: t.followup.button, sessionId: session.id }],
    });
  }
}
