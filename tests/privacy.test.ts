import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { LocalConnector } from './support/connector';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { button, buttons, cardText, Participant } from './support/teams';

const post = (url: string, body: string, contentType = 'application/json') =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('hostile input at the HTTP endpoint', () => {
  let bot: App;
  before(async () => (bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' })));
  after(async () => bot.close());

  it('answers 413, 400 and 415 and stays up', async () => {
    assert.equal((await post(bot.url, JSON.stringify({ type: 'message', text: 'x'.repeat(300_000) }))).status, 413);
    assert.equal((await post(bot.url, '{"type": "message",')).status, 400);
    assert.equal((await post(bot.url, 'hallo', 'text/plain')).status, 415);
    assert.equal((await post(bot.url, '{}')).status, 400);
    assert.equal((await post(bot.url, '[1,2,3]')).status, 400);
    assert.equal((await post(bot.url, JSON.stringify({ type: 'message', channelId: 'msteams', serviceUrl: 'file:///etc/passwd', conversation: { id: 'c' }, from: { id: 'u' } }))).status, 400);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  });
});

describe('privacy (AVG)', () => {
  let connector: LocalConnector;
  let bot: App;
  let now: Date;
  beforeEach(async () => {
    connector = await new LocalConnector().start();
    now = new Date('2026-11-30T10:00:00Z');
  });
  afterEach(async () => {
    await bot.close();
    await connector.stop();
  });

  it('serves no other tenant and keeps nothing of them', async () => {
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false', ALLOWED_TENANTS: '11111111-2222-3333-4444-555555555555' });
    const stranger = new Participant(() => bot.url, connector, 'Vreemde');
    // The shared outgoing budget (PostgreSQL) records when requests went, nothing about anyone.
    const personal = async () => JSON.stringify({ ...(await bot.dump()), outgoing_budget: undefined });
    const before = await personal();
    assert.deepEqual((await stranger.say('oefeningen')).map((r) => r.text), ['Samenspel is niet beschikbaar voor jouw organisatie.']);
    assert.deepEqual((await stranger.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' })).map((r) => r.text), ['Samenspel is niet beschikbaar voor jouw organisatie.']);
    const after = await personal();
    assert.equal(after, before);
    assert.ok(!after.includes(stranger.aadObjectId));
  });

  it('"verwijder mijn gegevens" removes every personal record after a confirmation; group votes stay as anonymous totals', async () => {
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
    const channel = new Channel(() => bot.url, connector, 3);
    const member = channel.members[1]!;
    const anna = new Participant(() => bot.url, connector, 'Anna', 'nl-NL', { id: member.id, aadObjectId: member.aadObjectId });

    // She plays 1:1, votes in a group exercise, and signs up for follow-up.
    let card = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'bestuurder' }))[0]!.card;
    card = (await anna.click(button(card, 'A')))[0]!.card;
    await anna.click(button(card, 'Naar je samenvatting'));
    const trainer = channel.members[0]!;
    const catalogue = (await channel.mention(trainer, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue)[0]!.data));
    const { sessionId, momentId } = shared.actions[0].data;
    await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    await channel.invoke(channel.members[2]!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    const setup = (await anna.say('vervolg'))[0]!.card;
    await anna.click({ ...buttons(setup)[0]!.data, perWeek: '1', weeks: '2', time: '10:00' });
    const dumped = JSON.stringify(await bot.dump());
    assert.ok(dumped.includes(member.aadObjectId) && dumped.includes(member.id), 'her data is there before');

    const confirm = (await anna.say('verwijder mijn gegevens'))[0]!.card;
    assert.match(cardText(confirm), /^Al je gegevens verwijderen\?/);
    assert.deepEqual(buttons(confirm).map((b) => b.title), ['Ja, verwijder alles', 'Nee, laat maar']);
    assert.equal((await anna.click(button(confirm, 'Ja, verwijder alles')))[0]?.text, 'Je gegevens zijn verwijderd. Je keuzes in groepsoefeningen tellen alleen nog anoniem mee. Zeg "hallo" als je later weer wilt oefenen.');

    // Every table, every column: neither her AAD object id nor her Teams id remains.
    const tables = await bot.dump();
    for (const [table, rows] of Object.entries(tables)) {
      for (const row of rows) {
        assert.ok(!row.includes(member.aadObjectId), `${table} still holds her AAD object id: ${row.slice(0, 200)}`);
        assert.ok(!row.includes(member.id), `${table} still holds her Teams id: ${row.slice(0, 200)}`);
        assert.ok(!row.includes(anna.conversationId), `${table} still holds her 1:1 conversation: ${row.slice(0, 200)}`);
      }
    }
    // The group's totals did not change.
    const revealed = await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    assert.match(cardText(revealed.body?.value), /Onthuld · 2 keuzes/);
    assert.match(cardText((await anna.say('mijn resultaten'))[0]?.card), /nog geen oefening afgerond/);
  });

  it('purges personal records older than RETENTION_DAYS, daily, and keeps newer ones', async () => {
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false', RETENTION_DAYS: '30' }, undefined, () => now);
    const old = new Participant(() => bot.url, connector, 'Oud');
    let card = (await old.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'bestuurder' }))[0]!.card;
    card = (await old.click(button(card, 'B')))[0]!.card;
    await old.click(button(card, 'Naar je samenvatting'));

    now = new Date('2026-12-20T10:00:00Z');
    const recent = new Participant(() => bot.url, connector, 'Recent');
    card = (await recent.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'bestuurder' }))[0]!.card;
    card = (await recent.click(button(card, 'A')))[0]!.card;
    await recent.click(button(card, 'Naar je samenvatting'));

    now = new Date('2027-01-05T10:00:00Z'); // 36 days after the first run, 16 after the second
    const removed = await bot.purgeExpired();
    assert.equal(removed.runs, 1);
    assert.match(cardText((await old.say('mijn resultaten'))[0]?.card), /nog geen oefening afgerond/);
    assert.match(cardText((await recent.say('mijn resultaten'))[0]?.card), /1 afgeronde oefening/);
  });
});
