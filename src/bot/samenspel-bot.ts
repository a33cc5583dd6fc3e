/**
 * Routing: one table from typed command and card verb to handler. Commands work at any moment;
 * card clicks for the running exercise go to the practice dialog; everything else gets a hint.
 */
import { ActivityHandler, CardFactory, TurnContext, type AdaptiveCardInvokeResponse, type ConversationState, type InvokeResponse } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { letters } from '../cards/bar';
import type { CardViews } from '../cards/views';
import type { Library } from '../content/library';
import { currentView } from '../engine';
import { strings, type Lang } from '../i18n';
import type { ActivityLog, PrivacyStore, RunStore } from '../store/types';
import { COMMANDS, parseCommand, type CommandId, type Scope } from './commands';
import type { FollowupFlow } from './followup/followup-flow';
import type { GroupFlow } from './group/group-flow';
import { fieldNames, payloadOf, readGroupAction, readingOf, readReportLinkAction, usePayload, type CardPayload, type GroupAction } from './payloads';
import type { ReportLinks } from './report-link';
import { isDeliveryFailure } from './outgoing/connector-policy';
import { closeOpenMomentCard, PRACTICE_DIALOG, PracticeDialog, readPractice, resendCurrentCard, showCurrentCardAgain, type Practice, type PracticeDeps, type PracticeOptions } from './practice-dialog';
import { localeOf, turnLang, type ParticipantLanguages } from './language';
import { parseTypedChoice } from './typed-choice';
import { tenantOf, textAnswer, userKey } from './teams-context';

/** Set on a turn that forgot its participant, or the conversation the app left: nothing of them is written afterwards. */
const FORGOTTEN = Symbol('samenspel.forgotten');

export interface BotDeps {
  library: Library;
  views: CardViews;
  runs: RunStore;
  conversationState: ConversationState;
  group: GroupFlow;
  followup: FollowupFlow;
  privacy: PrivacyStore;
  /** Activities already handled: a re-delivery has no effect. */
  activities: ActivityLog;
  languages: ParticipantLanguages;
  /** The facilitator's link to the report page: the refresh of its card. */
  reportLinks?: ReportLinks;
  /** Entra tenant ids that may use the bot; empty or absent = every tenant. */
  allowedTenants?: string[];
  now?: () => Date;
  log: Logger;
}

