/**
 * One set of migrations for both backends, run at start-up by Kysely's Migrator (which holds a
 * lock, so two instances starting together on one PostgreSQL apply each migration once).
 * Only the type of time columns differs: text in SQLite, timestamptz in PostgreSQL.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Backend } from './schema';

/** Reason texts written before failure codes (0.1), and the code each became. */
const LEGACY_REASONS: [string, string[]][] = [
  ['opted-out', ['afgemeld door de deelnemer', 'opted out by the participant']],
  ['unreachable:403', ['app removed or user gone (403)']],
  ['unreachable:404', ['app removed or user gone (404)']],
  ['rejected:400', ['rejected by Teams (400)']],
  ['no-micro', ['no micro-exercise available in this series']],
];

function migrationsFor(backend: Backend, alreadyApplied: Set<number>): Record<string, Migration> {
  const time = backend === 'postgres' ? 'timestamptz' : 'text';
  // Databases made before Kysely recorded their migrations in schema_migrations: skip those.
  const once = (version: number, up: (db: Kysely<unknown>) => Promise<void>): Migration => ({
    up: async (db) => {
      if (!alreadyApplied.has(version)) await up(db);
    },
  });

  return {
    '0001_state_and_runs': once(1, async (db) => {
      await db.schema
        .createTable('bot_state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('etag', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('exercise_id', 'text', (c) => c.notNull())
        .addColumn('perspective', 'text', (c) => c.notNull())
        .addColumn('finished_at', time, (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('runs_by_user').on('runs').columns(['user_id', 'finished_at']).execute();
    }),

    '0002_group_exercises': once(2, async (db) => {
      await db.schema.alterTable('runs').addColumn('mode', 'text', (c) => c.notNull().defaultTo('solo')).execute();
      await db.schema
        .createTable('group_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('current_moment', 'text')
        .addColumn('revealed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      // At most one running exercise per channel, enforced by the database for every instance.
      await sql`CREATE UNIQUE INDEX one_running_group_per_conversation ON group_sessions (conversation_id) WHERE status = 'running'`.execute(db);
      await db.schema
        .createTable('group_votes')
        .addColumn('session_id', 'text', (c) => c.notNull().references('group_sessions.id').onDelete('cascade'))
        .addColumn('moment_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('choice_id', 'text', (c) => c.notNull())
        .addColumn('voted_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('group_votes_pk', ['session_id', 'moment_id', 'user_id'])
        .execute();
    }),

    '0003_followup': once(3, async (db) => {
      await db.schema.alterTable('group_votes').addColumn('member_id', 'text').execute();
      await db.schema
        .createTable('followup_series')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('group_session_id', 'text')
        .addColumn('conversation_id', 'text')
        .addColumn('facilitator_id', 'text')
        .addColumn('theme', 'text')
        .addColumn('perspective', 'text')
        .addColumn('cadence', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('followup_enrolments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('series_id', 'text', (c) => c.notNull().references('followup_series.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('bot_id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text')
        .addColumn('service_url', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('paused_until', time)
        .addColumn('reason', 'text')
        .addColumn('ref', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('enrolments_by_user').on('followup_enrolments').column('user_id').execute();
      await db.schema
        .createTable('followup_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('series_id', 'text', (c) => c.notNull().references('followup_series.id').onDelete('cascade'))
        .addColumn('enrolment_id', 'text', (c) => c.notNull().references('followup_enrolments.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('micro_id', 'text')
        .addColumn('due_at', time, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claimed_by', 'text')
        .addColumn('lease_until', time)
        .addColumn('sent_at', time)
        .addColumn('answered_at', time)
        .addColumn('choice_id', 'text')
        .addColumn('score', 'integer')
        .addColumn('failure', 'text')
        .execute();
      await db.schema.createIndex('deliveries_due').on('followup_deliveries').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('deliveries_by_user').on('followup_deliveries').column('user_id').execute();
      await db.schema.createIndex('deliveries_by_series').on('followup_deliveries').columns(['series_id', 'status']).execute();
    }),

    // The participant's language for proactive messages and for activities without a locale.
    '0004_participant-locale': {
      up: async (db) => {
        await db.schema
          .createTable('participant_locales')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('updated_at', time, (c) => c.notNull())
          .execute();
        // Failure reasons were stored as English (or the unsubscriber's) text; now as codes.
        for (const [code, texts] of LEGACY_REASONS) {
          await sql`UPDATE followup_deliveries SET failure = ${code} WHERE failure IN (${sql.join(texts)})`.execute(db);
          await sql`UPDATE followup_enrolments SET reason = ${code} WHERE reason IN (${sql.join(texts)})`.execute(db);
        }
      },
    },

    // Issue 12: choices are shown in a seeded order. A micro-exercise keeps its seed and its card's
    // message id (to replace it by the answered version); a finished run its seed (its letters).
    // Rows from before keep null: file order, no card to replace.
    '0005_choice_order': {
      up: async (db) => {
        // bigint: a seed is a 32-bit unsigned integer, beyond PostgreSQL's integer.
        await db.schema.alterTable('followup_deliveries').addColumn('choice_seed', 'bigint').execute();
        await db.schema.alterTable('followup_deliveries').addColumn('activity_id', 'text').execute();
        await db.schema.alterTable('runs').addColumn('choice_seed', 'bigint').execute();
      },
    },

    // A group exercise finished early is marked, so "mijn resultaten" can say so (issue 12 §5).
    '0006_partial_runs': {
      up: async (db) => {
        await db.schema.alterTable('runs').addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },

    // Named after what it adds, and numbered after 0005_choice_order and
    // 0006_partial_runs (Kysely applies them in name order).
    '0007_activity-dedupe_and_outgoing-budget': {
      up: async (db) => {
        await db.schema
          .createTable('handled_activities')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('handled_at', time, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('handled_activities_by_time').on('handled_activities').column('handled_at').execute();
        // Several instances share Teams' budget only on PostgreSQL (SQLite serves one instance).
        if (backend === 'postgres') {
          await sql`CREATE TABLE outgoing_budget (id integer PRIMARY KEY, recent bigint[] NOT NULL)`.execute(db);
          await sql`INSERT INTO outgoing_budget (id, recent) VALUES (1, '{}')`.execute(db);
        }
      },
    },
  };
}

async function migrator(db: Kysely<unknown>, backend: Backend, schema?: string): Promise<Migrator> {
  const alreadyApplied = backend === 'sqlite' ? await legacySqliteVersions(db) : new Set<number>();
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(backend, alreadyApplied) };
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<unknown>, backend: Backend, schema?: string): Promise<string[]> {
  const { error, results } = await (await migrator(db, backend, schema)).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations not yet applied (for an instance that must not migrate itself). */
export async function pendingMigrations(db: Kysely<unknown>, backend: Backend, schema?: string): Promise<string[]> {
  const migrations = await (await migrator(db, backend, schema)).getMigrations();
  return migrations.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

async function legacySqliteVersions(db: Kysely<unknown>): Promise<Set<number>> {
  const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(db);
  if (!rows[0]?.n) return new Set();
  const versions = await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(db);
  return new Set(versions.rows.map((r) => Number(r.version)));
}
