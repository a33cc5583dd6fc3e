/**
 * Teams clients leave out the keys of empty inputs in Action.Submit data (Input.Time on desktop, a
 * ChoiceSet or Toggle on some clients). Every card with inputs is taken from the bot as it sends
 * it, then submitted through the HTTP endpoint once with every input and once with each input left
 * out: the outcome must be the one of the card's default, never "I do not recognise that button".
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { App } from '../src/app';
import { strings } from '../src/i18n';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { LocalConnector, type SentActivity } from './support/connector';
import { buttons, cardText, Participant } from './support/teams';

const CARDS = path.join(__dirname, '..', 'cards');
const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const cardOf = (s: { body: any } | undefined) => s?.body.attachments?.[0]?.content;

/** The inputs of a card and the value each shows preselected. */
function inputsOf(card: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) out.set(node.id, node.value ?? '');
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out;
}

/** What Teams posts for a submit button: the button's data with the card's inputs merged in. */
const submitted = (data: Record<string, unknown>, inputs: Map<string, unknown>, leaveOut?: string) =>
  Object.fromEntries([...Object.entries(Object.fromEntries(inputs)), ...Object.entries(data)].filter(([k]) => k !== leaveOut));

describe('card inputs that the Teams client leaves out', () => {
  let connector: LocalConnector;
  let bot: App;
  let now = DateTime.fromISO('2026-11-30T16:00', { zone: 'Europe/Amsterdam' }).toJSDate();
  /** Card file → the inputs a scenario below submitted with each one left out. */
  const covered = new Map<string, Set<string>>();
  const cover = (card: string, inputs: Iterable<string>) => covered.set(card, new Set([...(covered.get(card) ?? []), ...inputs]));

  before(async () => {
    connector = await new LocalConnector().start();
    // The real exercise library: with more than six cases the catalogue shows its filter inputs.
    bot = await startTestBot({ CONTENT_DIR: path.join(__dirname, '..', 'dialogs'), CONTENT_PACKS: '', FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
  });
  after(async () => {
    await bot.close();
    await connector.stop();
  });

  /**
   * Runs `outcome` for the full submit and for each input left out, on a fresh conversation each
   * time, and expects the same outcome every time.
   */
  async function eachLeftOut(card: string, inputs: Map<string, unknown>, outcome: (leaveOut?: string) => Promise<string>) {
    assert.ok(inputs.size > 0, `${card} shows no inputs`);
    const full = await outcome();
    assert.ok(!full.includes(strings('nl').replies.badPayload), `the full submit of ${card} was refused`);
    for (const id of inputs.keys()) assert.equal(await outcome(id), full, `${card} without "${id}"`);
    cover(card, inputs.keys());
  }

  it('filters the catalogue with the level or the theme left out', async () => {
    const anna = new Participant(() => bot.url, connector);
    const catalogue = (await anna.say('oefeningen'))[0]!.card;
    const filter = buttons(catalogue).find((b) => b.data.verb === 'catalogue')!.data;
    await eachLeftOut('catalogue.json', inputsOf(catalogue), async (leaveOut) => cardText((await anna.click(submitted(filter, inputsOf(catalogue), leaveOut)))[0]?.card));
  });

  it('signs a participant up in 1:1 chat with any input of the sign-up card left out (the reported case: no "time")', async () => {
    let setup: unknown;
    await eachLeftOut('followup-setup.json', inputsOf((await new Participant(() => bot.url, connector).say('vervolg'))[0]!.card), async (leaveOut) => {
      const emma = new Participant(() => bot.url, connector, 'Emma');
      setup = (await emma.say('vervolg'))[0]!.card;
      const answer = await emma.click(submitted(buttons(setup as object)[0]!.data, inputsOf(setup), leaveOut));
      return `${answer[0]?.text} / ${(await emma.say('vervolg status'))[0]?.text}`;
    });
  });

  it('starts a group exercise and a follow-up series with any input left out', async () => {
    const start = async (leaveOut?: string) => {
      const channel = new Channel(() => bot.url, connector, 3);
      const trainer = channel.members[0]!;
      const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
      const play = buttons(catalogue).find((b) => b.data.verb === 'group.start')!.data;
      const shared = sharedCardIn(await channel.submit(trainer, submitted(play, inputsOf(catalogue), leaveOut)));
      return { channel, trainer, catalogue, shared };
    };
    // Each session shows the choices in an order of its own (issue 12): compare the lines, not their order.
    const content = (card: unknown) => cardText(card as Record<string, unknown>).split('\n').map((line) => line.replace(/^\*\*[A-D]\.\*\* /, '')).sort().join('\n');
    await eachLeftOut('group-catalogue.json', inputsOf((await start()).catalogue), async (leaveOut) => content((await start(leaveOut)).shared));

    const setupAfterWorkshop = async () => {
      const { channel, trainer, shared } = await start();
      const vote = buttons(shared).find((b) => b.data.verb === 'group.vote')!.data;
      const { sessionId, momentId, choiceId } = vote;
      for (const m of channel.members.slice(1)) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId });
      await channel.invoke(trainer, 'group.finish', { sessionId, momentId });
      const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
      return { channel, trainer, setup };
    };
    await eachLeftOut('followup-setup.json', inputsOf((await setupAfterWorkshop()).setup), async (leaveOut) => {
      const { channel, trainer, setup } = await setupAfterWorkshop();
      return String(posts(await channel.submit(trainer, submitted(buttons(setup)[0]!.data, inputsOf(setup), leaveOut)))[0]?.body.text);
    });
  });

  it('has submitted every input of every card with that input left out', () => {
    for (const file of fs.readdirSync(CARDS).filter((f) => f.endsWith('.json'))) {
      const inputs = inputsOf(JSON.parse(fs.readFileSync(path.join(CARDS, file), 'utf8')));
      for (const id of inputs.keys()) assert.ok(covered.get(file)?.has(id), `${file}: input "${id}" was never left out in a test above`);
    }
  });

  it('names the missing field when a known button arrives without its data, and changes nothing', async () => {
    const anna = new Participant(() => bot.url, connector);
    const before = JSON.stringify(await bot.dump());
    assert.equal((await anna.click({ verb: 'choose', runId: 'r1', momentId: 'm1' }))[0]?.text, strings('nl').replies.incompletePayload('"choiceId"'));
    assert.equal((await anna.click({ verb: 'choose', runId: 'r1', momentId: 'm1' }))[0]?.text, 'Deze klik kwam zonder geldige waarde voor "choiceId"; er is niets veranderd. Probeer het opnieuw, of typ "help" als je vastzit.');
    assert.equal((await anna.click({ verb: 'launch.rockets' }))[0]?.text, strings('nl').replies.badPayload);
    const channel = new Channel(() => bot.url, connector, 2);
    const answer = await channel.invoke(channel.members[0]!, 'group.vote', { sessionId: 's1' });
    assert.equal(answer.body?.value, strings('nl').replies.incompletePayload('"momentId", "choiceId"'));
    // Only the conversation's bookkeeping may change; no run, vote or enrolment appears.
    const after = await bot.dump();
    for (const table of ['runs', 'group_votes', 'followup_enrolments']) assert.deepEqual(after[table], JSON.parse(before)[table], table);
  });
});
