/**
 * Builds the whole bot from configuration: content, store, cards, adapter, bot and HTTP server.
 * main.ts starts it for real; tests start it in-process on a free port.
 */
import path from 'node:path';
import { ConversationState } from 'botbuilder';
import pino, { type Logger } from 'pino';
import { createAdapter } from './bot/adapter';
import { SamenspelBot } from './bot/samenspel-bot';
import { StateStoreStorage } from './bot/storage';
import { loadCardTemplates } from './cards/render';
import { CardViews } from './cards/views';
import type { Config } from './config';
import { loadLibrary } from './content/library';
import { createHttpServer } from './server/http';
import { openSqliteStore } from './store/sqlite';

export interface App {
  url: string;
  log: Logger;
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
  const views = new CardViews(loadCardTemplates());
  const bot = new SamenspelBot({ library, views, runs: store.runs, conversationState, now: options.now });
  const adapter = createAdapter(config, conversationState, log);
  const { server, turns } = createHttpServer({ adapter, bot, store, log });

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
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Idle keep-alive connections would hold close() open until they time out.
        server.server.closeIdleConnections();
        await turns.drained();
        // Connections that were busy with those turns are idle now: close them too.
        setImmediate(() => server.server.closeIdleConnections());
        await closed;
        await store.close();
      })();
      return closing;
    },
  };
}
