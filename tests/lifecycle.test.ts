import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { App } from '../src/app';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector, type SentActivity } from './support/connector';
import { buttons, cardText, Participant } from './support/teams';

const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const cardOf = (s: { body: any } | undefined) => s?.body.attachments?.[0]?.content;
const amsterdam = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();

describe('the app\'s lifecycle: install, uninstall, reinstall, removed from a team', () => {
  let connector: LocalConnector;
  let bot: App;
  let now: Date;
  beforeEach(async () => {
    connector = await new LocalConnector().start();
    now = amsterdam('2026-11-30T16:00');
  });
  afterEach(async () => {
    await bot?.close();
    await connector.stop();
  });

  /** A channel workshop whose members 1..voters chose, finished, with follow-up started by the trainer. */
  async function workshopWithFollowup(channel: Channel, voters: number): Promise<string> {
    const trainer = channel.members[0]!;
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data));
    const { sessionId, momentId } = shared.actions[0].data;
    for (const m of channel.members.slice(1, 1 + voters)) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    await channel.invoke(trainer, 'group.finish', { sessionId, momentId });
    const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
    await channel.submit(trainer, { ...buttons(setup)[0]!.data, theme: 'all', perWeek: '2', weeks: '3', time: '09:30', everyone: 'false' });
    return sessionId;
  }

  it('personal chat: uninstall stops follow-up at once and shows in the trainer\'s report; reinstall welcomes again', async () => {
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
    const channel = new Channel(() => bot.url, connector, 3);
    await workshopWithFollowup(channel, 2);
    await bot.scheduler.tick(); // the welcomes
    const [p1, p2] = [channel.members[1]!, channel.members[2]!];
    const own = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1.id, aadObjectId: p1.aadObjectId });

    const removed = await own.send(own.activity({ type: 'installationUpdate', action: 'remove' }));
    assert.equal(removed.status, 200);
    assert.deepEqual(removed.replies, [], 'nothing is sent to someone who just removed the app');

    // Tuesday 09:31: only the participant who kept the app gets the micro-exercise.
    now = amsterdam('2026-12-01T09:31');
    assert.deepEqual(await bot.scheduler.tick(), { claimed: 1, sent: 1, retried: 0, failed: 0, cancelled: 0 });
    assert.equal(connector.toMember(p1.id).length, 1, 'p1 had the welcome only');
    assert.equal(connector.toMember(p2.id).length, 2);

    const report = cardText(cardOf(posts(await channel.mention(channel.members[0]!, 'vervolg rapport'))[0]));
    assert.match(report, /App verwijderd: 1/);
    assert.match(report, /Niet bereikbaar: 0/);
    assert.match(report, /Nog gepland: 5\b/, 'only p2\'s five remaining exercises');

    // Reinstall: a new welcome; follow-up does not resume by itself.
    const back = await own.install();
    assert.equal(back.length, 1);
    assert.match(cardText(back[0]!.card), /^Welkom bij Samenspel/);
    assert.equal((await own.say('vervolg status'))[0]?.text, 'Je bent niet aangemeld voor vervolgoefeningen. Typ "vervolg" om je aan te melden.');
  });

  it('personal chat: an uninstall in the middle of an exercise forgets it, and a reinstall starts afresh', async () => {
    bot = await startTestBot();
    const anna = new Participant(() => bot.url, connector, 'Anna', 'nl-NL');
    await anna.install();
    const catalogue = (await anna.say('oefeningen'))[0]!.card;
    await anna.click(buttons(catalogue)[0]!.data);
    assert.match((await anna.say('status'))[0]?.text ?? '', /^Je bent bezig met/);
    await anna.send(anna.activity({ type: 'conversationUpdate', membersRemoved: [{ id: '28:samenspel-bot' }] }));
    await anna.install();
    assert.equal((await anna.say('status'))[0]?.text, 'Je bent nu niet met een oefening bezig. Typ "oefeningen" om er een te kiezen.');
  });

  it('team: the bot removed from the team ends the group exercise running in a channel, silently; re-adding welcomes again', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 3);
    const [trainer, member] = [channel.members[0]!, channel.members[1]!];
    // Teams sends a team's install and removal in its General channel, whose id is the team's.
    const general = { conversation: { id: channel.teamId, conversationType: 'channel', isGroup: true } };
    const sentToGeneral = () => connector.sent.filter((s) => s.conversationId === channel.teamId && s.method === 'POST');
    await channel.send(trainer, { type: 'installationUpdate', action: 'add', ...general });
    const installed = sentToGeneral();
    assert.equal(installed.length, 1);
    assert.match(cardText(cardOf(installed[0])), /^Welkom bij Samenspel/);
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data));
    const { sessionId, momentId } = shared.actions[0].data;

    // A member who leaves the team changes nothing.
    await channel.send(trainer, { type: 'conversationUpdate', membersRemoved: [{ id: channel.members[2]!.id }], ...general });
    const vote = await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    assert.equal(vote.status, 200);
    assert.notEqual(vote.body?.value, 'Deze groepsoefening is al afgerond; er is niets veranderd.');

    // The bot is removed from the team (Teams sends it in the General channel, the team's id).
    await bot.group.updater.flush(); // the edit for that vote, sent before the removal
    const before = connector.sent.length;
    await channel.send(trainer, { type: 'conversationUpdate', membersRemoved: [{ id: '28:samenspel-bot' }], ...general });
    await channel.send(trainer, { type: 'installationUpdate', action: 'remove', ...general });
    assert.deepEqual(connector.sent.slice(before), [], 'nothing is posted where the bot can no longer post');
    const late = await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    assert.equal(late.body?.value, 'Deze groepsoefening is al afgerond; er is niets veranderd.');
    // A new group exercise may start in that channel once the bot is back.
    await channel.send(trainer, { type: 'installationUpdate', action: 'add', ...general });
    assert.equal(sentToGeneral().length, 2);
    assert.match(cardText(cardOf(sentToGeneral()[1])), /^Welkom bij Samenspel/);
    const restarted = sharedCardIn(await channel.submit(trainer, buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data));
    assert.ok(restarted.actions[0].data.sessionId !== sessionId);
  });

  it('group chat: removing the app ends its running group exercise; an app update (remove-upgrade) does not', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 3);
    const [trainer, member] = [channel.members[0]!, channel.members[1]!];
    const chat = { conversation: { id: '19:chat-1@thread.v2', conversationType: 'groupChat', isGroup: true }, channelData: {} };
    const inChat = () => connector.sent.filter((s) => s.conversationId === '19:chat-1@thread.v2' && s.method === 'POST');
    const mention = { text: '<at>Samenspel</at> groep', entities: [{ type: 'mention', text: '<at>Samenspel</at>', mentioned: { id: '28:samenspel-bot', name: 'Samenspel' } }] };
    await channel.send(trainer, { ...chat, ...mention });
    const startButton = buttons(cardOf(inChat().at(-1))).find((b) => b.title === 'Speel als ambtenaar')!.data;
    await channel.send(trainer, { ...chat, value: startButton });
    const { sessionId, momentId } = cardOf(inChat().at(-1)).actions[0].data;
    await channel.send(member, { ...chat, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'group.vote', data: { sessionId, momentId, choiceId: 'laat' } } } });

    // An app update is no removal: the exercise still runs, so a second start is refused.
    await channel.send(trainer, { ...chat, type: 'installationUpdate', action: 'remove-upgrade' });
    await channel.send(trainer, { ...chat, value: startButton });
    assert.match(inChat().at(-1)?.body.text ?? '', /^Er loopt hier al een groepsoefening/);
    await bot.group.updater.flush();
    const before = connector.sent.length;
    await channel.send(trainer, { ...chat, type: 'installationUpdate', action: 'remove' });
    assert.deepEqual(connector.sent.slice(before), []);
    // The app is back: the exercise that ran is over, so a new one can start.
    await channel.send(trainer, { ...chat, type: 'installationUpdate', action: 'add' });
    assert.match(cardText(cardOf(inChat().at(-1))), /^Welkom bij Samenspel/);
    await channel.send(trainer, { ...chat, ...mention });
    await channel.send(trainer, { ...chat, value: buttons(cardOf(inChat().at(-1))).find((b) => b.title === 'Speel als ambtenaar')!.data });
    assert.notEqual(cardOf(inChat().at(-1)).actions[0].data.sessionId, sessionId, 'a new group exercise started');
  });
});
