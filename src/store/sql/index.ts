/**
 * Opens the store: the embedded SQLite file by default, PostgreSQL when a DATABASE_URL is given.
 * Both speak through one Kysely query layer and one set of migrations; callers see only Store.
 */
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, sql } from 'kysely';
import { Pool, type PoolConfig } from 'pg';
import type { Store } from '../types';
import { sqlActivityLog } from './activities';
import { sqlFollowupStore } from './followup';
import { sqlGroupStore } from './groups';
import { sqlParticipantStore } from './participants';
import { migrateToLatest, pendingMigrations } from './migrations';
import { sqlPrivacyStore } from './privacy';
import { sqlOutgoingBudget } from './outgoing-budget';
import { sqlRunStore } from './runs';
import type { Backend, Database } from './schema';
import { sqlStateStore } from './state';

const SQLITE_FILE = 'samenspel.sqlite';

export type StoreOptions =
  | { backend: 'sqlite'; dataDir: string }
  | {
      backend: 'postgres';
      url: string;
      /** Connections this instance keeps open at most. */
      poolMax: number;
      /** PEM file of the CA that signed the server's certificate, for TLS with verification. */
      sslCaFile?: string;
      /** A schema of its own (created when missing); the connection's default when absent. */
      schema?: string;
      /** Applies the migrations at start-up (the default); off when a deploy step runs them. */
      migrate?: boolean;
    };

export interface OpenedStore extends Store {
  backend: Backend;
  /** The migrations this start applied (empty when the schema was up to date). */
  migrated: string[];
}

export async function openStore(options: StoreOptions): Promise<OpenedStore> {
  const pool = options.backend === 'postgres' ? openPool(options) : undefined;
  const db = options.backend === 'sqlite' ? openSqlite(options.dataDir) : new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool! }) });
  try {
    // Opening the connections is also the check that the database answers.
    if (pool && options.backend === 'postgres') await warmUp(pool, options.poolMax);
    let schema: string | undefined;
    if (options.backend === 'postgres') {
      if (options.schema) await createSchema(db, options.schema);
      schema = (await sql<{ s: string | null }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s ?? undefined;
    }
    let migrated: string[] = [];
    if (options.backend === 'postgres' && options.migrate === false) {
      const pending = await pendingMigrations(db as Kysely<unknown>, options.backend, schema);
      if (pending.length) throw new Error(`the database schema is behind (missing ${pending.join(', ')}): run npm run migrate first, or set DATABASE_MIGRATE=true`);
    } else {
      migrated = await migrateToLatest(db as Kysely<unknown>, options.backend, schema);
    }
    return assemble(db, options.backend, migrated);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new Error(`${describe(options)}: ${error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error)}`);
  }
}

/** Runs the migrations and closes again: for a deploy step before new instances start. */
export async function migrateOnly(options: StoreOptions): Promise<string[]> {
  const store = await openStore({ ...options, ...(options.backend === 'postgres' ? { migrate: true } : {}) });
  await store.close();
  return store.migrated;
}

function openSqlite(dataDir: string): Kysely<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = new Sqlite(path.join(dataDir, SQLITE_FILE));
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) });
}

/**
 * Kysely asks better-sqlite3 to prepare every query anew; the bot's queries repeat, so the
 * prepared statements are kept (the oldest go first beyond a few hundred distinct queries).
 */
function withStatementCache(file: Sqlite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    close: () => file.close(),
    prepare(query: string) {
      let statement = statements.get(query);
      if (!statement) {
        statement = file.prepare(query);
        if (statements.size >= size) statements.delete(statements.keys().next().value!);
        statements.set(query, statement);
      }
      return statement;
    },
  };
}

function openPool(options: Extract<StoreOptions, { backend: 'postgres' }>): Pool {
  const config: PoolConfig = {
    connectionString: options.sslCaFile ? withoutSslParameters(options.url) : options.url,
    max: options.poolMax,
    // Fail a start-up or a turn within seconds when the database is gone, instead of hanging.
    connectionTimeoutMillis: 10_000,
    // Connections stay open: opening one costs a server process and several round trips, too
    // slow for the first votes of a burst after a quiet minute.
    min: options.poolMax,
    idleTimeoutMillis: 30_000,
    application_name: 'samenspel',
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  // With a CA file: TLS that verifies the server against it (the URL's ssl options would override it).
  if (options.sslCaFile) config.ssl = { ca: fs.readFileSync(options.sslCaFile, 'utf8'), rejectUnauthorized: true };
  const pool = new Pool(config);
  // An idle connection that the server drops (failover, restart) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** Opens the pool's connections now rather than in the middle of the first burst. */
async function warmUp(pool: Pool, connections: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  clients.forEach((client) => client.release());
}

function withoutSslParameters(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) if (name.startsWith('ssl')) parsed.searchParams.delete(name);
  return parsed.toString();
}

async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two instances starting at once may race to create it; losing that race is fine.
    const exists = await sql<{ n: number }>`SELECT 1 AS n FROM pg_namespace WHERE nspname = ${schema}`.execute(db);
    if (exists.rows.length === 0) throw error;
  }
}

function assemble(db: Kysely<Database>, backend: Backend, migrated: string[]): OpenedStore {
  let closed = false;
  return {
    backend,
    migrated,
    state: sqlStateStore(db),
    activities: sqlActivityLog(db),
    // SQLite serves one instance, which paces by itself; PostgreSQL may serve several.
    ...(backend === 'postgres' ? { outgoingBudget: sqlOutgoingBudget(db) } : {}),
    runs: sqlRunStore(db),
    groups: sqlGroupStore(db, backend),
    followup: sqlFollowupStore(db, backend),
    participants: sqlParticipantStore(db),
    privacy: sqlPrivacyStore(db, backend),
    async ping() {
      await sql`SELECT 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

/** Where the store is, without the password, for messages. */
export function describe(options: StoreOptions): string {
  if (options.backend === 'sqlite') return `SQLite database in ${path.resolve(options.dataDir)}`;
  try {
    const url = new URL(options.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}${options.schema ? `, schema ${options.schema}` : ''} (DATABASE_URL)`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}

/** The store the configuration asks for: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export function storeOptionsOf(config: {
  DATA_DIR: string;
  DATABASE_URL?: string;
  DATABASE_POOL_MAX: number;
  DATABASE_SSL_CA?: string;
  DATABASE_SCHEMA?: string;
  DATABASE_MIGRATE: boolean;
}): StoreOptions {
  if (!config.DATABASE_URL) return { backend: 'sqlite', dataDir: path.resolve(config.DATA_DIR) };
  return {
    backend: 'postgres',
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    sslCaFile: config.DATABASE_SSL_CA,
    schema: config.DATABASE_SCHEMA,
    migrate: config.DATABASE_MIGRATE,
  };
}
