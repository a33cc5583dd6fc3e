/**
 * The storage the bot needs, as small interfaces. One implementation (src/store/sql) serves both
 * backends, SQLite and PostgreSQL; the callers never know which one runs.
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
  /** 'solo' for 1:1 practice, 'group' for a group exercise, 'followup' for an answered micro-exercise. */
  mode: 'solo' | 'group' | 'followup';
  userId: string;
  exerciseId: string;
  perspective: Perspective;
  finishedAt: Date;
  answers: { moment: string; choice: string }[];
  /** Per measured dimension: the score (0–100) and how many answered moments measured it (absent in runs saved before 2026-11-30). */
  profile: { dimension: string; score: number; moments?: number }[];
  /** A group exercise the trainer finished before its last moment: only the moments played count. */
  partial?: boolean;
  /** The seed of the order its choices were shown in (engine order.ts), so results can name the letters seen; absent: file order. */
  seed?: number;
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
  /** The team of a channel exercise (to end it when the bot is removed from the team). */
  teamId?: string;
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
  /**
   * Seed of the order in which each moment's choices are shown (engine order.ts): one order per
   * moment for the whole group. Absent for sessions started before choices were shuffled (file order).
   */
  seed?: number;
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
  /** The voter's Teams user id (29:…), so follow-up can reach them in 1:1 chat. */
  memberId?: string;
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
  /** Running sessions in any channel of a team. */
  runningInTeam(teamId: string): Promise<GroupSession[]>;
  /** Running sessions with no activity (session or vote) since `before`. */
  idleSince(before: Date): Promise<GroupSession[]>;
}

export interface Cadence {
  count: number;
  perWeek: number;
  timeOfDay: string;
}

/** A follow-up series: started by a trainer after a group exercise, or by a participant in 1:1 chat. */
export interface Series {
  id: string;
  source: 'group' | 'self';
  groupSessionId?: string;
  /** The channel or chat it was started from (for the trainer's report there). */
  conversationId?: string;
  facilitatorId?: string;
  /** Only micro-exercises with this theme; all when absent. */
  theme?: string;
  /** The role the participants practise (the group's role); either when absent. */
  perspective?: Perspective;
  cadence: Cadence;
  createdAt: Date;
}

export type EnrolmentStatus = 'active' | 'paused' | 'stopped' | 'inactive';

export interface Enrolment {
  id: string;
  seriesId: string;
  /** The participant's AAD object id (as in runs and votes). */
  userId: string;
  /** Their Teams user id (29:…) and the bot's, to create the 1:1 conversation. */
  memberId: string;
  botId: string;
  tenantId?: string;
  serviceUrl: string;
  timezone: string;
  status: EnrolmentStatus;
  pausedUntil?: Date;
  /** Why an enrolment ended, as a failure code (src/followup/reasons.ts): 'opted-out', 'unreachable:403', … */
  reason?: string;
  /** The 1:1 conversation, once known. */
  ref?: ConversationRef;
  createdAt: Date;
}

export type DeliveryStatus = 'planned' | 'claimed' | 'sent' | 'answered' | 'failed' | 'cancelled';

export interface Delivery {
  id: string;
  seriesId: string;
  enrolmentId: string;
  userId: string;
  /** The welcome message that says what will come, or a micro-exercise. */
  kind: 'welcome' | 'micro';
  microId?: string;
  dueAt: Date;
  status: DeliveryStatus;
  attempts: number;
  claimedBy?: string;
  leaseUntil?: Date;
  sentAt?: Date;
  answeredAt?: Date;
  choiceId?: string;
  score?: number;
  /** Why it failed or waits, as a failure code (src/followup/reasons.ts), rendered per language. */
  failure?: string;
  /** Seed of the order its choices were shown in (engine order.ts); absent for ones sent before shuffling (file order). */
  seed?: number;
  /** The message id of the sent micro-exercise card, to replace it by its answered, read-only version. */
  activityId?: string;
}

/** What the sender knows once a delivery went out: the micro-exercise chosen, its choice order, the card's message id. */
export interface SentDelivery {
  microId?: string;
  seed?: number;
  activityId?: string;
}

export interface SeriesReport {
  enrolled: number;
  optedOut: number;
  /** Enrolments ended because the participant removed the app (reason app-removed). */
  removed: number;
  /** Enrolments ended because Teams could not reach the participant (403/404). */
  inactive: number;
  delivered: number;
  answered: number;
  failed: number;
  planned: number;
  failures: { reason: string; count: number }[];
}

