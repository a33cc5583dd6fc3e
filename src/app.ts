/**
 * Builds the whole bot from configuration: content, store, cards, adapter, bot and HTTP server.
 * main.ts starts it for real; tests start it in-process on a free port.
 */
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { GroupFlow } from './bot/group/group-flow';
import { createBotRuntime } from './bot/runtime';
import { loadCardTemplates } from './cards/render';
import { isLoopback, type Config } from './config';
import { loadLibrary } from './content/library';
import type { FollowupScheduler } from './followup/scheduler';
import { reportKey } from './report/link';
import { registerReportRoutes } from './report/routes';
import { createHttpServer } from './server/http';
import { describe, openStore, storeOptionsOf } from './store/sql';

const IDLE_SWEEP_MS = 60_000;

export interface App {
  url: string;
  /** The address and port the server is bound to. */
  address: { address: string; port: number };
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
  if (library.warnings.length > 0) {
    log.warn({ problems: library.warnings }, `the content has ${library.warnings.length} teaching-quality problem(s); the bot plays it as it is. Run npm run validate for details.`);
  }
  const storeOptions = storeOptionsOf(config);
  const store = await openStore(storeOptions);
  log.info({ store: describe(storeOptions), migrated: store.migrated }, 'store ready');
  const now = options.now ?? (() => new Date());
  // The report links' key and address (src/report): see README, "The trainer's report page".
  const { key, source } = reportKey(config);
  if (source === 'random') log.warn('neither REPORT_SECRET nor MICROSOFT_APP_PASSWORD is set: report links are signed with a key made at start-up and stop working when the bot restarts');
  let baseUrl = config.PUBLIC_BASE_URL ?? (config.BOT_DOMAIN ? `https://${config.BOT_DOMAIN}` : '');
  const report = { key, baseUrl: () => baseUrl };
  const { handle, group, scheduler, languages } = createBotRuntime(config, { library, store, renderer: loadCardTemplates(), log, now, report });
  if (config.FOLLOWUP_ENABLED) scheduler.start(config.FOLLOWUP_POLL_MS);
  const routes = (server: Parameters<typeof registerReportRoutes>[0]) =>
    registerReportRoutes(server, { key, library, groups: store.groups, followup: store.followup, minGroup: config.REPORT_MIN_GROUP, zone: config.DEFAULT_TIMEZONE, now, log });
  const { server, turns } = createHttpServer({ handle, store, log, routes });
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

  for (const [setting, name] of config.readFrom) log.info({ variable: name, setting }, `${name} is read as ${setting}`);
  if (!config.MICROSOFT_APP_ID && config.ALLOW_UNAUTHENTICATED && !isLoopback(config.HOST)) {
    log.warn(
      { host: config.HOST },
      `MICROSOFT_APP_ID is not set: authentication is OFF, and ALLOW_UNAUTHENTICATED=true lets the bot listen on ${config.HOST}: anyone who reaches it can act as any Teams user.`,
    );
  } else if (!config.MICROSOFT_APP_ID) {
    log.warn(
      { host: config.HOST },
      `MICROSOFT_APP_ID is not set: authentication is OFF (local development only), so the bot listens on ${config.HOST} only. Set it to let the adapter authenticate every request.`,
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address() as { address: string; port: number };
  // Every interface (0.0.0.0, ::) is reached here through loopback; an IPv6 address needs brackets.
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${address.port}`;
  if (!baseUrl) {
    baseUrl = url;
    if (config.MICROSOFT_APP_ID) log.warn({ url }, 'PUBLIC_BASE_URL is not set: the report links point at the address the bot listens on, which browsers elsewhere may not reach');
  }
  log.info({ url, exercises: library.exercises.length, microExercises: library.micros.length }, 'Samenspel is listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    address: { address: address.address, port: address.port },
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
        await languages.flush();
        // Connections that were busy with those turns are idle now: close them too.
        setImmediate(() => server.server.closeIdleConnections());
        await closed;
        await store.close();
      })();
      return closing;
    },
  };
}
