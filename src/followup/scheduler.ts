/**
 * The follow-up scheduler: claims due deliveries from the database (a lease, so two processes
 * never send the same one), paces them under Teams' limits, sends them through a DeliverySender
 * and records the outcome. Nothing lives only in memory: a restart picks up where it stopped,
 * and an expired lease is claimed again.
 */
import type { Logger } from 'pino';
import { nextWorkingMoment, type WorkingHours } from '../engine';
import type { Delivery, Enrolment, FollowupStore, SentDelivery } from '../store/types';
import { backoffMs, Pacer } from './pacing';
import { Reason } from './reasons';

/** Sending a claim this close to its lease's end is left to the next claim (clocks differ a little). */
const LEASE_MARGIN_MS = 2_000;

/** Why a send failed, as the scheduler needs to know it. */
export class SendFailure extends Error {
  constructor(
    /** retry: try again later; permanent: the app was removed or the user is gone; drop: only this delivery fails. */
    readonly kind: 'retry' | 'permanent' | 'drop',
    /** A failure code of ./reasons.ts (stored, and shown in the trainer's report per language). */
    readonly reason: string,
    readonly retryAfterMs?: number,
    /** A 429 from Teams: everyone slows down, not only this delivery. */
    readonly throttled = false,
  ) {
    super(reason);
  }
}

export interface DeliverySender {
  /** Sends the delivery; returns the micro-exercise it sent (chosen at send time), its choice order and card id. Throws SendFailure. */
  send(delivery: Delivery, enrolment: Enrolment): Promise<SentDelivery>;
}

export interface SchedulerOptions {
  owner: string;
  leaseMs: number;
  batch: number;
  concurrency: number;
  maxAttempts: number;
  hours: WorkingHours;
  now: () => Date;
  random?: () => number;
}

export interface TickResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

export class FollowupScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly store: FollowupStore,
    private readonly sender: DeliverySender,
    private readonly pacer: Pacer,
    private readonly options: SchedulerOptions,
    private readonly log: Logger,
  ) {}

  /** Polls every `pollMs`; keeps going while there is work, and stops with stop(). */
  start(pollMs: number): void {
    const loop = async () => {
      if (this.stopped) return;
      let result: TickResult | undefined;
      try {
        this.running = this.tick();
        result = (await this.running) as TickResult;
      } catch (error) {
        this.log.error({ err: { message: (error as Error).message } }, 'follow-up tick failed');
      }
      if (!this.stopped) this.timer = setTimeout(loop, result && result.claimed === this.options.batch ? 0 : pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round: claim what is due and send it, with bounded concurrency. */
  async tick(): Promise<TickResult> {
    const { owner, leaseMs, batch, concurrency, now } = this.options;
    const claimed = await this.store.claimDue(now(), batch, owner, leaseMs);
    const result: TickResult = { claimed: claimed.length, sent: 0, retried: 0, failed: 0, cancelled: 0 };
    let next = 0;
    const worker = async () => {
      while (next < claimed.length) {
        const delivery = claimed[next++]!;
        result[await this.deliver(delivery)]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
    if (claimed.length > 0) this.log.info({ ...result }, 'follow-up deliveries');
    return result;
  }

  private async deliver(delivery: Delivery): Promise<'sent' | 'retried' | 'failed' | 'cancelled'> {
    const { owner, now, hours, maxAttempts } = this.options;
    const enrolment = await this.store.enrolment(delivery.enrolmentId);
    if (!enrolment || enrolment.status === 'stopped' || enrolment.status === 'inactive') {
      await this.store.cancel(delivery.id, owner, enrolment?.reason ?? Reason.ended);
      return 'cancelled';
    }
    // Paused, or (after a retry) outside the participant's working hours: later, not now.
    const earliest = enrolment.status === 'paused' && enrolment.pausedUntil && enrolment.pausedUntil > now() ? enrolment.pausedUntil : now();
    const slot = nextWorkingMoment(earliest, enrolment.timezone, hours);
    if (slot.getTime() > now().getTime() + 60_000) {
      await this.store.retryLater(delivery.id, owner, slot, delivery.failure ?? Reason.waiting, false);
      return 'retried';
    }
    try {
      await this.pacer.acquire(enrolment.memberId);
      // A claim that ran out while waiting may belong to another instance by now: hand it back.
      if (delivery.leaseUntil && now().getTime() > delivery.leaseUntil.getTime() - LEASE_MARGIN_MS) {
        await this.store.retryLater(delivery.id, owner, now(), delivery.failure ?? Reason.leaseExpired, false);
        return 'retried';
      }
      const sent = await this.sender.send(delivery, enrolment);
      await this.store.markSent(delivery.id, owner, now(), sent);
      return 'sent';
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure('retry', Reason.network);
      if (failure.throttled && failure.retryAfterMs) this.pacer.pause(failure.retryAfterMs);
      if (failure.kind !== 'retry') {
        await this.store.fail(delivery.id, owner, failure.reason);
        if (failure.kind === 'permanent') await this.store.setStatus([enrolment.id], 'inactive', failure.reason);
        return 'failed';
      }
      if (delivery.attempts + 1 >= maxAttempts) {
        await this.store.fail(delivery.id, owner, Reason.gaveUp(failure.reason));
        return 'failed';
      }
      const wait = failure.retryAfterMs ?? backoffMs(delivery.attempts, this.options.random);
      await this.store.retryLater(delivery.id, owner, new Date(now().getTime() + wait), failure.reason, true);
      return 'retried';
    }
  }
}
