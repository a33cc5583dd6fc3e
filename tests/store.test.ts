/**
 * The store's guarantees under concurrency, on whichever backend this pass runs. On PostgreSQL
 * two stores (two connection pools) on one database race for the same rows, as two instances
 * would. SQLite serves one instance: there the two writers share its one connection, as two
 * turns of one process do.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { readConfig } from '../src/config';
import { migrateOnly, openStore, storeOptionsOf, type OpenedStore } from '../src/store/sql';
import { ConcurrencyError, type Delivery, type GroupSession } from '../src/store/types';
import { storeEnv, tempDataDir, TEST_BACKEND } from './support/bot';

const openTestStore = (dataDir: string) => openStore(storeOptionsOf(readConfig(storeEnv(dataDir))));

function session(id: string, conversationId: string): GroupSession {
  const now = new Date();
  return {
    id, conversationId, exerciseId: 'kleine-casus', perspective: 'ambtenaar', facilitatorId: 'trainer', showMissing: false, status: 'running',
    momentId: 'een', revealed: false, path: [], memberIds: [], version: 1, startedAt: now, updatedAt: now,
    ref: { serviceUrl: 'http://127.0.0.1:1', channelId: 'msteams', conversation: { id: conversationId }, bot: { id: '28:bot' } },
  };
}

/** A plain PostgreSQL connection to a test bot's schema, to hold a transaction open. */
async function rawConnection(dataDir: string): Promise<Client> {
  const env = storeEnv(dataDir);
  const client = new Client({ connectionString: env.DATABASE_URL, options: `-c search_path=${env.DATABASE_SCHEMA}` });
  await client.connect();
  return client;
}

async function seedDue(store: OpenedStore, count: number, now: Date): Promise<Delivery[]> {
  const seriesId = randomUUID();
  const enrolmentId = randomUUID();
  const deliveries: Delivery[] = Array.from({ length: count }, () => ({
    id: randomUUID(), seriesId, enrolmentId, userId: 'user', kind: 'micro', dueAt: new Date(now.getTime() - 1000), status: 'planned', attempts: 0,
  }));
  await store.followup.create(
    { id: seriesId, source: 'self', cadence: { count: 1, perWeek: 1, timeOfDay: '09:30' }, createdAt: now },
    [{ id: enrolmentId, seriesId, userId: 'user', memberId: '29:user', botId: '28:bot', serviceUrl: 'http://127.0.0.1:1', timezone: 'Europe/Amsterdam', status: 'active', createdAt: now }],
    deliveries,
  );
  return deliveries;
}

