/**
 * Keeps the shared group card current without flooding Teams: at most one edit per interval
 * (1 s) per session. Teams allows 7 sends or edits per second per conversation and fewer
 * sustained (8 per 2 s, 60 per 30 s), and the channel's replies share that budget. The first
 * change is sent at once, later ones are coalesced into one trailing edit, and each edit renders
 * the state at the moment it is sent, so the last edit shows the exact count. When it last sent
 * is remembered after the session goes idle, so a vote right after an edit waits its turn too.
 * An edit that still fails after the outgoing policy's retries is tried again a little later.
 */
import type { CloudAdapter } from 'botbuilder';
import { CardFactory, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationRef } from '../../store/types';
import { continueConversation } from '../outgoing/proactive';

export interface SharedCardTarget {
  ref: ConversationRef;
  activityId: string;
  card: object;
}

interface Slot {
  timer?: NodeJS.Timeout;
  sending?: Promise<void>;
  dirty: boolean;
  /** Edits in a row that failed; the card is given up on (until the next change) after MAX_FAILURES. */
  failures: number;
}

const MAX_FAILURES = 3;

export class SharedCardUpdater {
  private readonly slots = new Map<string, Slot>();
  /** When each session's card was last edited, kept after its slot is gone (pruned when old). */
  private readonly lastSentAt = new Map<string, number>();
  /** Edits sent so far (for the benchmark and the logs). */
  edits = 0;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** Renders the session's shared card as it is now; undefined when there is nothing to edit. */
    private readonly render: (sessionId: string) => Promise<SharedCardTarget | undefined>,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Asks for the shared card of a session to be brought up to date. Never throws. */
  request(sessionId: string): void {
    const slot = this.slots.get(sessionId) ?? { dirty: false, failures: 0 };
    this.slots.set(sessionId, slot);
    if (slot.timer || slot.sending) {
      slot.dirty = true;
      return;
    }
    this.schedule(sessionId, slot);
  }

  private schedule(sessionId: string, slot: Slot): void {
    const wait = Math.max(0, (this.lastSentAt.get(sessionId) ?? -Infinity) + this.intervalMs - this.now());
    slot.timer = setTimeout(() => void this.send(sessionId, slot), wait);
  }

  private async send(sessionId: string, slot: Slot): Promise<void> {
    slot.timer = undefined;
    slot.dirty = false;
    this.lastSentAt.set(sessionId, this.now());
    if (this.lastSentAt.size > 1000) this.pruneLastSent();
    slot.sending = this.edit(sessionId, slot);
    await slot.sending;
    slot.sending = undefined;
    // Counted from when the edit was done: a retried edit arrives late, and the next must not crowd it.
    this.lastSentAt.set(sessionId, this.now());
    if (slot.dirty) this.schedule(sessionId, slot);
    else this.slots.delete(sessionId);
  }

  private async edit(sessionId: string, slot: Slot): Promise<void> {
    try {
      const target = await this.render(sessionId);
      if (!target) return;
      await continueConversation(this.adapter, this.appId, target.ref as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ type: 'message', id: target.activityId, attachments: [CardFactory.adaptiveCard(target.card)] });
      });
      this.edits++;
      slot.failures = 0;
    } catch (error) {
      // The votes are stored; only the count on the card lags. Try again after the interval, a few times.
      slot.failures++;
      const retry = slot.failures < MAX_FAILURES;
      if (retry) slot.dirty = true;
      this.log.warn({ err: { message: (error as Error).message }, failures: slot.failures, retry }, 'shared card edit failed');
    }
  }

  private pruneLastSent(): void {
    const old = this.now() - this.intervalMs;
    for (const [id, at] of this.lastSentAt) if (at < old) this.lastSentAt.delete(id);
  }

  /** Waits until every pending edit has been sent (shutdown, tests). */
  async flush(): Promise<void> {
    while ([...this.slots.values()].some((s) => s.timer || s.sending)) {
      await Promise.all([...this.slots.values()].map((s) => s.sending));
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  stop(): void {
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
    this.slots.clear();
  }
}
