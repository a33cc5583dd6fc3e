/**
 * The one door to the Bot Connector. botbuilder's ConnectorClient sends every request (a reply in
 * a turn, a card update, a proactive send, creating a conversation, a roster read) through an
 * @azure/core-rest-pipeline pipeline; this policy replaces that pipeline's default retry policy,
 * so it sees every attempt: it paces it (Pacer: Teams' limits per conversation and per app),
 * retries what Teams calls transient (412, 429 with Retry-After, 500, 502, 503, 504, network
 * errors) with bounded exponential backoff and jitter (cockatiel), and logs what is permanent
 * (401, 403, 404) once, clearly. A request that waited is checked again (OutgoingContext) first.
 */
import { ExponentialBackoff, handleWhen, retry, type IBackoff, type IBackoffFactory, type IRetryBackoffContext } from 'cockatiel';
import type { Logger } from 'pino';
import { currentOutgoing, SendCancelled } from '../../outgoing/context';
import { PERMANENT_STATUSES, RETRYABLE_STATUSES, windowsFor, type Operation } from '../../outgoing/limits';
import type { Pacer } from '../../outgoing/pacer';

/** The parts of @azure/core-rest-pipeline's request, response and policy that this policy uses. */
export interface PipelineRequest {
  url: string;
  method: string;
}
export interface PipelineResponse {
  status: number;
  headers: { get(name: string): string | undefined };
}
export interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<PipelineResponse>): Promise<PipelineResponse>;
}

export interface RetryOptions {
  /** Retries after the first attempt (so at most retries + 1 attempts). */
  retries: number;
  /** The first backoff, in ms; later ones grow exponentially with decorrelated jitter. */
  baseMs: number;
  /** No single backoff is longer than this (ms). */
  maxDelayMs: number;
  /** A Retry-After longer than this (ms) is not waited for inside one request: the caller retries later. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 4, baseMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/** Which operation a Bot Connector URL is, and on which conversation. */
export function describeRequest(url: string, method: string): { operation: Operation; conversation?: string } {
  const path = new URL(url).pathname;
  const m = /\/v3\/conversations(?:\/([^/]+)(\/.*)?)?$/.exec(path);
  if (!m) return { operation: /\/v3\/teams\//.test(path) ? 'roster' : 'other' };
  const conversation = m[1] ? decodeURIComponent(m[1]) : undefined;
  const rest = m[2] ?? '';
  if (!conversation) return { operation: method === 'POST' ? 'create' : 'roster' };
  if (/^\/(paged)?members/.test(rest)) return { operation: 'roster', conversation };
  if (/^\/activities/.test(rest)) {
    const operation: Operation = method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : method === 'POST' ? 'send' : 'other';
    return { operation, conversation };
  }
  return { operation: 'other', conversation };
}

/** Retry-After in ms (seconds or an HTTP date), when the response carries one. */
export function retryAfterMs(headers: { get(name: string): string | undefined }, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Honours Retry-After when the last answer carried one; otherwise the exponential backoff decides. */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly inner: IBackoffFactory<IRetryBackoffContext<unknown>>,
    private readonly maxRetryAfterMs: number,
  ) {}

  next(context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const inner = this.inner.next(context);
    const result = context.result as { value?: PipelineResponse };
    const after = result.value ? retryAfterMs(result.value.headers) : undefined;
    return {
      duration: after !== undefined ? Math.min(after, this.maxRetryAfterMs) : inner.duration,
      next: (c) => new RetryAfterBackoff(inner, this.maxRetryAfterMs).next(c),
    };
  }
}

/** Not worth retrying: the request was cancelled on purpose. Everything else thrown below the retry is the network. */
const isTransientError = (error: Error) => !(error instanceof SendCancelled) && error.name !== 'AbortError';

export function outgoingPolicy(pacer: Pacer, log: Logger, options: RetryOptions = DEFAULT_RETRY): PipelinePolicy {
  const backoff = new RetryAfterBackoff(new ExponentialBackoff({ initialDelay: options.baseMs, maxDelay: options.maxDelayMs }), options.maxRetryAfterMs);
  const policy = retry(
    handleWhen(isTransientError).orWhenResult((r) => RETRYABLE_STATUSES.has((r as PipelineResponse).status)),
    { maxAttempts: options.retries, backoff },
  );

  return {
    name: 'samenspelOutgoingPolicy',
    async sendRequest(request, next) {
      const { operation, conversation } = describeRequest(request.url, request.method);
      const family = operation === 'roster' ? 'roster' : 'send';
      const key = `${family}:${conversation ?? ''}`;
      const context = currentOutgoing();
      let attempts = 0;
      let response: PipelineResponse;
      try {
        response = await policy.execute(async ({ attempt }) => {
          attempts = attempt + 1;
          const waited = await pacer.acquire(key, conversation ? windowsFor(operation) : []);
          await context?.beforeSend?.(waited || attempt > 0);
          return next(request);
        });
      } catch (error) {
        if (!(error instanceof SendCancelled)) {
          log.warn({ operation, attempts, err: { name: (error as Error).name, code: (error as { code?: string }).code } }, 'Bot Connector unreachable: gave up after retries');
        }
        throw error;
      }
      if (PERMANENT_STATUSES.has(response.status)) {
        log.warn({ operation, status: response.status }, `Bot Connector refused ${operation} with ${response.status} (${meaning(response.status)}): not retried`);
      } else if (RETRYABLE_STATUSES.has(response.status)) {
        log.warn({ operation, status: response.status, attempts }, 'Bot Connector still failing: gave up after retries');
      } else if (attempts > 1) {
        log.info({ operation, status: response.status, attempts }, 'Bot Connector request succeeded after a retry');
      }
      return response;
    },
  };
}

function meaning(status: number): string {
  if (status === 401) return 'the bot could not authenticate: check MICROSOFT_APP_ID and its secret';
  if (status === 403) return 'the app was removed or blocked, or the bot may not post here';
  return 'the conversation, message or user does not exist (any more)';
}

/** A botbuilder ConnectorFactory: all this module needs of it. */
interface ConnectorFactoryLike<C> {
  create(serviceUrl: string, audience?: string): Promise<C>;
}

interface PipelineLike {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicy, options: { phase: 'Retry' }): void;
}

/** Puts the policy into a ConnectorClient's pipeline in place of the default retry policy. */
export function usePolicy<T>(client: T, policy: PipelinePolicy): T {
  const pipeline = (client as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.addPolicy !== 'function') {
    // Silently sending without retries and pacing would be worse than not starting.
    throw new Error('botbuilder\'s ConnectorClient has no @azure/core-rest-pipeline pipeline: the outgoing policy cannot be installed (botbuilder upgraded?)');
  }
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(policy, { phase: 'Retry' });
  return client;
}

/** A connector factory whose clients all go through the policy. */
export function withPolicy<C, F extends ConnectorFactoryLike<C>>(factory: F, policy: PipelinePolicy): F {
  const create = factory.create.bind(factory);
  return Object.assign(Object.create(factory) as F, {
    create: async (serviceUrl: string, audience?: string) => usePolicy(await create(serviceUrl, audience), policy),
  });
}

/**
 * A reply that could not be delivered even after the retries (an HTTP error from the Bot
 * Connector, or the network): the turn's decisions stand, only the message is missing.
 */
export function isDeliveryFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'RestError') return true;
  // botbuilder-dialogs wraps what a dialog step threw in a DialogContextError (`error`).
  const inner = (error as { error?: unknown }).error ?? error.cause;
  return inner !== undefined && inner !== error && isDeliveryFailure(inner);
}
