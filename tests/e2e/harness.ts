/**
 * Starts what an end-to-end run needs, each process tracked by PID and stopped also on failure:
 * the bot on a throwaway database, Microsoft 365 Agents Playground (offline flags), and Debian's
 * Chromium driven by playwright-core. Requests to hosts other than loopback are blocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { storeEnv } from '../support/bot';

const repo = path.join(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet: try again below
    }
    if (Date.now() > deadline) throw new Error(`${url} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export class E2E {
  private readonly children: ChildProcess[] = [];
  browser?: Browser;
  page!: Page;
  readonly artefacts: string;
  private step = 0;
  blocked: string[] = [];

  constructor(name: string) {
    this.artefacts = path.join(repo, 'artefacts', 'e2e', `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }

  private start(args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
    fs.mkdirSync(this.artefacts, { recursive: true });
    const out = fs.openSync(path.join(this.artefacts, log), 'a');
    const child = spawn(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    this.children.push(child);
    return child;
  }

  async up(options: { contentPacks?: string; channel?: boolean } = {}): Promise<void> {
    const botPort = await freePort();
    const playgroundPort = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-e2e-'));
    this.start(['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts'], {
      PORT: String(botPort), HOST: '127.0.0.1', ...storeEnv(dataDir),
      CONTENT_DIR: path.join(repo, 'tests', 'fixtures', 'content'), CONTENT_PACKS: options.contentPacks ?? 'good', MICROSOFT_APP_ID: '',
    }, 'bot.log');
    await waitFor(`http://127.0.0.1:${botPort}/healthz`, 20000);
    this.start([require.resolve('@microsoft/m365agentsplayground/cli.js'), '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt'], {
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', TEAMSAPPTESTER_BROWSER: 'none',
    }, 'playground.log');
    await waitFor(`http://127.0.0.1:${playgroundPort}/`, 20000);

    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    this.page = await this.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Offline: only loopback may be reached (the playground asks a CDN for web fonts).
    await this.page.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      if (LOOPBACK.has(host)) return route.continue();
      this.blocked.push(host);
      return route.abort();
    });
    await this.page.goto(`http://127.0.0.1:${playgroundPort}/`);
  }

  async shot(name: string): Promise<void> {
    this.step++;
    await this.page.screenshot({ path: path.join(this.artefacts, `${String(this.step).padStart(2, '0')}-${name}.png`), fullPage: false });
  }

  /** Stops every process it started, by PID; keeps the artefacts only when the run failed. */
  async down(failed: boolean): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    for (const child of this.children) {
      if (child.exitCode === null && child.pid) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await Promise.all(this.children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => {
      const timer = setTimeout(() => { if (c.pid) try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ } r(undefined); }, 5000);
      c.once('exit', () => { clearTimeout(timer); r(undefined); });
    }))));
    if (failed) console.log(`    e2e artefacts (screenshots, logs): ${this.artefacts}`);
    else if (!process.env.E2E_KEEP_ARTEFACTS) fs.rmSync(this.artefacts, { recursive: true, force: true });
  }
}

/**
 * Registers the hooks of an end-to-end suite in the current `describe`: everything up before,
 * a screenshot of each failing test, and everything down (by PID) after, also on failure.
 */
export function useE2E(name: string, ready?: (e2e: E2E) => Promise<void>, options: { contentPacks?: string } = {}): E2E {
  const e2e = new E2E(name);
  let failed = false;
  before(async () => {
    await e2e.up(options);
    await ready?.(e2e);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failed = true;
    await e2e.shot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });
  after(async () => e2e.down(failed));
  return e2e;
}

/** Buttons on a rendered Adaptive Card, by title. */
export const cardButton = (card: Locator, title: string) => card.locator(`button[title="${title}"]`);
