/** The real bot as a child process (src/main.ts), for tests that kill it or run two of them. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_CONTENT, storeEnv } from './bot';

const repo = path.join(__dirname, '..', '..');

export interface BotProcess {
  child: ChildProcess;
  url: string;
}

export async function startBotProcess(dataDir: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], {
    cwd: repo,
    env: { PATH: process.env.PATH, CONTENT_DIR: FIXTURE_CONTENT, CONTENT_PACKS: 'good', ...storeEnv(dataDir), PORT: '0', HOST: '127.0.0.1', FOLLOWUP_ENABLED: 'false', OUTGOING_RETRY_BASE_MS: '5', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`bot exited early: ${out}`)));
  });
  child.stdout!.resume();
  return { child, url };
}

/** SIGKILL: no shutdown at all, as when a host dies. */
export const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