/** Which kind of conversation this is, in the terms of the Teams manifest's scopes. */
export function scopeOf(context: TurnContext): Scope {
  const type = context.activity.conversation.conversationType;
  if (type === 'channel') return 'team';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** Card verbs for group exercises work in channels and group chats; help anywhere; the rest in 1:1 chat. */
function verbScopes(verb: CardPayload['verb']): Scope[] {
  if (verb.startsWith('group.') || verb === 'followup.setup' || verb === 'followup.create') return ['team', 'groupChat'];
  return verb === 'help' ? ['personal', 'team', 'groupChat'] : ['personal'];
}

type Handler = (context: TurnContext, lang: Lang) => Promise<void>;

export class SamenspelBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly practiceDeps: PracticeDeps;
  private readonly welcomed;
  /** Set when a reply of this conversation could not be delivered: the next turn shows where the participant is. */
  private readonly undelivered;

  constructor(private readonly deps: BotDeps) {
    super();
    const state = deps.conversationState;
    this.practiceDeps = {
      library: deps.library,
      views: deps.views,
      runs: deps.runs,
      practice: state.createProperty<Practice | undefined>('practice'),
      now: deps.now ?? (() => new Date()),
      log: deps.log,
    };
    this.welcomed = state.createProperty<boolean>('welcomed');
    this.undelivered = state.createProperty<boolean>('undelivered');
    this.dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new PracticeDialog(this.practiceDeps));

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcomeOnce(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
      // Teams sends this without a locale on install, and an installationUpdate with one: that one
      // welcomes. A client that sends a locale here (Agents Playground) is welcomed at once.
      if (botAdded && localeOf(context)) await this.welcomeOnce(context);
      await next();
    });
    // Removed: from personal scope (installationUpdate remove), or from a team or group chat
    // (the same, and conversationUpdate with the bot in membersRemoved). See README, "Lifecycle".
    this.onInstallationUpdateRemove(async (context, next) => {
      // 'remove-upgrade' belongs to an app update, not to someone removing the app.
      if (context.activity.action === 'remove') await this.removed(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const removed: unknown = context.activity.membersRemoved;
      if (Array.isArray(removed) && removed.some((m) => m?.id === context.activity.recipient.id)) await this.removed(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.route(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!this.tenantAllowed(context)) return this.refuse(context);
    if (!(await this.firstDelivery(context))) return this.ignoreRepeat(context);
    const user = userKey(context);
    try {
      await this.deps.languages.decide(context, user);
      await super.run(context);
    } catch (error) {
      if (!isDeliveryFailure(error)) {
        // A failed turn saved nothing: a re-delivery of this activity must run it again.
        await this.forgetDelivery(context);
        throw error;
      }
      // A reply could not be delivered even after the retries, but the choice or vote is made:
      // keep it (save below), and show the participant where they are on their next message.
      if (scopeOf(context) === 'personal') await this.undelivered.set(context, true);
    }
    if (context.turnState.get(FORGOTTEN)) return; // nothing of them is written again
    await this.deps.conversationState.saveChanges(context, false);
    this.deps.languages.remember(context, user);
    // Where (and in which time zone) follow-up can reach this participant: their latest 1:1 chat.
    if (context.activity.type === 'message' && scopeOf(context) === 'personal') await this.deps.followup.noteContact(context);
  }

  /**
   * Teams delivers an activity again when a turn takes longer than 15 s (same id, same
   * conversation). The first delivery claims it in the database, so a repeat has no effect on any
   * instance. Activities without an id are always handled.
   */
  private async firstDelivery(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    if (!id || !conversation?.id) return true;
    return this.deps.activities.claim(conversation.id, id, (this.deps.now ?? (() => new Date()))());
  }

  private async forgetDelivery(context: TurnContext): Promise<void> {
    const { id, conversation } = context.activity;
    if (id && conversation?.id) await this.deps.activities.release(conversation.id, id);
  }

  /** A repeat is answered 200 with nothing: no reply, no effect (an invoke needs its 200 said explicitly). */
  private async ignoreRepeat(context: TurnContext): Promise<void> {
    if (context.activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
  }

  /** ALLOWED_TENANTS: activities from other organisations get no service and leave no data. */
  private tenantAllowed(context: TurnContext): boolean {
    const allowed = this.deps.allowedTenants ?? [];
    if (allowed.length === 0) return true;
    const tenant = (tenantOf(context) ?? '').toLowerCase();
    return allowed.some((t) => t.toLowerCase() === tenant);
  }

  private async refuse(context: TurnContext): Promise<void> {
    const text = strings(this.deps.languages.ofActivity(context)).replies.notForTenant;
    if (context.activity.type === 'message') await context.sendActivity(text);
    if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: textAnswer(text) } });
    }
  }

  private readonly commands: Record<CommandId, Handler> = {
    help: (c, l) => this.help(c, l),
    group: (c, l) => this.sendCard(c, this.deps.group.catalogue(l)),
    followup: (c, l) => this.sendCard(c, this.deps.followup.setupForSelf(l)),
    followupStatus: (c, l) => this.deps.followup.status(c, l),
    pause: (c, l) => this.deps.followup.pause(c, l),
    unsubscribe: (c, l) => this.deps.followup.unsubscribe(c, l),
    report: (c, l) => this.deps.followup.report(c, l),
    forget: (c, l) => this.sendCard(c, this.deps.views.confirmForget(l)),
    catalogue: (c, l) => this.sendCard(c, this.deps.views.catalogue(l, this.deps.library.exercises)),
    results: (c, l) => this.showResults(c, l),
    status: (c, l) => this.showStatus(c, l),
    stop: (c, l) => this.stop(c, l),
    restart: (c, l) => this.restart(c, l),
  };

  private readonly verbs: { [V in CardPayload['verb']]: (c: TurnContext, l: Lang, p: Extract<CardPayload, { verb: V }>) => Promise<void> } = {
    help: (c, l) => this.commands.help(c, l),
    results: (c, l) => this.commands.results(c, l),
    catalogue: (c, l, p) => this.sendCard(c, this.deps.views.catalogue(l, this.deps.library.exercises, { level: p.level, theme: p.theme, difficulty: p.difficulty })),
    start: (c, l, p) => this.startPractice(c, l, { exerciseId: p.exerciseId, perspective: p.perspective }),
    choose: (c) => this.continuePractice(c),
    next: (c) => this.continuePractice(c),
    begin: (c) => this.continuePractice(c),
    'group.catalogue': (c, l) => this.commands.group(c, l),
    'group.start': (c, l, p) => this.deps.group.start(c, l, p.exerciseId, p.perspective, p.showMissing === 'true'),
    // Action.Submit fallbacks of the shared card (older clients): same handling as Action.Execute.
    'group.vote': (c, l, p) => this.groupFallback(c, l, { verb: p.verb, data: { sessionId: p.sessionId, momentId: p.momentId, choiceId: p.choiceId } }),
    'group.reveal': (c, l, p) => this.groupFallback(c, l, { verb: p.verb, data: { sessionId: p.sessionId, momentId: p.momentId } }),
    'group.next': (c, l, p) => this.groupFallback(c, l, { verb: p.verb, data: { sessionId: p.sessionId, momentId: p.momentId } }),
    'group.finish': (c, l, p) => this.groupFallback(c, l, { verb: p.verb, data: { sessionId: p.sessionId, momentId: p.momentId } }),
    'group.missing': (c, l, p) => this.groupFallback(c, l, { verb: p.verb, data: { sessionId: p.sessionId, momentId: p.momentId } }),
    'group.refresh': async () => undefined,
    'followup.setup': (c, l, p) => this.deps.followup.setupForGroup(c, l, p.sessionId),
    'followup.create': (c, l, p) => this.deps.followup.createFromGroup(c, l, p.sessionId, p),
    'followup.enrol': (c, l, p) => this.deps.followup.enrolSelf(c, l, p),
    'micro.choose': (c, l, p) => this.deps.followup.answer(c, l, p.deliveryId, p.choiceId),
    'privacy.forget': (c, l) => this.forget(c, l),
  };

  /** Only Universal Actions are ours; any other invoke is a client's mistake (400), not a server fault (501). */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const value = context.activity.value as { action?: unknown } | undefined;
    const wellFormed = typeof value === 'object' && value !== null && typeof value.action === 'object' && value.action !== null;
    if (context.activity.name === 'adaptiveCard/action' && wellFormed) return super.onInvokeActivity(context);
    return { status: 400, body: { error: `unsupported or malformed invoke "${String(context.activity.name).slice(0, 64)}"` } };
  }

  /** Action.Execute on a shared group card: answered in the invoke response, personally. */
  protected override async onAdaptiveCardInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const lang = turnLang(context);
    const link = readReportLinkAction(context.activity.value);
    if (link && 'missing' in link) return textAnswer(strings(lang).replies.incompletePayload(fieldNames(link.missing)));
    if (link) return this.deps.reportLinks ? this.deps.reportLinks.refresh(context, lang, link.sessionId) : textAnswer(strings(lang).replies.badPayload);
    const reading = readGroupAction(context.activity.value);
    if ('unknown' in reading) return textAnswer(strings(lang).replies.badPayload);
    if ('missing' in reading) return textAnswer(strings(lang).replies.incompletePayload(fieldNames(reading.missing)));
    return this.deps.group.act(context, lang, reading.action);
  }

  private async groupFallback(context: TurnContext, lang: Lang, action: GroupAction): Promise<void> {
    const answer = await this.deps.group.act(context, lang, action);
    // An old client cannot show a personal answer: only notes (not the personal card) are sent.
    if (answer.type === 'application/vnd.microsoft.activity.message') await context.sendActivity(String(answer.value));
  }

  private async route(context: TurnContext): Promise<void> {
    const lang = turnLang(context);
    const scope = scopeOf(context);
    if (scope === 'personal' && (await this.showWhereAfterLostReply(context))) return;
    // Something that works only in the other kind of conversation gets a pointer there.
    const elsewhere = () => context.sendActivity(scope === 'personal' ? strings(lang).group.useInChannel : strings(lang).group.hint);
    const value = context.activity.value;
    if (value !== undefined && value !== null) {
      const reading = readingOf(context);
      // Refused as unknown only when the verb is; a known button with a field missing says which.
      if ('unknown' in reading) return void (await context.sendActivity(strings(lang).replies.badPayload));
      if ('missing' in reading) return void (await context.sendActivity(strings(lang).replies.incompletePayload(fieldNames(reading.missing))));
      const { payload } = reading;
      if (!verbScopes(payload.verb).includes(scope)) return void (await elsewhere());
      await (this.verbs[payload.verb] as (c: TurnContext, l: Lang, p: CardPayload) => Promise<void>)(context, lang, payload);
      return;
    }
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
    const command = parseCommand(text);
    if (command) {
      if (!COMMANDS.find((c) => c.id === command)!.scopes.includes(scope)) return void (await elsewhere());
      return this.commands[command](context, lang);
    }
    if (scope !== 'personal') return void (await elsewhere());
    const typed = parseTypedChoice(text);
    if (typed !== undefined && (await this.chooseTyped(context, lang, typed))) return;
    // Typed text that is no command: the dialog gives a hint for the card it waits on.
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) await dc.continueDialog();
    else await context.sendActivity(strings(lang).replies.unknownText);
  }

  /**
   * After a reply that never arrived: a click on the exercise's cards or typed text that is no
   * command gets the card the participant is on (a command is simply handled: it says where they are).
   */
  private async showWhereAfterLostReply(context: TurnContext): Promise<boolean> {
    if (!(await this.undelivered.get(context, false))) return false;
    await this.undelivered.delete(context);
    const value = context.activity.value;
    if (value !== undefined && value !== null) {
      const verb = payloadOf(context)?.verb;
      if (verb !== 'choose' && verb !== 'next') return false;
    } else if (parseCommand(TurnContext.removeRecipientMention(context.activity) ?? context.activity.text)) {
      return false;
    }
    return resendCurrentCard(this.practiceDeps, context);
  }

  /**
   * A typed letter chooses on the moment the 1:1 exercise waits on; else it answers the latest
   * unanswered micro-exercise. It goes the same way as a click on that card's button, so every
   * check (and the read-only card afterwards) is the same. False: no card waits for a letter.
   */
  private async chooseTyped(context: TurnContext, lang: Lang, position: number): Promise<boolean> {
    const practice = await readPractice(this.practiceDeps, context);
    const item = practice && this.deps.library.get(practice.run.exerciseId);
    const view = practice?.awaiting === 'choice' && item ? currentView(item.exercise, practice.run) : null;
    if (practice && view) {
      const choice = view.choices[position];
      if (!choice) {
        await context.sendActivity(strings(lang).play.noSuchLetter(letters(lang, view.choices.length)));
        return true;
      }
      usePayload(context, { verb: 'choose', runId: practice.runId, momentId: view.momentId, choiceId: choice.id });
      await this.continuePractice(context);
      return true;
    }
    return this.deps.followup.answerTyped(context, lang, position);
  }

  private async continuePractice(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) {
      await context.sendActivity(strings(turnLang(context)).replies.finishedCard);
      return;
    }
    await dc.continueDialog();
  }

  private async startPractice(context: TurnContext, lang: Lang, options: PracticeOptions): Promise<void> {
    const item = this.deps.library.get(options.exerciseId);
    if (!item || item.kind !== 'exercise' || !item.exercise.perspectives[options.perspective]) {
      await context.sendActivity(strings(lang).replies.unknownExercise);
      return;
    }
    const dc = await this.dialogs.createContext(context);
    const previous = await readPractice(this.practiceDeps, context);
    if (dc.activeDialog) await dc.cancelAllDialogs();
    if (previous && previous.run.current !== null) {
      await context.sendActivity(strings(lang).replies.replaced(this.titleOf(previous.run.exerciseId)));
    }
    await dc.beginDialog(PRACTICE_DIALOG, options);
  }

  /** "Delete my data", confirmed: every personal record goes, this chat's state too. */
  private async forget(context: TurnContext, lang: Lang): Promise<void> {
    await this.deps.languages.forget(userKey(context));
    await this.deps.privacy.forget(userKey(context), context.activity.from.id);
    await this.deps.conversationState.delete(context);
    context.turnState.set(FORGOTTEN, true);
    await context.sendActivity(strings(lang).privacy.done);
  }

  /** "stop" ends the running exercise; without one, it ends follow-up (as "afmelden" does). */
  private async stop(context: TurnContext, lang: Lang): Promise<void> {
    const practice = await readPractice(this.practiceDeps, context);
    const enrolled = await this.deps.followup.isEnrolled(context);
    if (!practice && enrolled) return this.deps.followup.unsubscribe(context, lang);
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await this.practiceDeps.practice.delete(context);
    const t = strings(lang);
    if (!practice) return void (await context.sendActivity(t.replies.nothingToStop));
    await closeOpenMomentCard(this.practiceDeps, context, practice, 'stopped');
    await context.sendActivity(t.replies.stopped(this.titleOf(practice.run.exerciseId)) + (enrolled ? ` ${t.followup.stoppedAlsoFollowup}` : ''));
  }

  private async restart(context: TurnContext, lang: Lang): Promise<void> {
    const practice = await readPractice(this.practiceDeps, context);
    if (!practice) {
      await context.sendActivity(strings(lang).replies.nothingToRestart);
      return;
    }
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await closeOpenMomentCard(this.practiceDeps, context, practice, 'restarted');
    await dc.beginDialog(PRACTICE_DIALOG, { exerciseId: practice.run.exerciseId, perspective: practice.run.perspective });
  }

  /** "status": where the participant is, with the card the exercise waits on shown again below. */
  private async showStatus(context: TurnContext, lang: Lang): Promise<void> {
    const t = strings(lang);
    const practice = await readPractice(this.practiceDeps, context);
    const item = practice && this.deps.library.get(practice.run.exerciseId);
    if (!practice || !item) return void (await context.sendActivity(t.replies.statusIdle));
    if (practice.awaiting === 'begin') return void (await context.sendActivity(t.replies.statusBriefing(item.exercise.title)));
    const view = currentView(item.exercise, practice.run);
    const text = practice.awaiting === 'next' || !view
      ? t.replies.statusFeedback(item.exercise.title)
      : t.replies.status(item.exercise.title, t.perspective[practice.run.perspective], view.step, view.steps);
    await context.sendActivity(text);
    await showCurrentCardAgain(this.practiceDeps, context, practice);
  }

  /**
   * "help": in the middle of a 1:1 exercise, what can be done now, with the card it waits on
   * shown again at the bottom (so "the latest card" is the right one); otherwise the welcome card.
   */
  private async help(context: TurnContext, lang: Lang): Promise<void> {
    const practice = scopeOf(context) === 'personal' ? await readPractice(this.practiceDeps, context) : undefined;
    const item = practice && this.deps.library.get(practice.run.exerciseId);
    if (!practice || !item) return this.sendCard(context, this.deps.views.welcome(lang, scopeOf(context) !== 'personal'));
    const t = strings(lang);
    const view = currentView(item.exercise, practice.run);
    const perspective = t.perspective[practice.run.perspective];
    const text = practice.awaiting === 'choice' && view
      ? t.play.helpChoose(item.exercise.title, perspective, view.step, view.steps, letters(lang, view.choices.length))
      : t.play.helpContinue(item.exercise.title, perspective);
    await context.sendActivity(text);
    await showCurrentCardAgain(this.practiceDeps, context, practice);
  }

  private async showResults(context: TurnContext, lang: Lang): Promise<void> {
    const runs = await this.deps.runs.listByUser(userKey(context), 50);
    const names = new Map(this.deps.library.exercises.flatMap((i) => i.dimensions).map((d) => [d.id, d.name[lang]]));
    const isCase = (id: string) => this.deps.library.get(id)?.kind === 'exercise';
    const card = this.deps.views.results(lang, runs, (id) => this.titleOf(id), (dim) => names.get(dim) ?? dim, isCase);
    await this.sendCard(context, card);
  }

  /**
   * The app is gone from this conversation; nothing can be sent here any more. Personal scope:
   * follow-up stops at once. Team or group chat: running group exercises end. In every scope the
   * conversation's state goes (an exercise in progress, the welcome), so a reinstall starts afresh;
   * finished results stay (a participant deletes them with "verwijder mijn gegevens").
   */
  private async removed(context: TurnContext): Promise<void> {
    if (context.turnState.get(FORGOTTEN)) return;
    if (scopeOf(context) === 'personal') await this.deps.followup.appRemoved(context);
    else await this.deps.group.endRemoved(context);
    await this.deps.conversationState.delete(context);
    context.turnState.set(FORGOTTEN, true);
  }

  private async welcomeOnce(context: TurnContext): Promise<void> {
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    await this.sendCard(context, this.deps.views.welcome(turnLang(context), scopeOf(context) !== 'personal'));
  }

  private async sendCard(context: TurnContext, card: object): Promise<void> {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  private titleOf(exerciseId: string): string {
    return this.deps.library.get(exerciseId)?.exercise.title ?? exerciseId;
  }
}

