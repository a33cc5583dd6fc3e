/**
 * Paces every request to the Bot Connector under Teams' limits: sliding windows per conversation
 * (7 per second, 8 per 2 s, 60 per 30 s, 1800 per hour for sends and edits) and one budget per
 * app (50 per second), shared by replies, edits, proactive sends, created conversations and
 * roster reads. With several instances the app budget lives in the database (SharedBudget), so
 * together they stay under it without dividing the rate by hand.
 */
import type { Window } from './limits';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The app's budget as seen by every instance (the database): see OutgoingBudget in store/types. */
export interface SharedBudget {
  claim(windowMs: number, limit: number): Promise<boolean>;
}

/** The share of the app's rate that is used (see appSlot). */
const APP_HEADROOM = 0.9;

export interface PacerOptions {
  /** false: no waiting at all (load tests against a local connector). */
  enabled?: boolean;
  /** Requests per second per app (Teams: 50). */
  appPerSecond: number;
  /** Added to every window (ms): requests arrive with jitter. 100 ms keeps 50/s at about 45/s sustained. */
  marginMs?: number;
  shared?: SharedBudget;
  /** Called when the shared budget cannot be reached: the local limits still hold. */
  onSharedError?: (error: Error) => void;
}

export class Pacer {
  /** Per conversation (and operation family): when its recent requests went, oldest first. */
  private readonly logs = new Map<string, number[]>();
  /** When this instance's recent requests went, for the app's sliding second. */
  private readonly sentAt: number[] = [];
  private nextApp = 0;
  private lastGrant = -Infinity;
  private readonly margin: number;

  constructor(
    private readonly options: PacerOptions,
    private readonly clock: Clock = realClock,
  ) {
    this.margin = options.marginMs ?? 100;
  }

  /**
   * Resolves when one more request for `key` may leave under `windows` and the app budget.
   * Returns whether it had to wait for the conversation's windows (not for the app's short queue).
   */
  async acquire(key: string, windows: readonly Window[]): Promise<boolean> {
    if (this.options.enabled === false) return false;
    const started = this.clock.now();
    if (windows.length) await this.conversationSlot(key, windows);
    const waited = this.clock.now() > started;
    await this.appSlot();
    return waited;
  }

  /** Reserves the earliest moment the conversation's windows allow, synchronously, then waits for it. */
  private async conversationSlot(key: string, windows: readonly Window[]): Promise<void> {
    const now = this.clock.now();
    const log = this.logs.get(key) ?? [];
    const longest = Math.max(...windows.map((w) => w.ms));
    while (log.length && log[0]! <= now - longest - this.margin) log.shift();
    let at = Math.max(now, log.at(-1) ?? 0);
    for (const w of windows) if (log.length >= w.count) at = Math.max(at, log[log.length - w.count]! + w.ms + this.margin);
    log.push(at);
    this.logs.set(key, log);
    if (this.logs.size > 10_000) this.forgetIdle(now, longest);
    if (at > now) await this.clock.sleep(at - now);
  }

  /**
   * Even spacing under the app's rate, never more than the rate in any sliding second, then the
   * shared budget. It aims at 90 % of the rate: requests reach Teams with jitter (a busy event
   * loop, the network), and a second that holds one too many is answered 429.
   */
  private async appSlot(): Promise<void> {
    const perSecond = Math.max(1, Math.floor(this.options.appPerSecond * APP_HEADROOM));
    const gap = (1000 + this.margin) / perSecond;
    const now = this.clock.now();
    const at = Math.max(now, this.nextApp);
    this.nextApp = at + gap;
    if (at > now) await this.clock.sleep(at - now);
    // Timers fire late when the event loop is busy; requests that woke up together must not leave
    // together: each one at least a gap after the one before, in real time.
    while (this.clock.now() < this.lastGrant + gap) await this.clock.sleep(this.lastGrant + gap - this.clock.now());
    this.lastGrant = this.clock.now();
    for (;;) {
      while (this.sentAt.length && this.sentAt[0]! <= this.clock.now() - 1000 - this.margin) this.sentAt.shift();
      if (this.sentAt.length < perSecond) break;
      await this.clock.sleep(this.sentAt[0]! + 1000 + this.margin - this.clock.now() + 1);
    }
    if (this.options.shared) await this.sharedSlot(perSecond);
    this.sentAt.push(this.clock.now());
  }

  private async sharedSlot(perSecond: number): Promise<void> {
    const gap = (1000 + this.margin) / perSecond;
    for (;;) {
      try {
        if (await this.options.shared!.claim(1000 + this.margin, perSecond)) return;
      } catch (error) {
        // The database is the judge across instances; without it, this instance's own limits still hold.
        this.options.onSharedError?.(error as Error);
        return;
      }
      // Another instance took the slot: try again after about one gap (jittered, so instances do not collide).
      await this.clock.sleep(gap * (0.5 + Math.random()));
    }
  }

  private forgetIdle(now: number, longest: number): void {
    for (const [key, log] of this.logs) if ((log.at(-1) ?? 0) < now - longest) this.logs.delete(key);
  }
}