/** Follow-up series, enrolments and deliveries: scheduled work that lives in the database. */
export interface FollowupStore {
  create(series: Series, enrolments: Enrolment[], deliveries: Delivery[]): Promise<void>;
  /** Claims due deliveries (and ones whose lease expired) for `owner`, oldest first. */
  claimDue(now: Date, limit: number, owner: string, leaseMs: number): Promise<Delivery[]>;
  markSent(id: string, owner: string, at: Date, sent?: SentDelivery): Promise<boolean>;
  /** Gives a claimed delivery back to the plan, due again at `dueAt`; `attempt` when a send failed (not for a pause). */
  retryLater(id: string, owner: string, dueAt: Date, reason: string, attempt: boolean): Promise<void>;
  fail(id: string, owner: string, reason: string): Promise<void>;
  /** A claimed delivery that is no longer wanted (opted out after it was claimed). */
  cancel(id: string, owner: string, reason: string): Promise<void>;
  enrolment(id: string): Promise<Enrolment | undefined>;
  enrolmentsOf(userId: string): Promise<Enrolment[]>;
  /** Ends or pauses enrolments; planned deliveries of ended ones are cancelled with the reason. */
  setStatus(enrolmentIds: string[], status: EnrolmentStatus, reason?: string, pausedUntil?: Date): Promise<void>;
  /** Moves the planned deliveries of an enrolment (a pause). */
  shiftPlanned(enrolmentId: string, shift: (due: Date) => Date): Promise<number>;
  updateContact(userId: string, ref: ConversationRef, timezone?: string): Promise<void>;
  setRef(enrolmentId: string, ref: ConversationRef): Promise<void>;
  delivery(id: string): Promise<Delivery | undefined>;
  /** Records the answer to a sent micro-exercise once; false when it was answered already. */
  answer(id: string, choiceId: string, score: number, at: Date): Promise<boolean>;
  deliveriesOf(userId: string): Promise<Delivery[]>;
  series(id: string): Promise<Series | undefined>;
  /** The newest series of a facilitator; narrowed to one channel or chat, or to the series started from one group session. */
  latestSeries(filter: { facilitatorId: string; conversationId?: string; groupSessionId?: string }): Promise<Series | undefined>;
  report(seriesId: string): Promise<SeriesReport>;
  /** Micro-exercises of a series that went out (sent or answered), for its progress per week. */
  delivered(seriesId: string): Promise<Delivery[]>;
  /** Answered deliveries of a series, for the group's spread per dimension. */
  answers(seriesId: string): Promise<Delivery[]>;
  /** Every micro-exercise delivery of a series, whatever its status, for the trainer's report page (progress per week). */
  microDeliveries(seriesId: string): Promise<Delivery[]>;
}

/** What the bot keeps of a participant outside their runs: the language of their latest activity. */
export interface ParticipantStore {
  /** The locale tag ('en-US', 'nl-NL') of the participant's latest activity that carried one, if any. */
  locale(userId: string): Promise<string | undefined>;
  /** Records the locales of participants' activities (1:1, channel or group chat), in one statement. */
  setLocales(entries: { userId: string; locale: string }[], at: Date): Promise<void>;
}

/** What the AVG asks of us: forget one participant on request, and keep nothing longer than needed. */
export interface PrivacyStore {
  /**
   * Removes every personal record of a participant (their AAD object id and Teams user id):
   * runs, profiles, enrolments, deliveries and their conversation references. Group votes stay
   * only as anonymous totals. The 1:1 conversation's bot state is removed by the caller.
   */
  forget(userId: string, memberId: string): Promise<void>;
  /** Deletes personal records older than `cutoff`; returns how many rows per table. */
  purgeBefore(cutoff: Date): Promise<Record<string, number>>;
  /** Every table and its rows as text, for the privacy test that scans for a participant's id. */
  dump(): Promise<Record<string, string[]>>;
}

/**
 * Activities already handled, so that a re-delivery by Teams (same activity id in the same
 * conversation) has no effect, also when it reaches another instance. Kept for a short time.
 */
export interface ActivityLog {
  /** Records the activity as being handled; false when it was already recorded (a re-delivery). */
  claim(conversationId: string, activityId: string, at: Date): Promise<boolean>;
  /** Forgets the record again (the turn failed and saved nothing: a re-delivery should run it). */
  release(conversationId: string, activityId: string): Promise<void>;
}

/**
 * The app's request budget to the Bot Connector, shared by every instance: `claim` grants one
 * request now when fewer than `limit` were granted in the `windowMs` before; false when full.
 */
export interface OutgoingBudget {
  claim(windowMs: number, limit: number): Promise<boolean>;
}

export interface Store {
  state: StateStore;
  activities: ActivityLog;
  /** Only where several instances can share a database (PostgreSQL); one instance paces by itself. */
  outgoingBudget?: OutgoingBudget;
  runs: RunStore;
  groups: GroupStore;
  followup: FollowupStore;
  participants: ParticipantStore;
  privacy: PrivacyStore;
  /** Resolves when the database answers; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
