/**
 * 1:1 practice as a WaterfallDialog: show the moment → take the choice and give feedback →
 * on "Verder" loop to the next moment, or end with the personal summary. The engine decides;
 * this dialog only moves cards. Stale, double and malformed clicks are caught in
 * onContinueDialog, before the waterfall moves, so they never change anything.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { CardFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import type { Library } from '../content/library';
import type { Perspective } from '../content/schema';
import type { CardViews } from '../cards/views';
import { briefingOf, choose, currentView, feedbackFor, otherPerspective, readRunState, start, summarise, type RunState } from '../engine';
import { strings } from '../i18n';
import { turnLang } from './language';
import type { RunStore } from '../store/types';
import { payloadOf } from './payloads';
import { replaceCard } from './replace-card';
import { userKey } from './teams-context';

export const PRACTICE_DIALOG = 'practice';
const PLAY = 'play';
/** A long briefing first, on a card of its own; Begin then hands over to PLAY. */
const BRIEF = 'brief';

/** The participant's current run, kept in conversation state beside the dialog stack. */
export interface Practice {
  runId: string;
  run: RunState;
  /** What the latest card waits for: "Begin" on the briefing, a choice on the moment card, or "Verder" on the feedback. */
  awaiting: 'begin' | 'choice' | 'next';
  /**
   * Message ids of the cards showing the current moment with live buttons (the card, and any
   * shown again by "help" or "status"): after the choice each becomes its read-only version.
   * Absent in state saved before this field existed.
   */
  cardIds?: string[];
}

/** At most this many copies of one moment card are remembered (help, status, help…). */
const MAX_CARD_IDS = 5;

export interface PracticeOptions {
  exerciseId: string;
  perspective: Perspective;
}

export interface PracticeDeps {
  library: Library;
  views: CardViews;
  runs: RunStore;
  practice: StatePropertyAccessor<Practice | undefined>;
  now: () => Date;
  log: Logger;
}

/** Stored run state already checked this process (the same object within a turn): parse it once. */
const checked = new WeakMap<object, RunState | undefined>();

export async function readPractice(deps: PracticeDeps, context: TurnContext): Promise<Practice | undefined> {
  const practice = await deps.practice.get(context);
  if (!practice) return undefined;
  if (!checked.has(practice.run)) checked.set(practice.run, readRunState(practice.run));
  const run = checked.get(practice.run);
  // State from an older release, or for an exercise that is no longer offered, is dropped cleanly.
  if (!run || !deps.library.get(run.exerciseId)) return undefined;
  return { ...practice, run };
}

/**
 * The card the participant is on, sent again: the moment card while a choice is awaited, else
 * the feedback on their last choice. For a reply that never arrived. False when nothing runs.
 */
export async function resendCurrentCard(deps: PracticeDeps, context: TurnContext): Promise<boolean> {
  const practice = await readPractice(deps, context);
  if (!practice) return false;
  return showCurrentCardAgain(deps, context, practice, strings(turnLang(context)).replies.resent);
}

/**
 * The participant left the exercise on a moment ("stop", "opnieuw"): its open card loses its
 * buttons and says so, as an answered card does, so that it does not invite a click that can
 * only get "this exercise has finished". Nothing happens when no moment card is open.
 */
export async function closeOpenMomentCard(deps: PracticeDeps, context: TurnContext, practice: Practice, how: 'stopped' | 'restarted'): Promise<void> {
  if (practice.awaiting !== 'choice' || !practice.cardIds?.length) return;
  const item = deps.library.get(practice.run.exerciseId);
  const view = item && currentView(item.exercise, practice.run);
  if (!item || !view) return;
  await replaceCard(context, practice.cardIds, deps.views.moment(turnLang(context), item, view, practice.runId, how), deps.log);
}

