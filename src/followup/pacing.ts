/**
 * Pacing under Teams' limits: a global rate per app (50 per second by default) and a rate per
 * conversation (7 per second). Requests are spaced evenly rather than sent in bursts, so no
 * one-second window ever holds more than the limit; a 429 pauses everyone for its Retry-After.
 */
export class Pacer {
  private nextGlobal = 0;
  /** When the last requests actually left, to hold a true sliding one-second window. */
  private readonly sentAt: number[] = [];
  /** One below the limit: timers fire late and requests arrive with jitter, so aim just under it. */
  private readonly windowLimit: number;
  private readonly nextPerConversation = new Map<string, number>();
  private pausedUntil = 0;

  constructor(
    perSecond: number,
    private readonly perConversationPerSecond: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.windowLimit = Math.max(1, Math.floor(perSecond) - 1);
  }

  /** Resolves when one more request to `conversation` may be sent. */
  async acquire(conversation: string): Promise<void> {
    const globalGap = 1000 / (this.windowLimit + 0.5);
    const conversationGap = 1000 / this.perConversationPerSecond;
    // Reserve a slot synchronously, so concurrent callers line up instead of colliding.
    const at = Math.max(this.now(), this.pausedUntil, this.nextGlobal, this.nextPerConversation.get(conversation) ?? 0);
    this.nextGlobal = at + globalGap;
    this.nextPerConversation.set(conversation, at + conversationGap);
    if (this.nextPerConversation.size > 10_000) this.forgetOld();
    const wait = at - this.now();
    if (wait > 0) await this.sleep(wait);
    // Even spacing can still bunch up when timers fire late: never more than the limit in any second.
    for (;;) {
      while (this.sentAt.length && this.sentAt[0]! <= this.now() - 1000) this.sentAt.shift();
      if (this.sentAt.length < this.windowLimit) break;
      await this.sleep(this.sentAt[0]! + 1000 - this.now() + 1);
    }
    this.sentAt.push(this.now());
  }

  /** After a 429: nobody sends before `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private forgetOld(): void {
    const now = this.now();
    for (const [key, at] of this.nextPerConversation) if (at < now) this.nextPerConversation.delete(key);
  }
}

/** Exponential backoff with full jitter: up to base·2^attempt, capped. */
export function backoffMs(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
