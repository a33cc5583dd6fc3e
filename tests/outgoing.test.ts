/**
 * Every call to the Bot Connector goes through one policy: transient answers (412, 429 with
 * Retry-After, 502, a dropped connection) are retried, permanent ones (404) are not and say so in
 * the log, every conversation is paced under Teams' limits, a created 1:1 chat and its first
 * message count as two requests, and a choice is never lost because its reply failed. Driven
 * through the real HTTP endpoint and the real outgoing stack, against the local connector.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { App } from '../src/app';
import { readConfig } from '../src/config';
import { openStore, storeOptionsOf } from '../src/store/sql';
import type { Delivery, Enrolment, Series } from '../src/store/types';
import { startTestBot, storeEnv, tempDataDir } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector } from './support/connector';
import { button, cardText, Participant } from './support/teams';

describe('outgoing calls: one retry and pacing policy', function () {
  this.timeout(30_000);
  let connector: LocalConnector;
  let bot: App;
  let logs: string[];
  beforeEach(async () => {
    connector = await new LocalConnector().start();
    logs = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, pino({ level: 'info' }, sink));
  });
  afterEach(async () => {
    await bot.close();
    await connector.stop();
  });

  /** Anna in her 1:1 chat, on the first moment card of the small case. */
  async function onFirstMoment(): Promise<{ anna: Participant; moment: Record<string, any> }> {
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const moment = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card!;
    return { anna, moment };
  }
  const toAnna = (anna: Participant) => connector.requests.filter((r) => r.conversationId === anna.conversationId);

  it('retries a reply answered 412 once: the feedback arrives and the choice counts', async () => {
    const { anna, moment } = await onFirstMoment();
    // POST: the reply (the clicked card's read-only edit is a PUT).
    connector.script((r) => r.conversationId === anna.conversationId && r.method === 'POST', { status: 412 });
    const { status, replies } = await anna.send(anna.activity({ value: button(moment, 'A') }));
    assert.equal(status, 200);
    assert.equal(replies.length, 1);
    assert.match(cardText(replies[0]!.card), /^Jouw keuze/);
    assert.deepEqual(toAnna(anna).filter((r) => r.method === 'POST').slice(-2).map((r) => r.status), [412, 200]);
    assert.match((await anna.say('status'))[0]!.text!, /Druk op "Verder" onder de laatste feedback/);
  });

  it('retries the read-only edit of an answered moment card answered 412, like any other request', async () => {
    const { anna, moment } = await onFirstMoment();
    connector.script((r) => r.conversationId === anna.conversationId && r.method === 'PUT', { status: 412 });
    const replies = await anna.click(button(moment, 'A'));
    assert.match(cardText(replies[0]!.card), /^Jouw keuze/);
    assert.deepEqual(toAnna(anna).filter((r) => r.method === 'PUT').map((r) => r.status), [412, 200]);
  });

  it('keeps the choice when its reply still fails after the retries, and shows the feedback on the next message', async () => {
    const { anna, moment } = await onFirstMoment();
    connector.script((r) => r.conversationId === anna.conversationId && r.method === 'POST', ...Array.from({ length: 5 }, () => ({ status: 412 })));
    const lost = await anna.send(anna.activity({ value: button(moment, 'A') }));
    assert.equal(lost.status, 200);
    assert.deepEqual(lost.replies, [], 'nothing arrived, not even an apology');
    assert.ok(logs.some((l) => /gave up after retries/.test(l)));

    // Anything she does next brings her back to where she is: the feedback on her choice.
    const again = await anna.click(button(moment, 'B'));
    assert.equal(again.length, 1);
    assert.match(again[0]!.text!, /Mijn vorige bericht is niet bij je aangekomen/);
    const next = (await anna.click(button(again[0]!.card, 'Verder')))[0]!.card;
    assert.match(cardText(next), /Moment 2 van 2|Waarom duurt het zo lang\?/);
  });

  it('honours Retry-After on a 429 before trying again', async () => {
    const { anna } = await onFirstMoment();
    const before = toAnna(anna).length;
    connector.script((r) => r.conversationId === anna.conversationId, { status: 429, headers: { 'Retry-After': '1' } });
    const replies = await anna.say('status');
    assert.equal(replies.length, 2, 'where she is, and the moment card again');
    assert.deepEqual(toAnna(anna).slice(before).map((r) => r.status), [429, 200, 200]);
    const [throttled, retried] = toAnna(anna).slice(before);
    assert.ok(retried!.at - throttled!.at >= 1000, `retried after ${retried!.at - throttled!.at} ms`);
  });

  it('retries a 502 and a dropped connection; the reply arrives once', async () => {
    const { anna } = await onFirstMoment();
    const before = toAnna(anna).length;
    connector.script((r) => r.conversationId === anna.conversationId, { status: 502 }, 'reset');
    const replies = await anna.say('status');
    assert.equal(replies.length, 2, 'where she is, and the moment card again');
    assert.deepEqual(toAnna(anna).slice(before).map((r) => r.status), [502, 'reset', 200, 200]);
  });

  it('does not retry a 404 and logs why', async () => {
    const { anna } = await onFirstMoment();
    const before = toAnna(anna).length;
    connector.script((r) => r.conversationId === anna.conversationId, { status: 404 });
    const { status, replies } = await anna.send(anna.activity({ text: 'status' }));
    assert.equal(status, 200);
    assert.deepEqual(replies, []);
    assert.equal(toAnna(anna).length, before + 1, 'one attempt only');
    assert.ok(logs.some((l) => /refused send with 404 .*not retried/.test(l)), 'a clear log line');
  });

  it('paces a burst into one conversation under 7 per second and 8 per 2 seconds', async () => {
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const answers = await Promise.all(Array.from({ length: 12 }, () => anna.send(anna.activity({ text: 'help' }))));
    assert.deepEqual(answers.map((a) => a.status), Array(12).fill(200));
    const mine = (r: { conversationId: string }) => r.conversationId === anna.conversationId;
    assert.equal(connector.requests.filter(mine).length, 12);
    assert.ok(connector.maxInWindow(1000, mine) <= 7, `${connector.maxInWindow(1000, mine)} in one second`);
    assert.ok(connector.maxInWindow(2000, mine) <= 8, `${connector.maxInWindow(2000, mine)} in two seconds`);
  });

  it('retries a shared-card edit answered 412, and the card ends on the exact count', async () => {
    const channel = new Channel(() => bot.url, connector, 3);
    const [trainer, p1, p2] = channel.members;
    const catalogue = (await channel.mention(trainer!, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    // The briefing comes first; the shared moment card after it.
    const shared = sharedCardIn(await channel.submit(trainer!, button(catalogue, 'Speel als ambtenaar')));
    const { sessionId, momentId } = shared.actions.find((a: any) => a.verb === 'group.vote').data;
    connector.script((r) => r.method === 'PUT', { status: 412 });
    await channel.invoke(p1!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    await channel.invoke(p2!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    await bot.group.updater.flush();
    const edits = connector.requests.filter((r) => r.method === 'PUT');
    assert.equal(edits[0]!.status, 412);
    const last = connector.sent.filter((s) => s.method === 'PUT').at(-1)!;
    assert.match(cardText(last.body.attachments[0].content), /2 van de 3 hebben gekozen/);
    assert.ok(connector.maxInWindow(1000, (r) => r.method === 'PUT' && r.status === 200) <= 1, 'at most one edit per second');
  });
});

describe('create-and-send pacing of a follow-up fan-out', function () {
  this.timeout(30_000);

  it('counts creating a 1:1 chat and its first message as two requests: at most 50 in any second', async () => {
    const connector = await new LocalConnector().start();
    const dataDir = tempDataDir();
    const bot = await startTestBot({ DATA_DIR: dataDir, FOLLOWUP_ENABLED: 'false', WORK_DAYS: '1-7', WORK_HOURS: '00:00-24:00' });
    const store = await openStore(storeOptionsOf(readConfig(storeEnv(dataDir))));
    try {
      const now = new Date();
      const series: Series = { id: randomUUID(), source: 'group', cadence: { count: 1, perWeek: 1, timeOfDay: '09:30' }, createdAt: now };
      // 45 participants reached for the first time: 90 requests.
      const enrolments: Enrolment[] = Array.from({ length: 45 }, (_, i) => ({
        id: randomUUID(), seriesId: series.id, userId: `user-${i}`, memberId: `29:member-${i}`, botId: '28:bot', serviceUrl: connector.url,
        tenantId: '72f988bf-0000-4000-8000-000000000001', timezone: 'Europe/Amsterdam', status: 'active', createdAt: now,
      }));
      const deliveries: Delivery[] = enrolments.map((e) => ({
        id: randomUUID(), seriesId: series.id, enrolmentId: e.id, userId: e.userId, kind: 'welcome', dueAt: new Date(now.getTime() - 1000), status: 'planned', attempts: 0,
      }));
      await store.followup.create(series, enrolments, deliveries);

      assert.equal((await bot.scheduler.tick()).sent, 45);
      assert.equal(connector.requests.filter((r) => r.method === 'CREATE').length, 45);
      assert.equal(connector.created.size, 45);
      assert.ok(connector.maxInWindow(1000) <= 50, `${connector.maxInWindow(1000)} requests in one second`);
    } finally {
      await store.close();
      await bot.close();
      await connector.stop();
    }
  });
});
