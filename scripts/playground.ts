/**
 * npm run playground: the bot on its embedded default plus Microsoft 365 Agents Playground, a
 * Teams-like web client, so anyone can try Samenspel without a tenant. Both run offline
 * (telemetry off, no browser launched) and are stopped by PID when this script stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import dotenv from 'dotenv';

dotenv.config({ quiet: true });
const root = path.join(__dirname, '..');
const botPort = process.env.PORT ?? '3978';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '56150';
const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');

const children: ChildProcess[] = [];
function start(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'inherit' });
  child.once('exit', (code) => {
    console.log(`[playground] ${name} stopped (${code ?? 'signal'})`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGTERM');
  setTimeout(() => process.exit(code), 1500).unref();
}
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));

// The playground's client says en-US; a Dutch user's first look should be Dutch. INTERFACE_LANGUAGE=en
// (or client) npm run playground shows English.
const language = process.env.INTERFACE_LANGUAGE?.trim() || 'nl';
start('bot', ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], { PORT: botPort, HOST: '127.0.0.1', INTERFACE_LANGUAGE: language });
start('Agents Playground', [cli, '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', playgroundPort, '--dt'], {
  APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
  TEAMSAPPTESTER_BROWSER: 'none',
});
console.log(`[playground] open http://localhost:${playgroundPort} in your browser to talk to Samenspel (Ctrl+C stops both).`);
console.log(`[playground] interface language: ${language}${language === 'nl' ? ' (INTERFACE_LANGUAGE=en npm run playground for English)' : ''}.`);
