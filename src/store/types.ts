/**
 * The storage the bot needs, as small interfaces. SQLite implements them today; a PostgreSQL
 * backend implements the same ones later without touching the callers.
 */
import type { Perspective } from '../content/schema';

export interface StateEntry {
  value: Record<string, unknown>;
  etag: string;
}

/** Thrown when a write names an eTag that is no longer current (someone else wrote first). */
export class ConcurrencyError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict on "${key}": the item was changed by another writer`);
  }
}

/** Key-value state with optimistic concurrency (backs botbuilder's conversation and user state). */
export interface StateStore {
  read(keys: string[]): Promise<Record<string, StateEntry>>;
  /** A change with an eTag other than '*' is written only when it matches the stored eTag. */
  write(changes: Record<string, { value: Record<string, unknown>; etag?: string }>): Promise<Record<string, string>>;
  delete(keys: string[]): Promise<void>;
}

export interface FinishedRun {
  id: string;
  userId: string;
  exerciseId: string;
  perspective: Perspective;
  finishedAt: Date;
  answers: { moment: string; choice: string }[];
  profile: { dimension: string; score: number }[];
}

/** Finished exercises and the profiles they produced. */
export interface RunStore {
  saveFinished(run: FinishedRun): Promise<void>;
  /** The participant's own finished runs, newest first. */
  listByUser(userId: string, limit: number): Promise<FinishedRun[]>;
}

export interface Store {
  state: StateStore;
  runs: RunStore;
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
