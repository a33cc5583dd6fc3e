/** Starts the real bot in-process on a free port with a throwaway database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';

export const FIXTURE_CONTENT = path.join(__dirname, '..', 'fixtures', 'content');

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-test-'));
}

export async function startTestBot(env: Record<string, string> = {}, log = pino({ level: 'silent' }), now?: () => Date): Promise<App> {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: tempDataDir(),
    CONTENT_DIR: FIXTURE_CONTENT,
    CONTENT_PACKS: 'good',
    ...env,
  });
  return startApp(config, { log, now });
}
