import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { App } from '../src/app';
import { readConfig } from '../src/config';
import { startTestBot, storeEnv, tempDataDir } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector, type SentActivity } from './support/connector';
import { buttons, cardText, Participant } from './support/teams';

const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const cardOf = (s: { body: any } | undefined) => s?.body.attachments?.[0]?.content;
/** An activity as Teams sends some events: no locale on the activity nor in clientInfo. */
const withoutLocale = { locale: undefined, entities: [] };

describe('the participant\'s language, in every message', () => {
  let connector: LocalConnector;
  let bot: App;
  beforeEach(async () => {
    connector = await new LocalConnector().start();
  });
  afterEach(async () => {
    await bot?.close();
    await connector.stop();
  });

  it('welcomes an en-US user who installs in personal chat in English, once (bot-added without a locale, then installationUpdate with one)', async () => {
    bot = await startTestBot();
    const anna = new Participant(() => bot.url, connector, 'Anna', 'en-US');
    const added = await anna.send(anna.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:samenspel-bot' }, { id: anna.userId }], ...withoutLocale }));
    assert.equal(added.status, 200);
    assert.deepEqual(added.replies, [], 'no Dutch welcome on the event without a locale');
    const installed = await anna.send(anna.activity({ type: 'installationUpdate', action: 'add' }));
    assert.equal(installed.replies.length, 1);
    assert.match(cardText(installed.replies[0]!.card), /^Welcome to Samenspel/);
    // Teams may deliver the two the other way round: still one welcome.
    const again = await anna.send(anna.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:samenspel-bot' }] }));
    assert.deepEqual(again.replies, []);
  });

  it('welcomes on a bot-added event that carries the locale (a client without installationUpdate)', async () => {
    bot = await startTestBot();
    const bram = new Participant(() => bot.url, connector, 'Bram', 'en-GB');
    const added = await bram.send(bram.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:samenspel-bot' }, { id: bram.userId }] }));
    assert.match(cardText(added.replies[0]?.card), /^Welcome to Samenspel/);
    assert.deepEqual((await bram.send(bram.activity({ type: 'installationUpdate', action: 'add' }))).replies, []);
  });

  it('answers an activity without a locale in the language of the participant\'s latest activity that had one', async () => {
    bot = await startTestBot();
    const chris = new Participant(() => bot.url, connector, 'Chris', 'en-US');
    assert.match((await chris.say('status'))[0]?.text ?? '', /^You are not in an exercise/);
    const bare = await chris.send(chris.activity({ text: 'status', ...withoutLocale }));
    assert.match(bare.replies[0]?.text ?? '', /^You are not in an exercise/);
    // Someone nobody knows yet: Dutch, the default.
    const dana = new Participant(() => bot.url, connector, 'Dana', 'en-US');
    const unknown = await dana.send(dana.activity({ text: 'status', ...withoutLocale }));
    assert.match(unknown.replies[0]?.text ?? '', /^Je bent nu niet met een oefening bezig/);
  });

  it('keeps the language a participant shows in a channel, and survives a restart (it is stored)', async () => {
    const env = { FOLLOWUP_ENABLED: 'false', ...storeEnv(tempDataDir()) };
    bot = await startTestBot(env);
    const channel = new Channel(() => bot.url, connector, 2);
    const eve = { ...channel.members[1]!, locale: 'en-US' };
    await channel.mention(eve, 'help');
    await bot.close();
    bot = await startTestBot(env);
    // Her 1:1 chat's first event carries no locale: English, from what she said in the channel.
    const own = new Participant(() => bot.url, connector, 'Eve', 'en-US', { id: eve.id, aadObjectId: eve.aadObjectId });
    const bare = await own.send(own.activity({ text: 'status', ...withoutLocale }));
    assert.match(bare.replies[0]?.text ?? '', /^You are not in an exercise/);
  });

  it('sends follow-up to each participant in their own language, not the trainer\'s; the report in the trainer\'s', async () => {
    let now = DateTime.fromISO('2026-11-30T16:00', { zone: 'Europe/Amsterdam' }).toJSDate();
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
    const channel = new Channel(() => bot.url, connector, 3);
    const [trainer, nl, enUser] = [channel.members[0]!, channel.members[1]!, { ...channel.members[2]!, locale: 'en-US' }];
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data));
    const { sessionId, momentId } = shared.actions[0].data;
    for (const m of [nl, enUser]) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    await channel.invoke(trainer, 'group.finish', { sessionId, momentId });
    const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
    await channel.submit(trainer, { ...buttons(setup)[0]!.data, theme: 'all', perWeek: '2', weeks: '3', time: '09:30', everyone: 'false' });

    await bot.scheduler.tick();
    const welcome = (id: string) => connector.toMember(id).map((s) => s.body.text)[0] ?? '';
    assert.match(welcome(nl.id), /^Je ontvangt de komende 3 weken/);
    assert.match(welcome(enUser.id), /^Over the next 3 weeks you will receive/);
    now = DateTime.fromISO('2026-12-01T09:31', { zone: 'Europe/Amsterdam' }).toJSDate();
    await bot.scheduler.tick();
    assert.match(cardText(cardOf(connector.toMember(enUser.id)[1])), /^Follow-up exercise · 2 min/);
    assert.match(cardText(cardOf(connector.toMember(nl.id)[1])), /^Vervolgoefening · 2 min/);
    assert.match(cardText(cardOf(posts(await channel.mention(trainer, 'vervolg rapport'))[0])), /^Voortgang vervolgoefeningen/);
  });

  describe('INTERFACE_LANGUAGE fixes one language for everyone', () => {
    it('nl: an en-US client gets Dutch', async () => {
      bot = await startTestBot({ INTERFACE_LANGUAGE: 'nl' });
      const anna = new Participant(() => bot.url, connector, 'Anna', 'en-US');
      assert.match(cardText((await anna.install())[0]?.card), /^Welkom bij Samenspel/);
      assert.match((await anna.say('status'))[0]?.text ?? '', /^Je bent nu niet met een oefening bezig/);
    });

    it('en: a nl-NL client gets English', async () => {
      bot = await startTestBot({ INTERFACE_LANGUAGE: 'en' });
      const bas = new Participant(() => bot.url, connector, 'Bas', 'nl-NL');
      assert.match(cardText((await bas.say('oefeningen'))[0]?.card), /^Exercises/);
    });

    it('accepts client or nothing (each participant\'s own) and refuses anything else, naming the variable', () => {
      assert.equal(readConfig({ INTERFACE_LANGUAGE: 'client' }).INTERFACE_LANGUAGE, undefined);
      assert.equal(readConfig({}).INTERFACE_LANGUAGE, undefined);
      assert.equal(readConfig({ INTERFACE_LANGUAGE: 'en' }).INTERFACE_LANGUAGE, 'en');
      assert.throws(() => readConfig({ INTERFACE_LANGUAGE: 'fr' }), /INTERFACE_LANGUAGE must be nl or en .* \(got "fr"\)/);
    });
  });
});
