/**
 * The tables as Kysely sees them. Times are written as ISO-8601 strings; SQLite keeps them as
 * text (fixed width, so they sort as time) and PostgreSQL as timestamptz, which the driver reads
 * back as Date: readers accept both. JSON payloads are text in both.
 */
import type { ColumnType, Generated } from 'kysely';

export type Time = ColumnType<string | Date, string, string>;
export type NullableTime = ColumnType<string | Date | null, string | null | undefined, string | null>;

export interface BotStateTable {
  key: string;
  etag: string;
  value: string;
  updated_at: Time;
}

export interface RunsTable {
  id: string;
  mode: Generated<string>;
  user_id: string;
  exercise_id: string;
  perspective: string;
  finished_at: Time;
  answers: string;
  profile: string;
  partial: Generated<number>;
  choice_seed: number | null;
}

export interface GroupSessionsTable {
  id: string;
  conversation_id: string;
  status: string;
  current_moment: string | null;
  revealed: number;
  version: number;
  started_at: Time;
  updated_at: Time;
  data: string;
}

export interface GroupVotesTable {
  session_id: string;
  moment_id: string;
  user_id: string;
  choice_id: string;
  voted_at: Time;
  member_id: string | null;
}

export interface FollowupSeriesTable {
  id: string;
  source: string;
  group_session_id: string | null;
  conversation_id: string | null;
  facilitator_id: string | null;
  theme: string | null;
  perspective: string | null;
  cadence: string;
  created_at: Time;
}

export interface FollowupEnrolmentsTable {
  id: string;
  series_id: string;
  user_id: string;
  member_id: string;
  bot_id: string;
  tenant_id: string | null;
  service_url: string;
  timezone: string;
  status: string;
  paused_until: NullableTime;
  reason: string | null;
  ref: string | null;
  created_at: Time;
}

export interface FollowupDeliveriesTable {
  id: string;
  series_id: string;
  enrolment_id: string;
  user_id: string;
  kind: string;
  micro_id: string | null;
  due_at: Time;
  status: string;
  attempts: number;
  claimed_by: string | null;
  lease_until: NullableTime;
  sent_at: NullableTime;
  answered_at: NullableTime;
  choice_id: string | null;
  score: number | null;
  failure: string | null;
  choice_seed: number | null;
  activity_id: string | null;
}

/** Activities handled recently (a hash of conversation and activity id: no ids are stored). */
export interface HandledActivitiesTable {
  key: string;
  handled_at: Time;
}

/** PostgreSQL only: when the app's latest outgoing requests were granted (ms), one row. */
export interface OutgoingBudgetTable {
  id: number;
  recent: string[];
}

export interface ParticipantLocalesTable {
  user_id: string;
  locale: string;
  updated_at: Time;
}

export interface Database {
  bot_state: BotStateTable;
  handled_activities: HandledActivitiesTable;
  outgoing_budget: OutgoingBudgetTable;
  runs: RunsTable;
  group_sessions: GroupSessionsTable;
  group_votes: GroupVotesTable;
  followup_series: FollowupSeriesTable;
  followup_enrolments: FollowupEnrolmentsTable;
  followup_deliveries: FollowupDeliveriesTable;
  participant_locales: ParticipantLocalesTable;
}

export type Backend = 'sqlite' | 'postgres';

/** ISO string for writing; Date (PostgreSQL) or ISO string (SQLite) back to Date when reading. */
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | undefined) => (d ? d.toISOString() : null);
export const toDate = (v: string | Date) => new Date(v);
export const toDateOrUndefined = (v: string | Date | null | undefined) => (v === null || v === undefined ? undefined : new Date(v));
