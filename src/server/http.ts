/** The HTTP surface: POST /api/messages for Teams, GET /healthz and /readyz for the host, and any `routes` added (the report pages). */
import restify from 'restify';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Store } from '../store/types';
import { TurnQueue } from './turn-queue';

export const MAX_BODY_BYTES = 256 * 1024;

/** Text that can travel in a URL or a JSON reply: no lone surrogates. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number) => z.string().max(max).refine((v) => !LONE_SURROGATE.test(v), { error: 'malformed unicode' });
/** Ids end up in connector URLs: printable ASCII without quotes or backslashes. */
const id = z.string().min(1).max(1024).regex(/^[\x21-\x7e]+$/).refine((v) => !/["\\]/.test(v), { error: 'not a valid id' });

/** The least an activity must carry for the adapter to handle it (the rest is the handlers' job). */
const ActivityEnvelope = z.object({
  id: id.optional(),
  type: z.string().min(1).max(64),
  name: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).regex(/^https?:\/\//),
  locale: z.string().max(64).optional(),
  text: text(100_000).optional(),
  conversation: z.object({
    id,
    conversationType: z.string().max(64).optional(),
    tenantId: z.string().max(128).optional(),
  }),
  from: z.object({ id, aadObjectId: z.string().max(128).optional(), name: text(1024).optional() }),
  recipient: z.object({ id }),
  entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
  membersAdded: z.array(z.object({ id: z.string() }).passthrough()).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

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
  /** Runs one activity through the bot (botbuilder lives behind this). */
  handle: (req: restify.Request, res: restify.Response) => Promise<void>;
  store: Store;
  log: Logger;
  /** More routes on the same server (the trainer's report pages, src/report/routes.ts). */
  routes?: (server: restify.Server) => void;
}

export function createHttpServer({ handle, store, log, routes }: HttpDeps): { server: restify.Server; turns: TurnQueue } {
  const server = restify.createServer({ name: 'samenspel', handleUncaughtExceptions: false });
  const turns = new TurnQueue();
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, mapFiles: false }));

  server.post('/api/messages', async (req, res) => {
    // Hostile or broken input is answered here, before botbuilder sees it: never a 5xx.
    if (!req.is('application/json')) {
      res.send(415, { error: 'send the activity as application/json' });
      return;
    }
    const envelope = ActivityEnvelope.safeParse(req.body);
    if (!envelope.success) {
      res.send(400, { error: `not a Bot Framework activity: ${envelope.error.issues.map((i) => i.path.join('.') || 'body').join(', ')}` });
      return;
    }
    const key = queueKey(req.body);
    await turns.run(key, () => handle(req, res));
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

  routes?.(server);
  return { server, turns };
}
