/**
 * Builds the whole bot from configuration: content, store, cards, adapter, bot and HTTP server.
 * main.ts starts it for real; tests start it in-process on a free port.
 */
import path from 'node:path';
import { ConversationState, type ConversationReference } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { createAdapter } from './bot/adapter';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { FollowupFlow } from './bot/followup/followup-flow';
import { TeamsDeliverySender } from './bot/followup/sender';
import { GroupFlow } from './bot/group/group-flow';
import { SharedCardUpdater } from './bot/group/shared-card';
import { SamenspelBot } from './bot/samenspel-bot';
import { StateStoreStorage } from './bot/storage';
import { loadCardTemplates } from './cards/render';
import { FollowupCardViews } from './cards/followup-views';
import { GroupCardViews } from './cards/group-views';
import { CardViews } from './cards/views';
import type { Config } from './config';
import { loadLibrary } from './content/library';
import { createHttpServer } from './server/http';
import { Pacer } from './followup/pacing';
import { FollowupScheduler } from './followup/scheduler';
import { openSqliteStore } from './store/sqlite';
import type { ConversationRef } from './store/types';

const IDLE_SWEEP_MS = 60_000;

export interface App {
  url: string;
  log: Logger;
  /** For tests and the benchmark: the shared-card edits sent so far, and the idle check. */
  group: GroupFlow;
  /** For tests: run a scheduler round now instead of waiting for the poll. */
  scheduler: FollowupScheduler;
  /** For tests: the daily retention purge, now. */
  purgeExpired(): Promise<Record<string, number>>;
  /** For tests: every table as text. */
  dump(): Promise<Record<string, string[]>>;
  /** Stops accepting requests, waits for turns in flight, closes the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
  now?: () => Date;
}

export async function startApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? pino({ level: config.LOG_LEVEL, base: { app: 'samenspel' } });
  const library = loadLibrary(path.resolve(config.CONTENT_DIR), config.CONTENT_PACKS);
  const store = openSqliteStore(path.resolve(config.DATA_DIR));
  const conversationState = new ConversationState(new StateStoreStorage(store.state));
  const renderer = loadCardTemplates();
  const views = new CardViews(renderer);
  const now = options.now ?? (() => new Date());
  const adapter = createAdapter(config, conversationState, log);
  const appId = config.MICROSOFT_APP_ID ?? '';
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
    library, followup: store.followup, groups: store.groups, runs: store.runs, views: followupViews, hours, defaultZone: config.DEFAULT_TIMEZONE, now,
  });
  const scheduler = new FollowupScheduler(
    store.followup,
    new TeamsDeliverySender({ adapter, appId, library, followup: store.followup, runs: store.runs, views: followupViews, now }),
    new Pacer(config.FOLLOWUP_RATE_PER_SECOND, config.FOLLOWUP_RATE_PER_CONVERSATION),
    { owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: config.FOLLOWUP_LEASE_SECONDS * 1000, batch: 200, concurrency: 16, maxAttempts: config.FOLLOWUP_MAX_ATTEMPTS, hours, now },
    log,
  );
  if (config.FOLLOWUP_ENABLED) scheduler.start(config.FOLLOWUP_POLL_MS);
  const bot = new SamenspelBot({ library, views, runs: store.runs, conversationState, group, followup, privacy: store.privacy, allowedTenants: config.ALLOWED_TENANTS, now });
  const { server, turns } = createHttpServer({ adapter, bot, store, log });
  // Idle group exercises end by themselves; the check is cheap and survives restarts (it reads the database).
  const sweep = setInterval(() => {
    group.endIdle().catch((error: Error) => log.warn({ err: { message: error.message } }, 'idle sweep failed'));
  }, IDLE_SWEEP_MS);
  sweep.unref();
  // Retention: personal records older than RETENTION_DAYS go, once a day (and at start-up).
  const purgeExpired = async () => {
    const removed = await store.privacy.purgeBefore(new Date(now().getTime() - config.RETENTION_DAYS * 86_400_000));
    log.info({ removed }, 'retention purge');
    return removed;
  };
  const retention = setInterval(() => void purgeExpired().catch((error: Error) => log.warn({ err: { message: error.message } }, 'retention purge failed')), 86_400_000);
  retention.unref();
  await purgeExpired();

  if (!config.MICROSOFT_APP_ID) {
    log.warn('MICROSOFT_APP_ID is not set: authentication is OFF (local development only). Set it to let the adapter authenticate every request.');
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address() as { port: number };
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${address.port}`;
  log.info({ url, exercises: library.exercises.length, microExercises: library.micros.length }, 'Samenspel is listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    log,
    group,
    scheduler,
    purgeExpired,
    dump: () => store.privacy.dump(),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive connections would hold close() open until they time out.
        server.server.closeIdleConnections();
        clearInterval(sweep);
        clearInterval(retention);
        await scheduler.stop();
        await turns.drained();
        await group.updater.flush();
        // Connections that were busy with those turns are idle now: close them too.
        setImmediate(() => server.server.closeIdleConnections());
        await closed;
        await store.close();
      })();
      return closing;
    },
  };
}
