/**
 * The fan-out scenario: N participants (10,000) with a follow-up delivery due at once, sent by
 * the real bot (a child process) to a local connector that enforces Teams' limits: 429 beyond
 * 50 requests per second globally or 7 per second per conversation (sliding one-second windows).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../src/config';
import { openStore, storeOptionsOf } from '../../src/store/sql';
import type { Delivery, Enrolment, Series } from '../../src/store/types';
import { benchStoreEnv, startBotProcess } from './process';
import { round } from './stats';

class LimitingConnector {
  readonly perConversation = new Map<string, number>();
  throttled = 0;
  private readonly window: number[] = [];
  private readonly conversationWindows = new Map<string, number[]>();
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  constructor(private readonly globalPerSecond: number, private readonly conversationPerSecond: number) {}

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }

  private admit(list: number[], limit: number, now: number): boolean {
    while (list.length && list[0]! <= now - 1000) list.shift();
    if (list.length >= limit) return false;
    list.push(now);
    return true;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    req.on('end', () => {
      const conversation = decodeURIComponent(/^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '')?.[1] ?? '');
      const now = Date.now();
      const perConversation = this.conversationWindows.get(conversation) ?? [];
      this.conversationWindows.set(conversation, perConversation);
      const globalOk = this.admit(this.window, this.globalPerSecond, now);
      if (!globalOk || !this.admit(perConversation, this.conversationPerSecond, now)) {
        if (globalOk) this.window.pop();
        this.throttled++;
        res.statusCode = 429;
        res.setHeader('Retry-After', '1');
        res.end('{}');
        return;
      }
      this.perConversation.set(conversation, (this.perConversation.get(conversation) ?? 0) + 1);
      res.statusCode = 200;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  }
}

export async function benchFanout(participants: number, ratePerSecond = 50, instances = 1) {
  if (instances > 1 && !process.env.DATABASE_URL) throw new Error('several instances need PostgreSQL: set DATABASE_URL (npm run bench:pg)');
  const connector = new LimitingConnector(50, 7);
  await connector.start();
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-bench-fanout-'));
  const storeEnv = benchStoreEnv(dataRoot, 'fanout');
  const now = new Date();
  const store = await openStore(storeOptionsOf(readConfig({ ...process.env, ...storeEnv })));
  const series: Series = { id: randomUUID(), source: 'group', cadence: { count: 1, perWeek: 1, timeOfDay: '09:30' }, createdAt: now };
  const enrolments: Enrolment[] = Array.from({ length: participants }, (_, i) => ({
    id: randomUUID(), seriesId: series.id, userId: `user-${i}`, memberId: `29:member-${i}`, botId: '28:bot', serviceUrl: connector.url,
    timezone: 'Europe/Amsterdam', status: 'active', createdAt: now,
    ref: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: `a:chat-${i}`, conversationType: 'personal' }, bot: { id: '28:bot' }, locale: 'nl' },
  }));
  const deliveries: Delivery[] = enrolments.map((e) => ({
    id: randomUUID(), seriesId: series.id, enrolmentId: e.id, userId: e.userId, kind: 'micro', dueAt: new Date(now.getTime() - 1000), status: 'planned', attempts: 0,
  }));
  await store.followup.create(series, enrolments, deliveries);
  await store.close();

  // Several instances (PostgreSQL only) share Teams' budget through the database.
  const bots = await Promise.all(
    Array.from({ length: instances }, () =>
      startBotProcess('src/main.ts', {
        PORT: '0', HOST: '127.0.0.1', ...storeEnv, LOG_LEVEL: 'info', MICROSOFT_APP_ID: '',
        WORK_DAYS: '1-7', WORK_HOURS: '00:00-24:00', FOLLOWUP_POLL_MS: '200', OUTGOING_RATE_PER_SECOND: String(ratePerSecond),
      }),
    ),
  );
  // From the moment the bot is up (and its scheduler starts polling) until the last delivery arrived.
  const started = performance.now();
  try {
    const deadline = Date.now() + Math.max(60_000, (participants / 40) * 1000 * 2);
    while (Date.now() < deadline && connector.perConversation.size < participants) await new Promise((r) => setTimeout(r, 100));
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would arrive now
    const counts = [...connector.perConversation.values()];
    return {
      participants,
      seconds: round(seconds),
      effectivePerSecond: round(counts.length / seconds),
      throttled429: connector.throttled,
      delivered: counts.length,
      lost: participants - counts.length,
      repeated: counts.filter((n) => n > 1).length,
      instances,
      peakRssMiB: round(Math.max(...bots.map((bot) => bot.peakRssMiB()))),
    };
  } finally {
    await Promise.all(bots.map((bot) => bot.stop()));
    await connector.stop();
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}
