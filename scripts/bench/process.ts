/** Starts a bot as a child process and reads its CPU time and peak memory from /proc. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** User + system CPU time of the process so far, in milliseconds. */
  cpuMs(): number;
  /** Peak resident set size, in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export async function startBotProcess(script: string, env: NodeJS.ProcessEnv): Promise<BotProcess> {
  const root = path.join(__dirname, '..', '..');
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of each bot process there (see README: benchmark).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = /"url":"([^"]+)"/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        if (process.env.DEBUG_BENCH) child.stdout!.pipe(process.stderr);
        else child.stdout!.resume(); // keep draining the per-turn log lines
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
  const pid = child.pid!;
  return {
    url,
    child,
    cpuMs() {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    peakRssMiB() {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Where a benchmarked bot keeps its data: a fresh SQLite folder under `dataRoot`, or, when
 * DATABASE_URL is set (a PostgreSQL server), a fresh schema in that database.
 */
export function benchStoreEnv(dataRoot: string, name: string): Record<string, string> {
  if (process.env.DATABASE_URL) return { DATABASE_SCHEMA: `bench_${name}_${Date.now().toString(36)}` };
  return { DATA_DIR: path.join(dataRoot, name) };
}

export const benchBackend = () => (process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite');