describe(`the store on ${TEST_BACKEND === 'postgres' ? 'PostgreSQL, written by two instances' : 'SQLite, written by two turns'} at once`, () => {
  let one: OpenedStore;
  let two: OpenedStore;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = tempDataDir();
    one = await openTestStore(dataDir);
    two = TEST_BACKEND === 'postgres' ? await openTestStore(dataDir) : one;
  });
  afterEach(async () => {
    await one.close();
    await two.close();
  });

  it('lets exactly one of two writers with the same eTag win', async () => {
    for (let round = 0; round < 20; round++) {
      const key = `conversation-${round}`;
      const { [key]: etag } = await one.state.write({ [key]: { value: { step: 0 } } });
      const results = await Promise.allSettled([
        one.state.write({ [key]: { value: { step: 1, by: 'one' }, etag } }),
        two.state.write({ [key]: { value: { step: 1, by: 'two' }, etag } }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${won.length} writers won`);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof ConcurrencyError, String(lost.reason));
      const stored = (await two.state.read([key]))[key]!;
      assert.equal(stored.etag, (won[0] as PromiseFulfilledResult<Record<string, string>>).value[key]);
    }
  });

  it('takes no vote after the reveal: every vote acknowledged is in the count the reveal sees', async () => {
    // The reveal lands in the middle of a burst, at a different moment in each round.
    for (let round = 0; round < 10; round++) {
      const s = session(randomUUID(), `19:chan-${randomUUID()}`);
      assert.deepEqual(await one.groups.create(s), { created: true });
      let countAtReveal = -1;
      const reveal = (async () => {
        await new Promise((r) => setTimeout(r, round));
        assert.equal(await two.groups.update({ ...s, revealed: true }), true);
        countAtReveal = await two.groups.count(s.id, 'een');
      })();
      const outcomes = await Promise.all(
        Array.from({ length: 150 }, (_, i) => (i % 2 ? one : two).groups.vote(s.id, { momentId: 'een', userId: `voter-${i}`, choiceId: 'vroeg' }, new Date())),
      );
      await reveal;
      const recorded = outcomes.filter((o) => o === 'recorded').length;
      assert.equal(await one.groups.count(s.id, 'een'), countAtReveal, `round ${round}: a vote landed after the reveal`);
      assert.equal(recorded, countAtReveal, `round ${round}: a vote was acknowledged but not counted`);
    }
  });

  it('makes a vote wait for a reveal in progress on another instance, then finds the moment closed', async function () {
    if (TEST_BACKEND !== 'postgres') this.skip(); // one connection on SQLite: nothing can be in progress beside it
    const s = session(randomUUID(), `19:chan-${randomUUID()}`);
    await one.groups.create(s);
    // Another instance's reveal, caught between its update and its commit.
    const revealing = await rawConnection(dataDir);
    try {
      await revealing.query('BEGIN');
      await revealing.query('UPDATE group_sessions SET revealed = 1, version = version + 1 WHERE id = $1', [s.id]);
      let answered: string | undefined;
      const vote = two.groups.vote(s.id, { momentId: 'een', userId: 'late-voter', choiceId: 'vroeg' }, new Date()).then((o) => (answered = o));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(answered, undefined, 'the vote did not wait for the reveal in progress');
      await revealing.query('COMMIT');
      assert.equal(await vote, 'closed');
      assert.equal(await one.groups.count(s.id, 'een'), 0);
    } finally {
      await revealing.end();
    }
  });

  it('starts one group exercise per channel when two instances start one at once', async () => {
    const conversationId = `19:chan-${randomUUID()}`;
    const [a, b] = await Promise.all([one.groups.create(session('first', conversationId)), two.groups.create(session('second', conversationId))]);
    assert.equal([a, b].filter((r) => r.created).length, 1);
    const loser = [a, b].find((r) => !r.created) as { created: false; running: GroupSession };
    assert.equal((await one.groups.running(conversationId))!.id, loser.running.id);
  });

  it('gives each due delivery to one scheduler when two claim at once', async () => {
    const now = new Date();
    const deliveries = await seedDue(one, 300, now);
    const claimedBy = new Map<string, string>();
    await Promise.all(
      (['one', 'two'] as const).map(async (owner) => {
        const store = owner === 'one' ? one : two;
        for (;;) {
          const batch = await store.followup.claimDue(now, 25, owner, 60_000);
          if (batch.length === 0) return;
          for (const d of batch) {
            assert.ok(!claimedBy.has(d.id), `${d.id} claimed by ${claimedBy.get(d.id)} and ${owner}`);
            claimedBy.set(d.id, owner);
          }
        }
      }),
    );
    assert.equal(claimedBy.size, deliveries.length);
    // Only the holder of a claim can record the send.
    const [id, owner] = [...claimedBy.entries()][0]!;
    assert.equal(await one.followup.markSent(id, owner === 'one' ? 'two' : 'one', now), false);
    assert.equal(await two.followup.markSent(id, owner, now), true);
  });

  it('claims past rows another instance holds locked, without waiting for them', async function () {
    if (TEST_BACKEND !== 'postgres') this.skip(); // one connection on SQLite: nothing can hold a lock beside it
    const now = new Date();
    await seedDue(one, 20, now);
    const other = await rawConnection(dataDir);
    try {
      await other.query('BEGIN');
      const held = await other.query<{ id: string }>('SELECT id FROM followup_deliveries ORDER BY due_at, id LIMIT 5 FOR UPDATE');
      const claim = two.followup.claimDue(now, 100, 'two', 60_000);
      const first = await Promise.race([claim, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 1000))]);
      assert.notEqual(first, 'waiting', 'the claim waited for the other instance');
      const ids = new Set((first as Delivery[]).map((d) => d.id));
      assert.equal(ids.size, 15);
      for (const row of held.rows) assert.ok(!ids.has(row.id));
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
  });
});

describe('migrations on PostgreSQL as a deploy step (DATABASE_MIGRATE=false)', () => {
  before(function () {
    if (TEST_BACKEND !== 'postgres') this.skip();
  });

  it('refuses to start on a schema that is behind, naming what is missing, and starts after npm run migrate', async () => {
    const options = storeOptionsOf(readConfig({ ...storeEnv(tempDataDir()), DATABASE_MIGRATE: 'false' }));
    await assert.rejects(openStore(options), /the database schema is behind \(missing 0001_state_and_runs, 0002_group_exercises, 0003_followup, 0004_participant-locale, 0005_choice_order, 0006_partial_runs, 0007_activity-dedupe_and_outgoing-budget\): run npm run migrate first/);
    assert.deepEqual(await migrateOnly(options), ['0001_state_and_runs', '0002_group_exercises', '0003_followup', '0004_participant-locale', '0005_choice_order', '0006_partial_runs', '0007_activity-dedupe_and_outgoing-budget']);
    const store = await openStore(options);
    assert.deepEqual(store.migrated, []);
    await store.ping();
    await store.close();
  });
});

describe('a SQLite database made by Samenspel 0.1 (before the Kysely migrations)', () => {
  before(function () {
    if (TEST_BACKEND !== 'sqlite') this.skip();
  });

  it('is taken over as it is: data kept, migrations recorded, nothing applied twice', async () => {
    const dataDir = tempDataDir();
    fs.copyFileSync(path.join(__dirname, 'fixtures', 'sqlite-0.1', 'samenspel.sqlite'), path.join(dataDir, 'samenspel.sqlite'));
    const store = await openStore({ backend: 'sqlite', dataDir });
    try {
      // The three it had are recorded as they were; only migrations added since 0.1 really run.
      assert.deepEqual(store.migrated, ['0001_state_and_runs', '0002_group_exercises', '0003_followup', '0004_participant-locale', '0005_choice_order', '0006_partial_runs', '0007_activity-dedupe_and_outgoing-budget']);
      const [run] = await store.runs.listByUser('aad-anna', 5);
      assert.equal(run?.id, 'run-1');
      assert.deepEqual(run?.profile, [{ dimension: 'timing', score: 80 }]);
      assert.deepEqual((await store.state.read(['msteams/conversations/a:anna/']))['msteams/conversations/a:anna/']?.value, { progress: 'kept' });
    } finally {
      await store.close();
    }
    const again = await openStore({ backend: 'sqlite', dataDir });
    assert.deepEqual(again.migrated, []);
    await again.close();
  });
});

describe('the store keeps the order choices were shown in', () => {
  it('stores a run\'s and a sent delivery\'s seed (the largest 32-bit one too) and the card\'s message id; absent stays absent', async () => {
    const store = await openTestStore(tempDataDir());
    try {
      const run = { mode: 'solo' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'ambtenaar' as const, finishedAt: new Date('2026-11-30T10:00:00Z'), answers: [{ moment: 'een', choice: 'vroeg' }], profile: [] };
      await store.runs.saveFinished({ ...run, id: 'with-seed', seed: 0xffff_ffff });
      await store.runs.saveFinished({ ...run, id: 'file-order', finishedAt: new Date('2026-11-29T10:00:00Z') });
      const [withSeed, fileOrder] = await store.runs.listByUser('u', 5);
      assert.equal(withSeed?.seed, 0xffff_ffff);
      assert.equal(fileOrder?.id, 'file-order');
      assert.equal('seed' in fileOrder!, false);

      const now = new Date();
      const [a, b] = await seedDue(store, 2, now);
      await store.followup.claimDue(now, 10, 'me', 60_000);
      assert.equal(await store.followup.markSent(a!.id, 'me', now, { microId: 'woord-snel', seed: 0xffff_ffff, activityId: 'act-7' }), true);
      assert.equal(await store.followup.markSent(b!.id, 'me', now, { microId: 'woord-snel' }), true);
      const sentA = await store.followup.delivery(a!.id);
      assert.deepEqual([sentA?.microId, sentA?.seed, sentA?.activityId], ['woord-snel', 0xffff_ffff, 'act-7']);
      const sentB = await store.followup.delivery(b!.id);
      assert.deepEqual([sentB?.seed, sentB?.activityId], [undefined, undefined]);
    } finally {
      await store.close();
    }
  });
});
