/**
 * Seeded fuzz through the HTTP endpoint: 10,000 generated activities of every shape. The
 * process must not crash, must answer no 5xx, and an exercise and a group exercise in progress
 * stay intact and playable.
 */
import { strict as assert } from 'node:assert';
import pino from 'pino';
import type { App } from '../src/app';
import { LocalConnector } from './support/connector';
import { startTestBot } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { button, buttons, cardText, choice, Participant } from './support/teams';

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);

/** mulberry32: small, fast, seeded. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz: 10,000 generated activities through the HTTP endpoint', function () {
  this.timeout(120_000);
  let connector: LocalConnector;
  let bot: App;
  before(async () => {
    connector = await new LocalConnector().start();
    // 10,000 activities into a few conversations: Teams' pacing would stretch this over hours.
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false', OUTGOING_PACING: 'off' }, process.env.FUZZ_DEBUG ? pino({ level: 'error' }) : undefined);
  });
  after(async () => {
    await bot.close();
    await connector.stop();
  });

  it('never crashes, answers no 5xx, and leaves exercises in progress intact', async () => {
    // In progress before the storm: Anna at moment 2 of a 1:1 exercise, and a group exercise with two votes.
    const anna = new Participant(() => bot.url, connector, 'Anna');
    let card = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card;
    card = (await anna.click(choice(card, 'vroeg')))[0]!.card;
    const second = (await anna.click(button(card, 'Verder')))[0]!.card;
    const channel = new Channel(() => bot.url, connector, 4);
    const trainer = channel.members[0]!;
    const catalogue = (await channel.mention(trainer, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue)[0]!.data));
    const { sessionId, momentId } = shared.actions[0].data;
    await channel.invoke(channel.members[1]!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    await channel.invoke(channel.members[2]!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    const annaRun = buttons(second)[0]!.data.runId as string;

    const random = rng(20261128);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const odd = ['', ' ', '\u0000', '\u202e', '🙂'.repeat(50), 'ÅÄÖ', '\ud800', '<at>x</at>', '${x}', '{{x}}', 'null', '0', '-1', 'stopp', 'hallo?!', 'x'.repeat(20_000), '\\"', '%s%s%s'];
    const junk = (depth = 0): unknown => {
      const r = random();
      if (depth > 2 || r < 0.3) return pick(odd);
      if (r < 0.4) return Math.floor(random() * 1e9) - 5e8;
      if (r < 0.5) return random() < 0.5;
      if (r < 0.55) return null;
      if (r < 0.75) return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(['verb', 'runId', 'momentId', 'choiceId', 'sessionId', 'action', 'data', pick(odd)]), junk(depth + 1)]));
    };
    const staleIds = { runId: [annaRun.slice(0, -1) + 'x', 'run-1', ''], sessionId: [sessionId.slice(0, -1) + '0', 'nope'], momentId: ['een', 'twee', 'omweg', 'x'] };
    const payload = (): unknown => {
      const verb = pick(['choose', 'next', 'catalogue', 'help', 'results', 'group.vote', 'group.reveal', 'group.next', 'group.finish', 'group.missing', 'micro.choose', 'followup.create', 'privacy', pick(odd)]);
      if (random() < 0.3) return junk();
      return { verb, runId: pick(staleIds.runId), momentId: pick(staleIds.momentId), choiceId: pick(['vroeg', 'laat', 'x', 42]), sessionId: pick(staleIds.sessionId), deliveryId: pick(['d', '']), level: pick(['rijk', 'mars', '']) };
    };
    const conversations = [anna.conversationId, `${channel.channelId};messageid=1`, 'a:someone-else', pick(odd)];
    const generate = (): unknown => {
      if (random() < 0.05) return junk();
      const type = pick(['message', 'message', 'invoke', 'conversationUpdate', 'installationUpdate', 'typing', 'event', 'messageReaction', pick(odd)]);
      const activity: Record<string, unknown> = {
        type,
        id: random() < 0.9 ? `f-${Math.floor(random() * 1e9)}` : junk(),
        channelId: random() < 0.95 ? 'msteams' : junk(),
        serviceUrl: random() < 0.95 ? connector.url : junk(),
        locale: pick(['nl-NL', 'en-US', 'xx', '', 42]),
        from: random() < 0.95 ? { id: `29:fuzz-${Math.floor(random() * 50)}`, aadObjectId: random() < 0.5 ? undefined : pick(odd), name: pick(odd) } : junk(),
        recipient: { id: '28:samenspel-bot' },
        conversation: random() < 0.95 ? { id: pick(conversations), conversationType: pick(['personal', 'channel', 'groupChat', 'weird', undefined]), tenantId: pick(['t', undefined]) } : junk(),
      };
      if (type === 'message') {
        if (random() < 0.5) activity.text = random() < 0.5 ? pick(odd) : Array.from({ length: 1 + Math.floor(random() * 30) }, () => String.fromCharCode(32 + Math.floor(random() * 1000))).join('');
        else activity.value = payload();
      }
      if (type === 'invoke') {
        activity.name = pick(['adaptiveCard/action', 'task/fetch', pick(odd)]);
        activity.value = random() < 0.7 ? { action: { type: 'Action.Execute', verb: pick(['group.vote', 'group.reveal', 'group.next', 'x']), data: payload() } } : junk();
      }
      if (type === 'conversationUpdate') activity.membersAdded = random() < 0.5 ? [{ id: '28:samenspel-bot' }] : junk();
      if (random() < 0.1) delete activity[pick(Object.keys(activity))];
      return activity;
    };

    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < COUNT) {
        next++;
        const body = random() < 0.01 ? '{"broken": ' : JSON.stringify(generate());
        const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 501 && process.env.FUZZ_DEBUG) console.log(body.slice(0, 400));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    console.log(`      fuzz: ${COUNT} activities, answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    assert.equal([...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0), 0, 'no 5xx');
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
    // Anna continues where she was.
    assert.match(String((await anna.say('status'))[0]?.text), /moment 2 van 2/);
    assert.match(cardText((await anna.click(choice(second, 'dossier')))[0]?.card), /Volledig\. Maar te lang voor de raad\./);
    // The group exercise still counts exactly its votes and can go on.
    await channel.invoke(channel.members[3]!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    const revealed = await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    assert.match(cardText(revealed.body?.value), /Onthuld · 3 keuzes/);
  });
});
