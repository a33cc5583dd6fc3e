/**
 * Group exercises in a channel or group chat, run on invoke handlers (Universal Actions), not a
 * dialog stack. The state lives in the group store, keyed by conversation; votes are rows; the
 * facilitator's transitions are versioned writes. Every answer to a click is personal (the
 * invoke response), so the group only ever sees counts.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { GroupCardViews } from '../../cards/group-views';
import type { Library } from '../../content/library';
import type { Perspective } from '../../content/schema';
import { choose, groupChoice, participantRuns, summarise, RUN_STATE_VERSION, type RunState } from '../../engine';
import { strings, type Lang } from '../../i18n';
import type { ConversationRef, GroupSession, GroupStore, RunStore } from '../../store/types';
import type { GroupAction } from '../payloads';
import { conversationKey, conversationRefOf, teamIdOf, rosterOf, textAnswer, userKey, type Member } from '../teams-context';
import type { SharedCardTarget, SharedCardUpdater } from './shared-card';

export interface GroupDeps {
  library: Library;
  views: GroupCardViews;
  groups: GroupStore;
  runs: RunStore;
  /** AAD object ids allowed to start a group exercise; empty = anyone. */
  trainers: string[];
  idleMinutes: number;
  now: () => Date;
  log: Logger;
  /** Sends a short text to a conversation outside a turn (the idle note). */
  announce: (ref: ConversationRef, text: string) => Promise<void>;
  /** After the summary: the facilitator's own card with the link to the report page (src/bot/report-link.ts). */
  offerReport?: (context: TurnContext, lang: Lang, session: GroupSession) => Promise<void>;
}

const MAX_REFRESH_USERS = 60;

type Answer = AdaptiveCardInvokeResponse;
const message = textAnswer;
const cardAnswer = (card: object): Answer => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never });

export class GroupFlow {
  updater!: SharedCardUpdater;

  constructor(private readonly deps: GroupDeps) {}

  catalogue(lang: Lang): object {
    return this.deps.views.catalogue(lang, this.deps.library.exercises);
  }

