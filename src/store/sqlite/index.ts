/**
 * The embedded default store: one SQLite file in the data folder (better-sqlite3, WAL mode).
 * Migrations run at start-up, each once, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { ConcurrencyError, type FinishedRun, type StateEntry, type Store } from '../types';
import { FOLLOWUP_MIGRATION, sqliteFollowupStore } from './followup';
import { sqliteGroupStore } from './groups';
import { sqlitePrivacyStore } from './privacy';

const MIGRATIONS: string[] = [
  `CREATE TABLE bot_state (
     key        TEXT PRIMARY KEY,
     etag       TEXT NOT NULL,
     value      TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE runs (
     id          TEXT PRIMARY KEY,
     user_id     TEXT NOT NULL,
     exercise_id TEXT NOT NULL,
     perspective TEXT NOT NULL,
     finished_at TEXT NOT NULL,
     answers     TEXT NOT NULL,
     profile     TEXT NOT NULL
   );
   CREATE INDEX runs_by_user ON runs (user_id, finished_at);`,
  `ALTER TABLE runs ADD COLUMN mode TEXT NOT NULL DEFAULT 'solo';
   CREATE TABLE group_sessions (
     id              TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     status          TEXT NOT NULL,
     current_moment  TEXT,
     revealed        INTEGER NOT NULL DEFAULT 0,
     version         INTEGER NOT NULL,
     started_at      TEXT NOT NULL,
     updated_at      TEXT NOT NULL,
     data            TEXT NOT NULL
   );
   CREATE UNIQUE INDEX one_running_group_per_conversation ON group_sessions (conversation_id) WHERE status = 'running';
   CREATE TABLE group_votes (
     session_id TEXT NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,
     moment_id  TEXT NOT NULL,
     user_id    TEXT NOT NULL,
     choice_id  TEXT NOT NULL,
     voted_at   TEXT NOT NULL,
     PRIMARY KEY (session_id, moment_id, user_id)
   );`,
  FOLLOWUP_MIGRATION,
];

export const DATABASE_FILE = 'samenspel.sqlite';

export function openSqliteStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);

  const selectState = db.prepare<[string], { etag: string; value: string }>('SELECT etag, value FROM bot_state WHERE key = ?');
  const upsertState = db.prepare(
    `INSERT INTO bot_state (key, etag, value, updated_at) VALUES (@key, @etag, @value, @now)
     ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
  );
  const deleteState = db.prepare('DELETE FROM bot_state WHERE key = ?');
  const insertRun = db.prepare(
    `INSERT INTO runs (id, mode, user_id, exercise_id, perspective, finished_at, answers, profile)
     VALUES (@id, @mode, @userId, @exerciseId, @perspective, @finishedAt, @answers, @profile)
     ON CONFLICT (id) DO NOTHING`,
  );
  const selectRuns = db.prepare<[string, number], Record<string, string>>(
    'SELECT * FROM runs WHERE user_id = ? ORDER BY finished_at DESC, id LIMIT ?',
  );

  // Check-and-write in one transaction, so two writers with the same eTag cannot both win.
  const writeState = db.transaction((changes: Record<string, { value: Record<string, unknown>; etag?: string }>) => {
    const etags: Record<string, string> = {};
    const now = new Date().toISOString();
    for (const [key, change] of Object.entries(changes)) {
      if (change.etag && change.etag !== '*') {
        const current = selectState.get(key);
        if (current && current.etag !== change.etag) throw new ConcurrencyError(key);
      }
      const etag = randomUUID();
      upsertState.run({ key, etag, value: JSON.stringify(change.value), now });
      etags[key] = etag;
    }
    return etags;
  });

  return {
    state: {
      async read(keys) {
        const out: Record<string, StateEntry> = {};
        for (const key of keys) {
          const row = selectState.get(key);
          if (row) out[key] = { etag: row.etag, value: JSON.parse(row.value) };
        }
        return out;
      },
      async write(changes) {
        return writeState(changes);
      },
      async delete(keys) {
        for (const key of keys) deleteState.run(key);
      },
    },
    runs: {
      async saveFinished(run: FinishedRun) {
        insertRun.run({
          ...run,
          finishedAt: run.finishedAt.toISOString(),
          answers: JSON.stringify(run.answers),
          profile: JSON.stringify(run.profile),
        });
      },
      async listByUser(userId, limit) {
        return selectRuns.all(userId, limit).map((row) => ({
          id: row.id!,
          mode: row.mode as FinishedRun['mode'],
          userId: row.user_id!,
          exerciseId: row.exercise_id!,
          perspective: row.perspective as FinishedRun['perspective'],
          finishedAt: new Date(row.finished_at!),
          answers: JSON.parse(row.answers!),
          profile: JSON.parse(row.profile!),
        }));
      },
    },
    groups: sqliteGroupStore(db),
    followup: sqliteFollowupStore(db),
    privacy: sqlitePrivacyStore(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
  const apply = db.transaction((version: number, sql: string) => {
    db.exec(sql);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, new Date().toISOString());
  });
  MIGRATIONS.forEach((sql, i) => {
    if (!done.has(i + 1)) apply(i + 1, sql);
  });
}
