/** The HTTP surface: POST /api/messages for Teams, GET /healthz and /readyz for the host. */
import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { SamenspelBot } from '../bot/samenspel-bot';
import type { Store } from '../store/types';
import { TurnQueue } from './turn-queue';

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Turns that share state run one after another: a 1:1 conversation's turns, and one person's
 * clicks in a group. Different people in one channel run in parallel: their votes are separate rows.
 */
export function queueKey(body: unknown): string {
  const activity = body as { conversation?: { id?: unknown; conversationType?: unknown }; from?: { id?: unknown } } | undefined;
  const conversation = typeof activity?.conversation?.id === 'string' ? activity.conversation.id : '';
  if (activity?.conversation?.conversationType === 'personal' || !activity?.conversation?.conversationType) return conversation;
  return `${conversation}|${typeof activity.from?.id === 'string' ? activity.from.id : ''}`;
}

export interface HttpDeps {
  adapter: CloudAdapter;
  bot: SamenspelBot;
  store: Store;
  log: Logger;
}

export function createHttpServer({ adapter, bot, store, log }: HttpDeps): { server: restify.Server; turns: TurnQueue } {
  const server = restify.createServer({ name: 'samenspel', handleUncaughtExceptions: false });
  const turns = new TurnQueue();
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req, res) => {
    const key = queueKey(req.body);
    await turns.run(key, () => adapter.process(req, res, (context) => bot.run(context)));
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ready' });
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'storage not reachable');
      res.send(503, { status: 'storage unreachable' });
    }
  });

  return { server, turns };
}
