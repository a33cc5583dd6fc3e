import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { LocalConnector, type SentActivity } from './support/connector';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { buttons, cardText, letterOf } from './support/teams';

const cardOf = (s: SentActivity | undefined) => s?.body.attachments?.[0]?.content;
const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const NOTES = /Voor de trainer \(alleen jij ziet dit\)/;
const BACKGROUND = /De actieve informatieplicht van het college aan de raad \(art\. 169 Gemeentewet\)\./;

describe('trainer notes in a group exercise', () => {
  let connector: LocalConnector;
  let bot: App;
  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());
  afterEach(async () => bot?.close());

  it('shows the trainer notes in the trainer\'s own view only, never on the shared card or to a participant', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 4);
    const trainer = channel.members[0]!;
    const participant = channel.members[1]!;
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    assert.match(cardText(catalogue), /Een kleine casus\n.*\n5 min · gemeente · gevorderd/);
    const start = buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data;
    // The briefing comes first; the shared moment card after it.
    const shared = sharedCardIn(await channel.submit(trainer, { ...start, showMissing: 'false' }));
    const { sessionId, momentId } = shared.actions.find((a: any) => a.verb === 'group.vote').data;
    assert.doesNotMatch(cardText(shared), NOTES);
    assert.doesNotMatch(JSON.stringify(shared), /informatieplicht/);

    // Teams asks for each member's own view (refresh); only the trainer's carries the notes, folded away.
    const own = (await channel.invoke(trainer, 'group.refresh', { sessionId, momentId })).body?.value;
    const text = cardText(own);
    assert.match(text, NOTES);
    assert.match(text, BACKGROUND);
    assert.match(text, /Waarover trainers en deelnemers van mening verschillen\n- Is een half verhaal vroeg beter dan een heel verhaal laat\?/);
    assert.match(text, /Vragen voor de nabespreking van de casus\n- Wanneer wist de wethouder genoeg om de raad te informeren\?\n- Wat had de adviseur nodig om eerder te bellen\?/);
    assert.match(JSON.stringify(own), /"type":"Action.ToggleVisibility","title":"Trainersnotities","targetElements":\["trainer-notes"\]/);

    const theirs = (await channel.invoke(participant, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' })).body?.value;
    assert.match(cardText(theirs), new RegExp(`Jouw keuze: ${letterOf(shared, 'vroeg')}\\.`));
    assert.doesNotMatch(JSON.stringify(theirs), /informatieplicht/);

    // The trainer's reveal answers with their own view: the notes stay; the shared edits never get them.
    const mark = channel.mark();
    const revealed = (await channel.invoke(trainer, 'group.reveal', { sessionId, momentId })).body?.value;
    assert.match(cardText(revealed), BACKGROUND);
    await bot.group.updater.flush();
    const edits = channel.sentSince(mark).filter((s) => s.method === 'PUT');
    assert.ok(edits.length > 0, 'the shared card was edited after the reveal');
    for (const edit of edits) assert.doesNotMatch(JSON.stringify(edit.body), /informatieplicht/);
  });
});
