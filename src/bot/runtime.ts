/**
 * Everything that speaks botbuilder, built in one place: the adapter, conversation state, the
 * bot with its group and follow-up flows, and the senders that reach Teams outside a turn.
 * The rest of the application sees only `handle` (an HTTP request in, a response out).
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { ConversationState, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { Request, Response } from 'restify';
import { FollowupCardViews } from '../cards/followup-views';
import { GroupCardViews } from '../cards/group-views';
import type { CardRenderer } from '../cards/render';
import { CardViews } from '../cards/views';
import type { Config } from '../config';
import type { Library } from '../content/library';
import { Pacer } from '../followup/pacing';
import { FollowupScheduler } from '../followup/scheduler';
import type { ConversationRef, Store } from '../store/types';
import { createAdapter } from './adapter';
import { ParticipantLanguages } from './language';
import { FollowupFlow } from './followup/followup-flow';
import { withLibraryConsole } from './library-console';
import { TeamsDeliverySender } from './followup/sender';
import { GroupFlow } from './group/group-flow';
import { SharedCardUpdater } from './group/shared-card';
import { SamenspelBot } from './samenspel-bot';
import { StateStoreStorage } from './storage';

export interface BotRuntime {
  /** One HTTP request to /api/messages through the adapter and the bot. */
  handle(req: Request, res: Response): Promise<void>;
  group: GroupFlow;
  scheduler: FollowupScheduler;
  /** Participants' locales not yet written (flushed at shutdown). */
  languages: ParticipantLanguages;
}

export function createBotRuntime(config: Config, deps: { library: Library; store: Store; renderer: CardRenderer; log: Logger; now: () => Date }): BotRuntime {
  const { library, store, renderer, log, now } = deps;
  const conversationState = new ConversationState(new StateStoreStorage(store.state));
  const adapter = createAdapter(config, conversationState, log);
  const appId = config.MICROSOFT_APP_ID ?? '';
  const languages = new ParticipantLanguages(store.participants, config.INTERFACE_LANGUAGE, now, log);
  const announce = (ref: ConversationRef, text: string) =>
    adapter.continueConversationAsync(appId, ref as Partial<ConversationReference>, async (context) => void (await context.sendActivity(text)));

  const group = new GroupFlow({
    library, views: new GroupCardViews(renderer), groups: store.groups, runs: store.runs,
    trainers: config.TRAINERS, idleMinutes: config.GROUP_IDLE_MINUTES, now, log, announce,
  });
  group.updater = new SharedCardUpdater(adapter, appId, (id) => group.sharedTarget(id), log);

  const hours = { ...config.WORK_HOURS, days: config.WORK_DAYS };
  const followupViews = new FollowupCardViews(renderer);
  const followup = new FollowupFlow({
    library, followup: store.followup, groups: store.groups, runs: store.runs, views: followupViews, hours, defaultZone: config.DEFAULT_TIMEZONE, now, log,
  });
  const scheduler = new FollowupScheduler(
    store.followup,
    new TeamsDeliverySender({ adapter, appId, library, followup: store.followup, runs: store.runs, views: followupViews, languages, now }),
    new Pacer(config.FOLLOWUP_RATE_PER_SECOND, config.FOLLOWUP_RATE_PER_CONVERSATION),
    {
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: config.FOLLOWUP_LEASE_SECONDS * 1000,
      // No more per claim than this instance can send within half the lease, so a live scheduler's
      // claims never expire under it (another instance would then send them a second time).
      batch: Math.max(1, Math.min(200, Math.floor((config.FOLLOWUP_RATE_PER_SECOND * config.FOLLOWUP_LEASE_SECONDS) / 2))),
      concurrency: 16, maxAttempts: config.FOLLOWUP_MAX_ATTEMPTS, hours, now,
    },
    log,
  );

  const bot = new SamenspelBot({
    library, views: new CardViews(renderer), runs: store.runs, conversationState, group, followup, privacy: store.privacy,
    languages, allowedTenants: config.ALLOWED_TENANTS, now, log,
  });
  return {
    handle: (req, res) => withLibraryConsole(log, () => adapter.process(req, res, (context) => bot.run(context))),
    group,
    scheduler,
    languages,
  };
}
