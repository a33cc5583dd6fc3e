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
import { Pacer } from '../outgoing/pacer';
import { FollowupScheduler } from '../followup/scheduler';
import type { ConversationRef, Store } from '../store/types';
import { createAdapter } from './adapter';
import { ParticipantLanguages } from './language';
import { DEFAULT_RETRY, outgoingPolicy } from './outgoing/connector-policy';
import { continueConversation } from './outgoing/proactive';
import { FollowupFlow } from './followup/followup-flow';
import { withLibraryConsole } from './library-console';
import { TeamsDeliverySender } from './followup/sender';
import { GroupFlow } from './group/group-flow';
import { SharedCardUpdater } from './group/shared-card';
import { ReportLinks } from './report-link';
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

/** What the report links need: the HMAC key (src/report/link.ts) and the bot's public address, known once it listens. */
export interface ReportLinkSettings {
  key: Buffer;
  baseUrl: () => string;
}

export function createBotRuntime(
  config: Config,
  deps: { library: Library; store: Store; renderer: CardRenderer; log: Logger; now: () => Date; report: ReportLinkSettings },
): BotRuntime {
  const { library, store, renderer, log, now } = deps;
  const reportLinks = new ReportLinks({
    key: deps.report.key, baseUrl: deps.report.baseUrl, days: config.REPORT_LINK_DAYS, zone: config.DEFAULT_TIMEZONE, renderer, library, groups: store.groups, now,
  });
  const offerReport = (context: Parameters<ReportLinks['offer']>[0], lang: Parameters<ReportLinks['offer']>[1], sessionId: string) =>
    store.groups.get(sessionId).then((session) => (session ? reportLinks.offer(context, lang, session) : undefined));
  const conversationState = new ConversationState(new StateStoreStorage(store.state));
  // The one door to the Bot Connector: every request is paced and retried by this policy.
  const pacer = new Pacer({
    enabled: config.OUTGOING_PACING === 'teams',
    appPerSecond: config.OUTGOING_RATE_PER_SECOND,
    shared: store.outgoingBudget,
    onSharedError: (error) => log.warn({ err: { message: error.message } }, 'shared outgoing budget unreachable: pacing on this instance only'),
  });
  const outgoing = outgoingPolicy(pacer, log, { ...DEFAULT_RETRY, baseMs: config.OUTGOING_RETRY_BASE_MS });
  const adapter = createAdapter(config, conversationState, log, outgoing);
  const appId = config.MICROSOFT_APP_ID ?? '';
  const languages = new ParticipantLanguages(store.participants, config.INTERFACE_LANGUAGE, now, log);
  const announce = (ref: ConversationRef, text: string) =>
    continueConversation(adapter, appId, ref as Partial<ConversationReference>, async (context) => void (await context.sendActivity(text)));

  const group = new GroupFlow({
    library, views: new GroupCardViews(renderer), groups: store.groups, runs: store.runs,
    trainers: config.TRAINERS, idleMinutes: config.GROUP_IDLE_MINUTES, now, log, announce,
    offerReport: (context, lang, session) => reportLinks.offer(context, lang, session),
  });
  group.updater = new SharedCardUpdater(adapter, appId, (id) => group.sharedTarget(id), log);

  const hours = { ...config.WORK_HOURS, days: config.WORK_DAYS };
  const followupViews = new FollowupCardViews(renderer);
  const followup = new FollowupFlow({
    library, followup: store.followup, groups: store.groups, runs: store.runs, views: followupViews, hours, defaultZone: config.DEFAULT_TIMEZONE, now, log, offerReport,
  });
  const scheduler = new FollowupScheduler(
    store.followup,
    new TeamsDeliverySender({ adapter, appId, library, followup: store.followup, runs: store.runs, views: followupViews, languages, now }),
    {
      owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: config.FOLLOWUP_LEASE_SECONDS * 1000,
      // No more per claim than the app can send within an eighth of the lease (instances share the
      // rate), so a live scheduler's claims do not expire under it; one that does is handed back.
      batch: Math.max(1, Math.min(200, Math.floor((config.OUTGOING_RATE_PER_SECOND * config.FOLLOWUP_LEASE_SECONDS) / 8))),
      concurrency: 16, maxAttempts: config.FOLLOWUP_MAX_ATTEMPTS, hours, now,
    },
    log,
  );

  const bot = new SamenspelBot({
    library, views: new CardViews(renderer), runs: store.runs, conversationState, group, followup, privacy: store.privacy, activities: store.activities,
    languages, reportLinks, allowedTenants: config.ALLOWED_TENANTS, now, log,
  });
  return {
    handle: (req, res) => withLibraryConsole(log, () => adapter.process(req, res, (context) => bot.run(context))),
    group,
    scheduler,
    languages,
  };
}
