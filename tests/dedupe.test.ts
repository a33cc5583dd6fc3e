/**
 * Every activity once: Teams delivers an activity again (same id, same conversation) when a turn
 * takes longer than 15 s. A repeat is answered 200 with no reply and no effect. (Across two
 * instances: tests/instances.test.ts.)
 */
import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector } from './support/connector';
import { button, cardText, Participant } from './support/teams';

describe('every activity once', () => {
  let connector: LocalConnector;
  let bot: App;
  beforeEach(async () => {
    connector = await new LocalConnector().start();
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' });
  });
  afterEach(async () => {
    await bot.close();
    await connector.stop();
  });

  it('answers a re-delivered choice 200 with no reply, and counts the choice once', async () => {
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const moment = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card;
    const choice = anna.activity({ value: button(moment, 'A') });
    const first = await anna.send(choice);
    assert.match(cardText(first.replies[0]!.card), /^Jouw keuze/);
    const again = await anna.send(choice);
    assert.equal(again.status, 200);
    assert.deepEqual(again.replies, []);
    assert.match((await anna.say('status'))[0]!.text!, /Druk op "Verder"/);
  });

  it('answers a repeat that arrives while the first is still running with nothing', async () => {
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const moment = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card;
    const choice = anna.activity({ value: button(moment, 'A') });
    const [a, b] = await Promise.all([anna.send(choice), anna.send(choice)]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    const texts = connector.sent.filter((s) => s.conversationId === anna.conversationId).map((s) => s.body.text ?? cardText(s.body.attachments?.[0]?.content));
    assert.equal(texts.filter((t) => /^Jouw keuze/.test(t)).length, 1);
    assert.equal(texts.filter((t) => /al gekozen/.test(t)).length, 0, 'no visible extra reply');
  });

  it('answers a re-delivered vote 200 and counts it once; a new click by the same person still counts', async () => {
    const channel = new Channel(() => bot.url, connector, 2);
    const [trainer, p1] = channel.members;
    const catalogue = (await channel.mention(trainer!, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    // The briefing comes first; the shared moment card after it.
    const shared = sharedCardIn(await channel.submit(trainer!, button(catalogue, 'Speel als ambtenaar')));
    const { sessionId, momentId } = shared.actions.find((a: any) => a.verb === 'group.vote').data;
    const vote = {
      type: 'invoke', id: 'vote-activity-1', channelId: 'msteams', serviceUrl: connector.url, locale: 'nl-NL',
      from: p1, recipient: { id: '28:samenspel-bot', name: 'Samenspel' },
      conversation: { id: `${channel.channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: '72f988bf-0000-4000-8000-000000000001' },
      channelData: { tenant: { id: '72f988bf-0000-4000-8000-000000000001' }, team: { id: channel.teamId }, channel: { id: channel.channelId } },
      name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'group.vote', data: { sessionId, momentId, choiceId: 'laat' } }, trigger: 'manual' },
    };
    const post = () => fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(vote) });
    const first = await post();
    assert.match(cardText(((await first.json()) as { value: Record<string, unknown> }).value), /Jouw keuze/);
    const again = await post();
    assert.equal(again.status, 200);
    assert.equal(await again.text(), '');
    const reveal = await channel.invoke(trainer!, 'group.reveal', { sessionId, momentId });
    assert.match(cardText(reveal.body?.value), /Onthuld · 1 keuze/);
  });
});
