/**
 * Keeps the shared group card current without flooding Teams: at most one edit per interval per
 * session (Teams allows 7 sends or edits per second per conversation, fewer sustained). The
 * first change is sent at once, later ones are coalesced into one trailing edit, and each edit
 * renders the state at the moment it is sent, so the last edit always shows the exact count.
 */
import type { CloudAdapter } from 'botbuilder';
import { CardFactory, type ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import type { ConversationRef } from '../../store/types';

export interface SharedCardTarget {
  ref: ConversationRef;
  activityId: string;
  card: object;
}

interface Slot {
  lastSentAt: number;
  timer?: NodeJS.Timeout;
  sending?: Promise<void>;
  dirty: boolean;
}

export class SharedCardUpdater {
  private readonly slots = new Map<string, Slot>();
  /** Edits sent so far (for the benchmark and the logs). */
  edits = 0;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** Renders the session's shared card as it is now; undefined when there is nothing to edit. */
    private readonly render: (sessionId: string) => Promise<SharedCardTarget | undefined>,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  /** Asks for the shared card of a session to be brought up to date. Never throws. */
  request(sessionId: string): void {
    const slot = this.slots.get(sessionId) ?? { lastSentAt: 0, dirty: false };
    this.slots.set(sessionId, slot);
    if (slot.timer || slot.sending) {
      slot.dirty = true;
      return;
    }
    const wait = Math.max(0, slot.lastSentAt + this.intervalMs - Date.now());
    slot.timer = setTimeout(() => void this.send(sessionId, slot), wait);
  }

  private async send(sessionId: string, slot: Slot): Promise<void> {
    slot.timer = undefined;
    slot.dirty = false;
    slot.lastSentAt = Date.now();
    slot.sending = this.edit(sessionId);
    await slot.sending;
    slot.sending = undefined;
    if (slot.dirty) this.request(sessionId);
    else if (!slot.timer) this.slots.delete(sessionId);
  }

  private async edit(sessionId: string): Promise<void> {
    try {
      const target = await this.render(sessionId);
      if (!target) return;
      await this.adapter.continueConversationAsync(this.appId, target.ref as Partial<ConversationReference>, async (context) => {
        await context.updateActivity({ type: 'message', id: target.activityId, attachments: [CardFactory.adaptiveCard(target.card)] });
      });
      this.edits++;
    } catch (error) {
      // A failed edit only delays the count on the shared card; the votes themselves are stored.
      this.log.warn({ err: { message: (error as Error).message } }, 'shared card edit failed');
    }
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
