/**
 * Backoff for follow-up deliveries that still failed after the outgoing policy's own retries:
 * they are planned again in the database, minutes later rather than milliseconds.
 */

/** Exponential backoff with full jitter: up to base·2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
