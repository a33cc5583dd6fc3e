/**
 * Teams' published rate limits for bots, as data. Source: Microsoft Learn, "Optimize your bot
 * with rate limiting and best practices in Teams" (per bot per conversation thread, and the
 * global limit per app per tenant); summarised in /work/shared/brief/teams.md.
 */

/** At most `count` requests in any `ms` milliseconds. */
export interface Window {
  count: number;
  ms: number;
}

/** What a request to the Bot Connector does, as far as the limits care. */
export type Operation = 'send' | 'update' | 'delete' | 'create' | 'roster' | 'other';

/** Sending, updating, deleting and creating conversations share one budget per conversation. */
export const CONVERSATION_SEND_WINDOWS: readonly Window[] = [
  { count: 7, ms: 1_000 },
  { count: 8, ms: 2_000 },
  { count: 60, ms: 30_000 },
  { count: 1_800, ms: 3_600_000 },
];

/** Reading members or conversations has a larger budget of its own. */
export const CONVERSATION_ROSTER_WINDOWS: readonly Window[] = [
  { count: 14, ms: 1_000 },
  { count: 16, ms: 2_000 },
  { count: 120, ms: 30_000 },
  { count: 3_600, ms: 3_600_000 },
];

/** Every request of the app (per tenant), whatever it does: 50 per second. */
export const APP_REQUESTS_PER_SECOND = 50;

/** The windows that apply to one operation on one conversation (none for creating one: it has no id yet). */
export function windowsFor(operation: Operation): readonly Window[] {
  if (operation === 'roster') return CONVERSATION_ROSTER_WINDOWS;
  if (operation === 'create' || operation === 'other') return [];
  return CONVERSATION_SEND_WINDOWS;
}

/** Retry: HTTP statuses Teams documents as transient (412 "retry", 429 throttled, 5xx). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([412, 429, 500, 502, 503, 504]);

/** Permanent: the bot is not allowed (401, 403: app removed or blocked) or the target is gone (404). */
export const PERMANENT_STATUSES: ReadonlySet<number> = new Set([401, 403, 404]);
