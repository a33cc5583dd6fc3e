/**
 * Two bot processes on one PostgreSQL, as behind a load balancer: a group vote burst split over
 * both is counted once per vote; a double click in 1:1 chat that reaches both keeps one answer;
 * a follow-up fan-out run by both schedulers sends every delivery
 * once; and when one instance is killed mid-fan-out, the other finishes its claims once their
 * lease has run out. SQLite serves one instance only, so its pass skips these.
 */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { readConfig } from '../src/config';
import { openStore, storeOptionsOf, type OpenedStore } from '../src/store/sql';
import type { Delivery, Enrolment, Series } from '../src/store/types';
import { storeEnv, tempDataDir, TEST_BACKEND } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector } from './support/connector';
import { kill, startBotProcess, type BotProcess } from './support/process';
import { button, buttons, cardText, Participant } from './support/teams';

const openTestStore = (dataDir: string) => openStore(storeOptionsOf(readConfig(storeEnv(dataDir))));

/** Every hour of every day is a working hour, so deliveries go out as soon as they are due. */
const fanoutEnv = (ratePerSecond: number, leaseSeconds: number) => ({
  FOLLOWUP_ENABLED: 'true', FOLLOWUP_POLL_MS: '100', WORK_DAYS: '1-7', WORK_HOURS: '00:00-24:00',
  OUTGOING_RATE_PER_SECOND: String(ratePerSecond), FOLLOWUP_LEASE_SECONDS: String(leaseSeconds),
});

/** `participants` enrolments, each with one micro-exercise due now in its own 1:1 chat (a:chat-i). */
async function seedFanout(store: OpenedStore, connectorUrl: string, participants: number): Promise<void> {
  const now = new Date();
  const series: Series = { id: randomUUID(), source: 'group', cadence: { count: 1, perWeek: 1, timeOfDay: '09:30' }, createdAt: now };
  const enrolments: Enrolment[] = Array.from({ length: participants }, (_, i) => ({
    id: randomUUID(), seriesId: series.id, userId: `user-${i}`, memberId: `29:member-${i}`, botId: '28:bot', serviceUrl: connectorUrl,
    timezone: 'Europe/Amsterdam', status: 'active', createdAt: now,
    ref: { serviceUrl: connectorUrl, channelId: 'msteams', conversation: { id: `a:chat-${i}`, conversationType: 'personal' }, bot: { id: '28:bot' }, locale: 'nl' },
  }));
  const deliveries: Delivery[] = enrolments.map((e) => ({
    id: randomUUID(), seriesId: series.id, enrolmentId: e.id, userId: e.userId, kind: 'micro', dueAt: new Date(now.getTime() - 1000), status: 'planned', attempts: 0,
  }));
  await store.followup.create(series, enrolments, deliveries);
}

/** Messages per 1:1 chat of the fan-out, with the time each arrived. */
function arrivals(connector: LocalConnector): Map<string, Date[]> {
  const out = new Map<string, Date[]>();
  for (const s of connector.sent) {
    if (!s.conversationId.startsWith('a:chat-') || s.method !== 'POST') continue;
    out.set(s.conversationId, [...(out.get(s.conversationId) ?? []), s.receivedAt]);
  }
  return out;
}

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function deliveryRows(store: OpenedStore) {
  return (await store.privacy.dump()).followup_deliveries!.map((row) => JSON.parse(row) as { id: string; user_id: string; status: string; claimed_by: string | null; lease_until: string | null });
}

