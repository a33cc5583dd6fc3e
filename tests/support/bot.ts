/**
 * Starts the real bot in-process on a free port with a throwaway database: a SQLite file in a
 * temporary folder, or, in the PostgreSQL pass of the suite (SAMENSPEL_TEST_DATABASE_URL, set by
 * `npm test` from TEST_DATABASE_URL), a schema of its own in that database.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';

export const FIXTURE_CONTENT = path.join(__dirname, '..', 'fixtures', 'content');

/** The database this pass of the suite runs on. */
export const TEST_POSTGRES_URL = process.env.SAMENSPEL_TEST_DATABASE_URL || undefined;
export const TEST_BACKEND: 'sqlite' | 'postgres' = TEST_POSTGRES_URL ? 'postgres' : 'sqlite';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-test-'));
}

/**
 * The variables that put a bot's data in `dataDir`'s database: the folder itself for SQLite, a
 * schema named after the folder on PostgreSQL. Same folder, same data: restarts find it again.
 */
export function storeEnv(dataDir: string): Record<string, string> {
  // An empty DATABASE_URL keeps a developer's own one (shell or .env) out of the SQLite pass.
  if (!TEST_POSTGRES_URL) return { DATA_DIR: dataDir, DATABASE_URL: '' };
  const schema = `t_${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 20)}`;
  return { DATA_DIR: dataDir, DATABASE_URL: TEST_POSTGRES_URL, DATABASE_SCHEMA: schema };
}

export async function startTestBot(env: Record<string, string> = {}, log = pino({ level: 'silent' }), now?: () => Date): Promise<App> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    CONTENT_DIR: FIXTURE_CONTENT,
    CONTENT_PACKS: 'good',
    // Retries after a transient connector error wait milliseconds, not seconds, in tests.
    OUTGOING_RETRY_BASE_MS: '5',
    ...storeEnv(env.DATA_DIR ?? tempDataDir()),
    ...env,
  });
  return startApp(config, { log, now });
}