  /** "groep" → catalogue → a start button: the one who starts is the facilitator. */
  async start(context: TurnContext, lang: Lang, exerciseId: string, perspective: Perspective, showMissing: boolean): Promise<void> {
    const t = strings(lang).group;
    const { trainers, library, groups, now } = this.deps;
    if (trainers.length > 0 && !trainers.includes(context.activity.from.aadObjectId ?? '')) {
      await context.sendActivity(t.notTrainer);
      return;
    }
    const item = library.get(exerciseId);
    const first = item?.kind === 'exercise' ? item.exercise.perspectives[perspective]?.moments[0] : undefined;
    if (!item || !first) {
      await context.sendActivity(strings(lang).replies.unknownExercise);
      return;
    }
    await this.endIdle();
    const members = await this.roster(context);
    const at = now();
    const session: GroupSession = {
      id: randomUUID(),
      conversationId: conversationKey(context),
      ref: conversationRefOf(context),
      teamId: teamIdOf(context),
      exerciseId,
      perspective,
      facilitatorId: userKey(context),
      showMissing,
      status: 'running',
      momentId: first.id,
      revealed: false,
      path: [],
      // One order of the choices per moment for the whole group, the same on every card.
      seed: randomInt(2 ** 32),
      // refresh.userIds allows at most 60: above that everyone sees the shared card.
      memberIds: members && members.length <= MAX_REFRESH_USERS ? members.map((m) => m.id) : [],
      memberCount: members?.length,
      version: 0,
      startedAt: at,
      updatedAt: at,
    };
    const created = await groups.create(session);
    if (!created.created) {
      await context.sendActivity(t.alreadyRunning(library.get(created.running.exerciseId)?.exercise.title ?? created.running.exerciseId));
      return;
    }
    // The key facts first (what the role knows and the other does not), then the first vote.
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.briefing(lang, item, perspective))] });
    await this.post(context, lang, session);
  }

  /** An Action.Execute on the shared card. Always answers, never throws for bad input. */
  async act(context: TurnContext, lang: Lang, action: GroupAction): Promise<Answer> {
    const t = strings(lang).group;
    const session = await this.deps.groups.get(action.data.sessionId);
    if (!session || session.conversationId !== conversationKey(context)) return message(t.otherConversation);
    if (session.status !== 'running') return message(t.finished);
    const item = this.deps.library.get(session.exerciseId);
    if (!item) return message(t.finished);
    const current = action.data.momentId === session.momentId;
    const isFacilitator = userKey(context) === session.facilitatorId;

    switch (action.verb) {
      case 'group.refresh':
        return cardAnswer(await this.personalView(lang, session, context, current ? undefined : action.data.momentId));
      case 'group.vote': {
        if (!current || session.revealed) return message(t.stale);
        const outcome = await this.deps.groups.vote(session.id, { momentId: session.momentId!, userId: userKey(context), choiceId: action.data.choiceId, memberId: context.activity.from.id }, this.deps.now());
        if (outcome === 'closed') return message(t.stale);
        this.updater.request(session.id);
        return cardAnswer(await this.personalView(lang, session, context));
      }
      default:
        if (!isFacilitator) return message(t.onlyFacilitator);
        if (!current) return message(t.stale);
        return this.steer(context, lang, session, action.verb);
    }
  }

  private async steer(context: TurnContext, lang: Lang, session: GroupSession, verb: 'group.reveal' | 'group.next' | 'group.finish' | 'group.missing'): Promise<Answer> {
    const t = strings(lang).group;
    const { groups, library, now } = this.deps;
    const item = library.get(session.exerciseId)!;
    if (verb === 'group.missing') return message(await this.missing(context, lang, session));
    if (verb === 'group.reveal') {
      if (!session.revealed && !(await groups.update({ ...session, revealed: true, updatedAt: now() }))) return message(t.stale);
      this.updater.request(session.id);
      return cardAnswer(await this.personalView(lang, (await groups.get(session.id))!, context));
    }
    // next or finish: the card the facilitator clicked keeps its final, revealed state.
    const closedCard = await this.personalView(lang, { ...session, revealed: true }, context, session.momentId!);
    const closedShared = await this.sharedCard(lang, { ...session, revealed: true }, 'closed');
    const votes = await groups.votes(session.id, session.momentId!);
    const seed = session.seed ?? null;
    const followed = groupChoice(item.exercise, session.perspective, session.momentId!, votes, seed)!;
    const path = [...session.path, { moment: session.momentId!, choice: followed }];
    const state: RunState = { v: RUN_STATE_VERSION, exerciseId: item.exercise.id, perspective: session.perspective, current: session.momentId, answers: session.path, seed };
    const result = choose(item.exercise, state, session.momentId!, followed);
    const nextMoment = verb === 'group.next' && result.type === 'feedback' ? result.state.current : null;
    // Without an activity id no coalesced edit can touch the old card while the new one is posted.
    const moved: GroupSession = {
      ...session, path, activityId: undefined, momentId: nextMoment ?? session.momentId,
      revealed: !nextMoment, status: nextMoment ? 'running' : 'finished', updatedAt: now(),
    };
    if (!(await groups.update(moved))) return message(t.stale);
    await this.editOldCard(context, session.activityId, closedShared);
    const fresh = (await groups.get(session.id))!;
    // Finished by the trainer while the script had moments left: a partial run for everyone in it.
    const partial = verb === 'group.finish' && result.type === 'feedback' && result.state.current !== null;
    if (nextMoment) await this.post(context, lang, fresh);
    else await this.finish(context, lang, fresh, partial);
    return cardAnswer(closedCard);
  }

  private async editOldCard(context: TurnContext, activityId: string | undefined, card: object): Promise<void> {
    if (!activityId) return;
    try {
      await context.updateActivity({ type: 'message', id: activityId, attachments: [CardFactory.adaptiveCard(card)] });
    } catch (error) {
      this.deps.log.warn({ err: { message: (error as Error).message } }, 'could not close the previous shared card');
    }
  }

  /** Posts a new shared card for the current moment and remembers its message id. */
  private async post(context: TurnContext, lang: Lang, session: GroupSession): Promise<void> {
    const card = await this.sharedCard(lang, session);
    const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    if (sent?.id) {
      await this.deps.groups.update({ ...session, activityId: sent.id });
      // Votes that arrived while the card was being posted: bring its count up to date.
      if ((await this.deps.groups.count(session.id, session.momentId!)) > 0) this.updater.request(session.id);
    }
  }

  private async finish(context: TurnContext, lang: Lang, session: GroupSession, partial: boolean): Promise<void> {
    const { groups, runs, library, now } = this.deps;
    const item = library.get(session.exerciseId)!;
    const votes = await groups.votes(session.id);
    // Each participant's group answers count in their own "mijn resultaten": only the moments the
    // group played (votes exist for nothing else), each dimension weighted by the moments that measured it.
    const played = new Set(session.path.map((p) => p.moment));
    for (const [userId, run] of participantRuns(item.exercise, session.perspective, votes.filter((v) => played.has(v.momentId)), session.seed ?? null)) {
      const profile = summarise(item.exercise, item.dimensions, run).profile.map((d) => ({ dimension: d.id, score: d.score, moments: d.moments }));
      await runs.saveFinished({ id: `${session.id}:${userId}`, mode: 'group', userId, exerciseId: item.exercise.id, perspective: session.perspective, finishedAt: now(), answers: run.answers, profile, seed: session.seed, ...(partial ? { partial } : {}) });
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.summary(lang, item, session, votes))] });
    await this.deps.offerReport?.(context, lang, session);
  }

  private async missing(context: TurnContext, lang: Lang, session: GroupSession): Promise<string> {
    const t = strings(lang).group;
    if (!session.showMissing) return t.missingOff;
    const members = await this.roster(context);
    if (!members) return t.missingUnknown;
    const voted = new Set((await this.deps.groups.votes(session.id, session.momentId!)).map((v) => v.userId));
    const names = members.filter((m) => !voted.has(m.aadObjectId ?? m.id) && (m.aadObjectId ?? m.id) !== session.facilitatorId).map((m) => m.name);
    return names.length === 0 ? t.missingNone : t.missingList(names.join(', '));
  }

  /** The shared card as everyone sees it now (for posting and for the coalesced edits). */
  async sharedCard(lang: Lang, session: GroupSession, viewer: 'shared' | 'closed' = 'shared'): Promise<object> {
    const item = this.deps.library.get(session.exerciseId)!;
    const votes = await this.deps.groups.votes(session.id, session.momentId!);
    return this.deps.views.moment(lang, item, session, { votes, memberCount: session.memberCount }, viewer);
  }

  async sharedTarget(sessionId: string): Promise<SharedCardTarget | undefined> {
    const session = await this.deps.groups.get(sessionId);
    if (!session?.activityId || !session.momentId) return undefined;
    return { ref: session.ref, activityId: session.activityId, card: await this.sharedCard(session.ref.locale ?? 'nl', session) };
  }

  /** One person's view; with `leftMoment` the view of a moment the group has left (revealed, no buttons). */
  private async personalView(lang: Lang, session: GroupSession, context: TurnContext, leftMoment?: string): Promise<object> {
    const item = this.deps.library.get(session.exerciseId)!;
    const shown = leftMoment ? { ...session, momentId: leftMoment, revealed: true } : session;
    const votes = await this.deps.groups.votes(session.id, shown.momentId!);
    const mine = votes.find((v) => v.userId === userKey(context))?.choiceId;
    const viewer = { facilitator: userKey(context) === session.facilitatorId && !leftMoment, choiceId: mine };
    return this.deps.views.moment(lang, item, shown, { votes, memberCount: session.memberCount }, viewer);
  }

  private async roster(context: TurnContext): Promise<Member[] | undefined> {
    const members = await rosterOf(context);
    if (!members) this.deps.log.info('member list not available');
    return members;
  }

  /** Ends group exercises that saw no activity for the configured time, with a short note. */
  async endIdle(): Promise<number> {
    const { groups, library, idleMinutes, now, announce, log } = this.deps;
    const idle = await groups.idleSince(new Date(now().getTime() - idleMinutes * 60_000));
    let ended = 0;
    for (const session of idle) {
      if (!(await groups.update({ ...session, status: 'finished', updatedAt: now() }))) continue;
      ended++;
      const title = library.get(session.exerciseId)?.exercise.title ?? session.exerciseId;
      await announce(session.ref, strings(session.ref.locale ?? 'nl').group.idleEnded(title, idleMinutes)).catch((error: Error) =>
        log.warn({ err: { message: error.message } }, 'could not announce the end of an idle group exercise'),
      );
    }
    return ended;
  }

  /**
   * The bot was removed from this group chat, or from the team of this channel: running group
   * exercises there end at once (finished, votes kept as they are), without a note it could not post.
   */
  async endRemoved(context: TurnContext): Promise<number> {
    const { groups, now } = this.deps;
    const here = await groups.running(conversationKey(context));
    const team = teamIdOf(context);
    const sessions = new Map([...(team ? await groups.runningInTeam(team) : []), ...(here ? [here] : [])].map((s) => [s.id, s]));
    let ended = 0;
    for (const session of sessions.values()) if (await groups.update({ ...session, status: 'finished', updatedAt: now() })) ended++;
    return ended;
  }
}
