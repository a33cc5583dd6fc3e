/**
 * Runs turns of one conversation one after another (a double click or two quick messages must
 * not race on the same state), turns of different conversations in parallel, and knows how
 * many are in flight so that shutdown can wait for them.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private inFlight = 0;
  private idle: (() => void)[] = [];

  async run(key: string, turn: () => Promise<void>): Promise<void> {
    this.inFlight++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(turn, turn);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      await current;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.inFlight--;
      if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
    }
  }

  get size(): number {
    return this.inFlight;
  }

  /** Resolves when no turn is in flight. */
  drained(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}