export class PracticeDialog extends ComponentDialog {
  constructor(private readonly deps: PracticeDeps) {
    super(PRACTICE_DIALOG);
    this.addDialog(
      new WaterfallDialog(PLAY, [
        (step) => this.showMoment(step),
        (step) => this.takeChoice(step),
        (step) => this.afterFeedback(step),
      ]),
    );
    this.addDialog(new WaterfallDialog(BRIEF, [(step) => this.showBriefing(step), (step) => step.replaceDialog(PLAY)]));
    this.initialDialogId = PLAY;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: PracticeOptions): Promise<DialogTurnResult> {
    const item = options && this.deps.library.get(options.exerciseId);
    // A fresh seed per run: its choices are shown in an order of their own (engine order.ts).
    const started = item && start(item.exercise, options.perspective, randomInt(2 ** 32));
    if (!started || started.type !== 'started') {
      await dc.context.sendActivity(strings(turnLang(dc.context)).replies.unknownExercise);
      return dc.endDialog();
    }
    const ownCard = briefingOf(item.exercise, options.perspective)?.ownCard ?? false;
    await this.deps.practice.set(dc.context, { runId: randomUUID(), run: started.state, awaiting: ownCard ? 'begin' : 'choice' });
    return dc.beginDialog(ownCard ? BRIEF : PLAY, options);
  }

  protected override async onContinueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const t = strings(turnLang(dc.context)).replies;
    const practice = await readPractice(this.deps, dc.context);
    if (!practice) {
      await dc.context.sendActivity(t.finishedCard);
      return dc.cancelAllDialogs();
    }
    const payload = payloadOf(dc.context);
    if (!payload) {
      const hint = { begin: t.hintBegin, choice: t.hintChoose, next: t.hintContinue }[practice.awaiting];
      await dc.context.sendActivity(dc.context.activity.value ? t.badPayload : hint);
      return Dialog.EndOfTurn;
    }
    if ((payload.verb === 'choose' || payload.verb === 'next' || payload.verb === 'begin') && payload.runId !== practice.runId) {
      await dc.context.sendActivity(t.finishedCard);
      return Dialog.EndOfTurn;
    }
    const lastAnswered = practice.run.answers.at(-1)?.moment;
    if (payload.verb === 'choose' && (practice.awaiting !== 'choice' || payload.momentId !== practice.run.current)) {
      const answered = practice.run.answers.some((a) => a.moment === payload.momentId);
      await dc.context.sendActivity(answered ? t.alreadyChosen : t.staleCard);
      return Dialog.EndOfTurn;
    }
    if (payload.verb === 'choose' && !this.hasChoice(practice, payload.choiceId)) {
      await dc.context.sendActivity(t.badPayload);
      return Dialog.EndOfTurn;
    }
    if (payload.verb === 'next' && (practice.awaiting !== 'next' || payload.momentId !== lastAnswered)) {
      await dc.context.sendActivity(t.staleCard);
      return Dialog.EndOfTurn;
    }
    if (payload.verb === 'begin' && practice.awaiting !== 'begin') {
      await dc.context.sendActivity(t.staleCard);
      return Dialog.EndOfTurn;
    }
    if (payload.verb !== 'choose' && payload.verb !== 'next' && payload.verb !== 'begin') {
      await dc.context.sendActivity(t.badPayload);
      return Dialog.EndOfTurn;
    }
    return super.onContinueDialog(dc);
  }

  private hasChoice(practice: Practice, choiceId: string): boolean {
    const item = this.deps.library.get(practice.run.exerciseId)!;
    return currentView(item.exercise, practice.run)?.choices.some((c) => c.id === choiceId) ?? false;
  }

  private async showBriefing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const practice = (await readPractice(this.deps, step.context))!;
    const item = this.deps.library.get(practice.run.exerciseId)!;
    const briefing = briefingOf(item.exercise, practice.run.perspective)!;
    const card = this.deps.views.briefing(turnLang(step.context), item, briefing, practice.runId);
    await step.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return Dialog.EndOfTurn;
  }

  private async showMoment(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const practice = (await readPractice(this.deps, step.context))!;
    const item = this.deps.library.get(practice.run.exerciseId)!;
    const view = currentView(item.exercise, practice.run);
    if (!view) return this.finish(step, practice);
    const card = this.deps.views.moment(turnLang(step.context), item, view, practice.runId);
    const sent = await step.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    await this.deps.practice.set(step.context, { ...practice, awaiting: 'choice', cardIds: sent?.id ? [sent.id] : [] });
    return Dialog.EndOfTurn;
  }

  private async takeChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const practice = (await readPractice(this.deps, step.context))!;
    const item = this.deps.library.get(practice.run.exerciseId)!;
    const payload = payloadOf(step.context);
    const answeredView = currentView(item.exercise, practice.run);
    const result = payload?.verb === 'choose' ? choose(item.exercise, practice.run, payload.momentId, payload.choiceId) : undefined;
    if (!result || result.type === 'rejected' || !answeredView) {
      // onContinueDialog lets only a valid choice for the current moment through.
      throw new Error(`practice: choice rejected after validation (${result?.type === 'rejected' ? result.reason : 'no payload'})`);
    }
    const lang = turnLang(step.context);
    await this.deps.practice.set(step.context, { ...practice, run: result.state, awaiting: 'next', cardIds: [] });
    // The moment card (clicked, or the one a typed letter answered) becomes read-only: the choice marked, no buttons.
    const answered = this.deps.views.moment(lang, item, answeredView, practice.runId, result.feedback.position);
    await replaceCard(step.context, [...(practice.cardIds ?? []), step.context.activity.replyToId], answered, this.deps.log);
    const card = this.deps.views.feedback(lang, item, practice.run.perspective, result.feedback, practice.runId, result.next === null);
    await step.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return Dialog.EndOfTurn;
  }

  private async afterFeedback(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(PLAY);
  }

  private async finish(step: WaterfallStepContext, practice: Practice): Promise<DialogTurnResult> {
    const item = this.deps.library.get(practice.run.exerciseId)!;
    const summary = summarise(item.exercise, item.dimensions, practice.run);
    await this.deps.runs.saveFinished({
      id: practice.runId,
      mode: 'solo',
      userId: userKey(step.context),
      exerciseId: item.exercise.id,
      perspective: practice.run.perspective,
      finishedAt: this.deps.now(),
      answers: practice.run.answers,
      profile: summary.profile.map((d) => ({ dimension: d.id, score: d.score, moments: d.moments })),
      ...(practice.run.seed === null ? {} : { seed: practice.run.seed }),
    });
    await this.deps.practice.delete(step.context);
    const lang = turnLang(step.context);
    // The case's other role, when this participant played it before: both profiles side by side.
    const other = otherPerspective(item.exercise, practice.run.perspective);
    const earlier = other ? (await this.deps.runs.listByUser(userKey(step.context), 50)).find((r) => r.exerciseId === item.exercise.id && r.perspective === other) : undefined;
    const nameOf = (id: string) => item.dimensions.find((d) => d.id === id)?.name[lang] ?? id;
    const otherRole = earlier && { perspective: earlier.perspective, profile: earlier.profile.map((p) => ({ name: nameOf(p.dimension), score: p.score })) };
    const card = this.deps.views.summary(lang, item, summary, otherRole);
    await step.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    return step.endDialog();
  }
}

