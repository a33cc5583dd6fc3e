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
  /** 'solo' for 1:1 practice, 'group' for a group exercise the participant took part in. */
  mode: 'solo' | 'group';
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

/** Where the bot can reach a conversation again (to edit the shared card). */
export interface ConversationRef {
  serviceUrl: string;
  channelId: string;
  conversation: { id: string; conversationType?: string; tenantId?: string; isGroup?: boolean };
  bot: { id: string; name?: string };
  /** The interface language of whoever started it, for cards sent later. */
  locale?: 'nl' | 'en';
}

export interface GroupSession {
  id: string;
  conversationId: string;
  ref: ConversationRef;
  exerciseId: string;
  perspective: Perspective;
  /** The AAD object id (or channel id) of whoever started it: only they steer. */
  facilitatorId: string;
  /** Started with the option to show the facilitator who has not chosen yet. */
  showMissing: boolean;
  status: 'running' | 'finished';
  /** The moment on the shared card; null after the last moment. */
  momentId: string | null;
  revealed: boolean;
  /** The moments played so far and the choice the group followed (the most chosen). */
  path: { moment: string; choice: string }[];
  /** The shared card's message id, for edits. */
  activityId?: string;
  /** Member ids (for refresh.userIds, at most 60) and count, when Teams told us. */
  memberIds: string[];
  memberCount?: number;
  version: number;
  startedAt: Date;
  updatedAt: Date;
}

export interface Vote {
  momentId: string;
  userId: string;
  choiceId: string;
}

export type VoteOutcome = 'recorded' | 'closed';

/** Group exercises and their votes: one row per participant per moment, so no vote is lost or counted twice. */
export interface GroupStore {
  /** Creates the session unless one is already running in that conversation (then returns that one). */
  create(session: GroupSession): Promise<{ created: true } | { created: false; running: GroupSession }>;
  get(id: string): Promise<GroupSession | undefined>;
  running(conversationId: string): Promise<GroupSession | undefined>;
  /** Records or changes a vote, only while that moment is current and not revealed. */
  vote(sessionId: string, vote: Vote, at: Date): Promise<VoteOutcome>;
  votes(sessionId: string, momentId?: string): Promise<Vote[]>;
  count(sessionId: string, momentId: string): Promise<number>;
  /** Writes a facilitator's transition; false when someone else changed the session first. */
  update(session: GroupSession): Promise<boolean>;
  /** Running sessions with no activity (session or vote) since `before`. */
  idleSince(before: Date): Promise<GroupSession[]>;
}

export interface Store {
  state: StateStore;
  runs: RunStore;
  groups: GroupStore;
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
