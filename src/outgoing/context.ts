/**
 * What the code that asked for a request wants the outgoing policy to know, carried along the
 * async call chain (AsyncLocalStorage), so that botbuilder's calls in between need not know.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Thrown by a `beforeSend` check: the request must not go out any more. */
export class SendCancelled extends Error {
  constructor(
    /** cancelled: nobody wants it any more (opted out, enrolment ended); handback: another instance may send it now. */
    readonly kind: 'cancelled' | 'handback',
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'SendCancelled';
  }
}

export interface OutgoingContext {
  /**
   * Called right before every request goes out, told whether it waited (a retry's backoff, its
   * conversation's pacing); throws SendCancelled when it must not go any more. Keep it cheap
   * when nothing waited: it runs between the pacer's grant and the request.
   */
  beforeSend?: (waited: boolean) => Promise<void>;
}

const storage = new AsyncLocalStorage<OutgoingContext>();

/** Runs `fn` with `context` visible to every Bot Connector request it makes. */
export function withOutgoing<T>(context: OutgoingContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentOutgoing(): OutgoingContext | undefined {
  return storage.getStore();
}
