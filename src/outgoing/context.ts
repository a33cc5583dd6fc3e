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
let running = 0;

/**
 * Runs `fn` with `context` visible to every Bot Connector request it makes.
 *
 * On Node 20 an enabled AsyncLocalStorage switches on V8's promise hooks for the whole process,
 * and every await of every turn then pays for them. So the storage is switched off again when
 * the last `fn` running in it has finished (follow-up deliveries come in bursts; turns in between
 * run without the hooks).
 */
export async function withOutgoing<T>(context: OutgoingContext, fn: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await storage.run(context, fn);
  } finally {
    if (--running === 0) storage.disable();
  }
}

export function currentOutgoing(): OutgoingContext | undefined {
  return storage.getStore();
}