describe('two instances on one PostgreSQL', function () {
  this.timeout(90_000);
  let connector: LocalConnector;
  const processes: BotProcess[] = [];
  let store: OpenedStore | undefined;
  /** Two bot processes on one database, as two instances behind a load balancer. */
  const twoInstances = async (dataDir: string, env: Record<string, string> = {}) => {
    const pair = [await startBotProcess(dataDir, env), await startBotProcess(dataDir, env)] as const;
    processes.push(...pair);
    return pair;
  };

  before(function () {
    if (TEST_BACKEND !== 'postgres') this.skip(); // SQLite is the one-instance store
  });
  beforeEach(async () => (connector = await new LocalConnector().start()));
  afterEach(async () => {
    await Promise.all(processes.splice(0).map((p) => kill(p.child)));
    await store?.close();
    store = undefined;
    await connector.stop();
  });

  it('counts a vote burst split over both instances once per vote, and a changed vote once', async () => {
    const dataDir = tempDataDir();
    const [a, b] = await twoInstances(dataDir);
    // Every request goes to the other instance than the one before, as a round-robin balancer does.
    let requests = 0;
    const channel = new Channel(() => (requests++ % 2 === 0 ? a.url : b.url), connector, 121);
    const trainer = channel.members[0]!;
    const catalogue = (await channel.mention(trainer, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue)[0]!.data));
    const { sessionId, momentId } = shared.actions[0].data;
    const voters = channel.members.slice(1);

    const answers = await Promise.all(voters.map((member) => channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' })));
    assert.deepEqual(answers.map((a) => a.status).filter((s) => s !== 200), []);
    // A third change their mind, each through the other instance than their first click.
    const changers = voters.filter((_, i) => i % 3 === 0);
    await Promise.all(changers.map((member) => channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'laat' })));

    const revealed = await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    assert.match(cardText(revealed.body?.value), new RegExp(`Onthuld · ${voters.length} keuzes`));
    store = await openTestStore(dataDir);
    const votes = await store.groups.votes(sessionId, momentId);
    assert.equal(votes.length, voters.length);
    assert.equal(new Set(votes.map((v) => v.userId)).size, voters.length);
    assert.equal(votes.filter((v) => v.choiceId === 'laat').length, changers.length);
    // After the reveal no instance takes a vote for that moment any more.
    const late = await channel.invoke(voters[1]!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    assert.equal(late.status, 200);
    assert.equal((await store.groups.votes(sessionId, momentId)).filter((v) => v.choiceId === 'laat').length, changers.length);
  });

  it('keeps one answer when a double click in 1:1 chat reaches both instances, and says so', async () => {
    const [a, b] = await twoInstances(tempDataDir());
    let requests = 0;
    const anna = new Participant(() => (requests++ % 2 === 0 ? a.url : b.url), connector, 'Anna');
    const catalogue = (await anna.say('oefeningen'))[0]!.card;
    const first = (await anna.click(button(catalogue, 'Speel als ambtenaar')))[0]!.card;

    // Two different choices at once, one on each instance.
    await Promise.all([anna.click(button(first, 'A')), anna.click(button(first, 'B'))]);
    const texts = connector.sent.filter((s) => s.conversationId === anna.conversationId).map((s) => s.body.text ?? '');
    const conflicts = texts.filter((t) => /twee keer tegelijk/.test(t)).length;
    const alreadyChosen = texts.filter((t) => /al gekozen/.test(t)).length;
    // Either the turns overlapped (the second to save is refused) or they did not (the second is a stale click).
    assert.equal(conflicts + alreadyChosen, 1, texts.join(' | '));
    const feedback = connector.sent.filter((s) => s.conversationId === anna.conversationId && s.body.attachments).at(-1)!.body.attachments[0].content;
    const next = (await anna.click(button(feedback, 'Verder')))[0]!.card;
    assert.match(cardText(next), /Moment 2 van 2|Waarom duurt het zo lang\?/);
  });

  it('sends every delivery of a fan-out once when both schedulers run it', async () => {
    const dataDir = tempDataDir();
    store = await openTestStore(dataDir);
    // Both running before anything is due: they share the app's budget, so the first one up would send it all.
    await twoInstances(dataDir, fanoutEnv(50, 6));
    await seedFanout(store, connector.url, 400);

    await until('400 deliveries', () => arrivals(connector).size === 400, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would arrive now
    const counts = [...arrivals(connector).values()].map((times) => times.length);
    assert.deepEqual(counts.filter((n) => n !== 1), [], 'a delivery was sent more than once');
    const rows = await deliveryRows(store);
    assert.deepEqual([...new Set(rows.map((r) => r.status))], ['sent']);
    const owners = new Set(rows.map((r) => r.claimed_by));
    assert.equal(owners.size, 2, 'both instances should have sent a share');
    // Together, not each: the app's budget is shared through the database.
    assert.ok(connector.maxInWindow(1000) <= 50, `${connector.maxInWindow(1000)} requests in one second`);
  });

  it('handles an activity delivered to both instances once', async () => {
    const [a, b] = await twoInstances(tempDataDir());
    const anna = new Participant(() => a.url, connector, 'Anna');
    const moment = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card;
    const choice = JSON.stringify(anna.activity({ value: button(moment, 'A') }));
    const post = (url: string) => fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: choice });
    const answers = await Promise.all([post(a.url), post(b.url)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    const texts = connector.sent.filter((s) => s.conversationId === anna.conversationId).map((s) => s.body.text ?? cardText(s.body.attachments?.[0]?.content));
    assert.equal(texts.filter((t) => /^Jouw keuze/.test(t)).length, 1, texts.join(' | '));
    assert.deepEqual(texts.filter((t) => /al gekozen|twee keer tegelijk/.test(t)), [], 'no visible extra reply');
  });

  it('finishes the claims of an instance killed mid-fan-out once their lease has run out; nothing is lost', async () => {
    const dataDir = tempDataDir();
    store = await openTestStore(dataDir);
    await seedFanout(store, connector.url, 300);
    const leaseSeconds = 5;
    const [a] = await twoInstances(dataDir, fanoutEnv(20, leaseSeconds));

    await until('the first 60 deliveries', () => arrivals(connector).size >= 60, 30_000);
    await kill(a.child);
    const killedAt = Date.now();
    const ownerOfA = new RegExp(`:${a.child.pid}:`);
    const orphaned = (await deliveryRows(store)).filter((r) => r.status === 'claimed' && ownerOfA.test(r.claimed_by ?? ''));
    assert.ok(orphaned.length > 0, 'the killed instance should have held claims');

    await until('all 300 deliveries', () => arrivals(connector).size === 300, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const rows = new Map((await deliveryRows(store)).map((r) => [r.id, r]));
    assert.deepEqual([...new Set([...rows.values()].map((r) => r.status))], ['sent'], 'every delivery ends as sent');
    for (const claim of orphaned) {
      const now = rows.get(claim.id)!;
      assert.ok(now.claimed_by && !ownerOfA.test(now.claimed_by), 'the surviving instance sent it');
    }
    // The survivor waited for each lease: what A held arrived again only after its lease ran out.
    const sent = arrivals(connector);
    for (const claim of orphaned) {
      const last = sent.get(claim.user_id.replace('user-', 'a:chat-'))!.at(-1)!;
      assert.ok(last.getTime() >= new Date(claim.lease_until!).getTime(), `${claim.id} was sent before A's lease ended`);
      assert.ok(last.getTime() > killedAt);
    }
    // Only what A sent in its last instant, without the time to record it, can arrive twice.
    const repeated = [...arrivals(connector).values()].filter((times) => times.length > 1).length;
    assert.ok(repeated <= 16, `${repeated} deliveries arrived twice (at most the sends in flight at the kill)`);
  });
});