/**
 * Shows the card the run waits on again, at the bottom of the chat ("help" and "status" in the
 * middle of an exercise, or after a reply that never arrived, with `text` above it): the current
 * moment (remembered, so the choice turns it read-only too), or the latest feedback with its
 * "Verder" button. False when there is neither.
 */
export async function showCurrentCardAgain(deps: PracticeDeps, context: TurnContext, practice: Practice, text?: string): Promise<boolean> {
  const item = deps.library.get(practice.run.exerciseId)!;
  const lang = turnLang(context);
  const view = currentView(item.exercise, practice.run);
  if (practice.awaiting === 'choice' && view) {
    const card = deps.views.moment(lang, item, view, practice.runId);
    const sent = await context.sendActivity({ ...(text ? { text } : {}), attachments: [CardFactory.adaptiveCard(card)] });
    const cardIds = [...(practice.cardIds ?? []), ...(sent?.id ? [sent.id] : [])].slice(-MAX_CARD_IDS);
    await deps.practice.set(context, { ...practice, cardIds });
    return true;
  }
  const last = practice.run.answers.at(-1);
  const feedback = last && feedbackFor(item.exercise, practice.run, last.moment);
  if (!feedback) return false;
  const card = deps.views.feedback(lang, item, practice.run.perspective, feedback, practice.runId, view === null);
  await context.sendActivity({ ...(text ? { text } : {}), attachments: [CardFactory.adaptiveCard(card)] });
  return true;
}
