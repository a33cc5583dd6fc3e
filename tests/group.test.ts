import { strict as assert } from 'node:assert';
import type { App } from '../src/app';
import { LocalConnector, type SentActivity } from './support/connector';
import { startTestBot, tempDataDir } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { buttons, cardText, letterOf, Participant } from './support/teams';
import { chartsOf, figuresOf, valuesOf } from './support/charts';

const cardOf = (s: SentActivity | undefined) => s?.body.attachments?.[0]?.content;
const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const edits = (sent: SentActivity[]) => sent.filter((s) => s.method === 'PUT');

/** Waits until the coalesced edits have settled (no edit pending), then returns all edits since `from`. */
async function settledEdits(bot: App, channel: Channel, from: number): Promise<SentActivity[]> {
  await bot.group.updater.flush();
  return edits(channel.sentSince(from));
}

describe('group exercises in a channel, led by a trainer', () => {
  let connector: LocalConnector;
  let bot: App;
  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());
  afterEach(async () => bot?.close());

  /** The trainer starts the fixture case as the ambtenaar; returns the shared card and the session id. */
  async function startGroup(channel: Channel, showMissing = false) {
    const trainer = channel.members[0]!;
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    assert.match(cardText(catalogue), /^Groepsoefening starten/);
    const start = buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data;
    const sent = await channel.submit(trainer, { ...start, showMissing: String(showMissing) });
    // First the briefing (the key facts before anyone votes), then the shared moment card.
    const briefing = cardOf(posts(sent)[0]);
    const shared = cardOf(posts(sent)[1]);
    const vote = shared.actions.find((a: any) => a.verb === 'group.vote');
    return { trainer, briefing, shared, sessionId: vote.data.sessionId as string, momentId: vote.data.momentId as string };
  }

  it('runs a whole group exercise: shared card, personal votes, reveal, next moment, summary', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 12);
    const { trainer, briefing, shared, sessionId, momentId } = await startGroup(channel);
    assert.equal(cardText(briefing), [
      'Een kleine casus', 'Groepsoefening · briefing · de groep is de ambtenaar',
      'De groep: beleidsadviseur. Tegenover jullie: Anna, wethouder Wonen.', 'Je bent adviseur. Er is nieuws.',
      'Het eerste moment volgt hieronder; kies daar samen.',
    ].join('\n'));
    assert.deepEqual(buttons(briefing), [], 'the group briefing has no buttons: the vote is on the moment card');
    const text = cardText(shared);
    assert.match(text, /Groepsoefening · moment 1 van 2 · de groep is de ambtenaar/);
    assert.match(text, /Wat weten we\?/);
    assert.match(text, /0 van de 12 hebben gekozen/);
    assert.equal(shared.refresh.userIds.length, 12);
    assert.deepEqual(shared.actions.map((a: any) => [a.type, a.title, a.fallback?.type]), [
      ['Action.Execute', 'A', 'Action.Submit'],
      ['Action.Execute', 'B', 'Action.Submit'],
      ['Action.Execute', 'Onthul (trainer)', 'Action.Submit'],
    ]);

    // The choices are shown in the session's own order: one order for the whole group, on every card.
    const [V, L] = [letterOf(shared, 'vroeg'), letterOf(shared, 'laat')];
    const labels = (card: any) => cardText(card).split('\n').filter((line) => /^\*\*[A-D]\.\*\*/.test(line));
    assert.deepEqual(labels(shared).sort(), [`**${V}.** Meteen vertellen.`, `**${L}.** Eerst uitzoeken.`].sort());

    // Eight participants choose; one changes their mind, one double-clicks.
    const mark = channel.mark();
    const [p1, p2, ...rest] = channel.members.slice(1, 9);
    const first = await channel.invoke(p1!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    assert.equal(first.body?.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(first.body?.value), new RegExp(`Jouw keuze: ${V}\\. Je kunt nog wisselen tot de trainer onthult\\.`));
    assert.deepEqual(labels(first.body?.value), labels(shared), 'the personal view shows the shared order');
    assert.ok(buttons(first.body?.value).every((b) => b.data.verb === 'group.vote'), 'a participant sees no trainer buttons');
    const changed = await channel.invoke(p1!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    assert.match(cardText(changed.body?.value), new RegExp(`Jouw keuze: ${L}\\.`));
    await channel.invoke(p2!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    await channel.invoke(p2!, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    for (const [i, member] of rest.entries()) await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: i < 3 ? 'vroeg' : 'laat' });

    const counted = await settledEdits(bot, channel, mark);
    assert.match(cardText(cardOf(counted.at(-1))), /8 van de 12 hebben gekozen/);
    assert.ok(!/Deelnemer/.test(JSON.stringify(counted.map((e) => e.body))), 'the shared card shows no names');

    // Someone else presses "Onthul": a polite personal note, nothing changes.
    const notYou = await channel.invoke(p2!, 'group.reveal', { sessionId, momentId });
    assert.deepEqual(notYou.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Alleen de trainer die deze groepsoefening startte kan dit doen. Er is niets veranderd.' });

    // The trainer reveals: the spread, the feedback per choice, what the other role heard, a debrief question.
    const revealed = await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    const view = cardText(revealed.body?.value);
    assert.match(view, new RegExp(`\\*\\*${V}\\.\\*\\* Meteen vertellen\\.\\nVroeg is goed\\. Zij hoort het van jou\\.\\nAnna: Anna is opgelucht\\.`));
    // The spread per choice: a horizontal bar chart of the counts, and as its fallback the same
    // figures as text bars, in letter order, for clients that do not render charts.
    const bars = [`${V}  █+░* 3 \\(38%\\)`, `${L}  █+░* 5 \\(63%\\)`].sort();
    assert.match(view, new RegExp(`Zo koos de groep\\n${bars.join('\\n')}\\n`));
    const [spread, ...others] = chartsOf(revealed.body?.value);
    assert.equal(others.length, 0);
    assert.equal(spread!.type, 'Chart.HorizontalBar');
    assert.deepEqual(figuresOf(spread!), { [`${V}. Meteen vertellen.`]: 3, [`${L}. Eerst uitzoeken.`]: 5 });
    assert.deepEqual(chartsOf(cardOf(counted.at(-1))), [], 'no chart before the reveal: the votes stay secret until then');
    assert.deepEqual(labels(revealed.body?.value), labels(shared), 'the reveal uses the same letters');
    assert.match(view, /3 \(38%\)/);
    assert.match(view, /5 \(63%\)/);
    assert.match(view, /Vroeg is goed\. Zij hoort het van jou\./);
    assert.match(view, /Anna: Anna wordt ongerust\./);
    assert.match(view, /Onthuld · 8 keuzes/);
    assert.match(view, /Om samen te bespreken\nWanneer is informeren af\?/);
    assert.deepEqual(buttons(revealed.body?.value).map((b) => b.title), ['Volgend moment (trainer)', 'Afronden (trainer)']);

    // After the reveal a vote is stale and changes nothing.
    const late = await channel.invoke(channel.members[10]!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    assert.equal(late.body?.value, 'Dat moment is al onthuld of voorbij; er is niets veranderd. Kies op de nieuwste kaart.');

    // Next: the group follows the majority ("laat"), which leads to the branch moment.
    const beforeNext = channel.mark();
    await channel.invoke(trainer, 'group.next', { sessionId, momentId });
    const next = cardOf(posts(channel.sentSince(beforeNext))[0]);
    assert.match(cardText(next), /Waarom duurt het zo lang\?/);
    assert.match(cardText(next), /moment 2 van 3/);
    const omweg = next.actions.find((a: any) => a.verb === 'group.vote').data.momentId;
    // An old card's button is stale now.
    const oldClick = await channel.invoke(p1!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    assert.equal(oldClick.body?.value, 'Dat moment is al onthuld of voorbij; er is niets veranderd. Kies op de nieuwste kaart.');
    // A late joiner can still choose on the current moment.
    const joiner = channel.members[11]!;
    assert.match(cardText((await channel.invoke(joiner, 'group.vote', { sessionId, momentId: omweg, choiceId: 'sorry' })).body?.value), new RegExp(`Jouw keuze: ${letterOf(next, 'sorry')}\\.`));
    await channel.invoke(trainer, 'group.reveal', { sessionId, momentId: omweg });
    const beforeThird = channel.mark();
    await channel.invoke(trainer, 'group.next', { sessionId, momentId: omweg });
    const third = cardOf(posts(channel.sentSince(beforeThird))[0]);
    const twee = third.actions.find((a: any) => a.verb === 'group.vote').data.momentId;
    await channel.invoke(p1!, 'group.vote', { sessionId, momentId: twee, choiceId: 'verhaal' });

    // Finish: a group summary with the spread per moment, the group's profile and the debrief questions.
    const beforeFinish = channel.mark();
    await channel.invoke(trainer, 'group.finish', { sessionId, momentId: twee });
    const summaryCard = cardOf(posts(channel.sentSince(beforeFinish))[0]);
    const summary = cardText(summaryCard);
    assert.match(summary, /^Groepssamenvatting\nEen kleine casus · de groep als ambtenaar · 9 deelnemers/);
    assert.match(summary, /Moment 1: Wat weten we\?/);
    assert.match(summary, /Moment 2: Waarom duurt het zo lang\?/);
    assert.match(summary, /Profiel van de groep \(gemiddeld\)\nTiming/);
    // As charts: the spread of each moment played (counts), then the group's profile per dimension,
    // each number the same as in the text bars of its fallback.
    const charts = chartsOf(summaryCard);
    assert.equal(charts.length, 4);
    assert.deepEqual(figuresOf(charts[0]!), { [`${V}. Meteen vertellen.`]: 3, [`${L}. Eerst uitzoeken.`]: 5 });
    assert.equal(valuesOf(charts[1]!).reduce((a, b) => a + b, 0), 1, 'moment 2: the late joiner\'s one vote');
    assert.equal(valuesOf(charts[2]!).reduce((a, b) => a + b, 0), 1, 'moment 3: one vote before the trainer finished');
    const profile = figuresOf(charts[3]!);
    assert.deepEqual(Object.keys(profile), ['Timing', 'Vertalen']);
    for (const [name, score] of Object.entries(profile)) assert.match(summary, new RegExp(`${name}\\n█*░*\\n${score}\\n`));
    assert.match(summary, /Vragen voor de nabespreking\n• Wanneer is informeren af\?/);
    const afterwards = await channel.invoke(p1!, 'group.vote', { sessionId, momentId: twee, choiceId: 'dossier' });
    assert.equal(afterwards.body?.value, 'Deze groepsoefening is al afgerond; er is niets veranderd.');

    // In 1:1 chat, "mijn resultaten" includes the group exercise.
    const own = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1!.id, aadObjectId: p1!.aadObjectId });
    const results = cardText((await own.say('mijn resultaten'))[0]?.card);
    assert.match(results, /Een kleine casus \(groep, als ambtenaar\)/);
  });

  it('counts a group exercise the trainer finished early as partial: only the moments played, no score for a dimension they did not touch', async () => {
    bot = await startTestBot({ CONTENT_PACKS: 'good,lang' });
    const channel = new Channel(() => bot.url, connector, 4);
    const trainer = channel.members[0]!;
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    const start = buttons(catalogue).find((b) => b.data.exerciseId === 'lange-briefing')!.data;
    const sent = posts(await channel.submit(trainer, start));
    assert.match(cardText(cardOf(sent[0])), /Groepsoefening · briefing · de groep is de ambtenaar\nDe groep: beleidsadviseur Water\. Tegenover jullie: Carla, gedeputeerde Water\.\nJe bent beleidsadviseur bij de provincie\./);
    const vote = cardOf(sent[1]).actions.find((a: any) => a.verb === 'group.vote').data;
    const [p1, p2] = channel.members.slice(1);
    await channel.invoke(p1!, 'group.vote', { ...vote, choiceId: 'meteen' });
    await channel.invoke(p2!, 'group.vote', { ...vote, choiceId: 'later' });
    // The trainer finishes after moment 1 of 2: moment 2 (the only one that trains Vertalen) is never played.
    const beforeFinish = channel.mark();
    await channel.invoke(trainer, 'group.finish', { sessionId: vote.sessionId, momentId: vote.momentId });
    // The summary shortens long texts at a word, with an ellipsis ("…van vanmiddag met…", not "…m…").
    const summaryCard = cardOf(posts(channel.sentSince(beforeFinish))[0]);
    const summary = cardText(summaryCard);
    assert.match(summary, /\nMoment 1: Goedemorgen\. Is er nog iets dat ik moet weten voor de Statenvergadering van vanmiddag met…\n/);

    const own = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1!.id, aadObjectId: p1!.aadObjectId });
    const results = cardText((await own.say('mijn resultaten'))[0]?.card);
    assert.match(results, /Timing\n█+░*\n100/);
    assert.ok(!/Vertalen/.test(results), `no score for a dimension no played moment trained: ${results}`);
    assert.match(results, /Een lange briefing\n100 \(ingekort\)\nnog niet/);
    assert.match(results, /Ingekort: de trainer rondde die groepsoefening af voor het laatste moment\./);
    assert.match(results, /Een lange briefing \(groep, als ambtenaar, ingekort\)/);
  });

  for (const [locale, one, three] of [['nl-NL', '1 van de 6 heeft gekozen', '3 van de 6 hebben gekozen'], ['en-GB', '1 of 6 has chosen', '3 of 6 have chosen']] as const) {
    it(`counts the choices in words that agree with the number (${locale}): "${one}", "${three}"`, async () => {
      bot = await startTestBot();
      const channel = new Channel(() => bot.url, connector, 6, locale);
      const trainer = channel.members[0]!;
      const catalogue = cardOf(posts(await channel.mention(trainer, locale === 'nl-NL' ? 'groep' : 'group'))[0]);
      const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue)[0]!.data));
      const { sessionId, momentId } = shared.actions[0].data;
      const mark = channel.mark();
      await channel.invoke(channel.members[1]!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
      assert.match(cardText(cardOf((await settledEdits(bot, channel, mark)).at(-1))), new RegExp(one));
      for (const m of channel.members.slice(2, 4)) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
      assert.match(cardText(cardOf((await settledEdits(bot, channel, mark)).at(-1))), new RegExp(three));
    });
  }

  it('shows each moment in one order for the whole group, kept with the session across a restart', async () => {
    const dataDir = tempDataDir();
    bot = await startTestBot({ DATA_DIR: dataDir });
    const channel = new Channel(() => bot.url, connector, 4);
    // Sessions differ: over a few starts both orders of the first moment turn up.
    const seen = new Set<string>();
    let group = await startGroup(channel);
    const order = (card: any) => buttons(card).filter((b) => b.data.verb === 'group.vote').map((b) => `${b.title}=${b.data.choiceId}`).join(' ');
    for (let i = 0; i < 30 && seen.size < 2; i++) {
      seen.add(order(group.shared));
      if (seen.size === 2) break;
      await channel.invoke(group.trainer, 'group.finish', { sessionId: group.sessionId, momentId: group.momentId });
      group = await startGroup(channel);
    }
    assert.deepEqual([...seen].sort(), ['A=laat B=vroeg', 'A=vroeg B=laat']);

    const { trainer, shared, sessionId, momentId } = group;
    await bot.close();
    bot = await startTestBot({ DATA_DIR: dataDir });
    // Every participant's view, and the reveal, in the order of the shared card posted before the restart.
    for (const member of channel.members.slice(1)) {
      const mine = await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
      assert.equal(order(mine.body?.value), order(shared));
      assert.match(cardText(mine.body?.value), new RegExp(`Jouw keuze: ${letterOf(shared, 'laat')}\\.`));
    }
    const revealed = cardText((await channel.invoke(trainer, 'group.reveal', { sessionId, momentId })).body?.value);
    assert.match(revealed, new RegExp(`\\n${letterOf(shared, 'laat')}  █+ 3 \\(100%\\)\\n`));
    assert.match(revealed, new RegExp(`\\*\\*${letterOf(shared, 'laat')}\\.\\*\\* Eerst uitzoeken\\.\\n`));
  });

  it('lets the trainer see who has not chosen, only when started with that option', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 4);
    const anonymous = await startGroup(channel, false);
    const off = await channel.invoke(anonymous.trainer, 'group.missing', { sessionId: anonymous.sessionId, momentId: anonymous.momentId });
    assert.equal(off.body?.value, 'Deze groepsoefening is gestart zonder "wie nog niet": de groep blijft anoniem.');
    await channel.invoke(anonymous.trainer, 'group.finish', { sessionId: anonymous.sessionId, momentId: anonymous.momentId });

    const open = await startGroup(channel, true);
    assert.ok(open.shared.actions.some((a: any) => a.verb === 'group.missing'));
    await channel.invoke(channel.members[1]!, 'group.vote', { sessionId: open.sessionId, momentId: open.momentId, choiceId: 'vroeg' });
    const missing = await channel.invoke(open.trainer, 'group.missing', { sessionId: open.sessionId, momentId: open.momentId });
    assert.equal(missing.body?.value, 'Nog niet gekozen: Deelnemer 3, Deelnemer 4.');
    const notYou = await channel.invoke(channel.members[2]!, 'group.missing', { sessionId: open.sessionId, momentId: open.momentId });
    assert.match(String(notYou.body?.value), /Alleen de trainer/);
  });

  it('runs one group exercise per channel, refuses cards from another conversation, and honours TRAINERS', async () => {
    const trainer = new Channel(() => '', connector, 1).members[0]!;
    bot = await startTestBot({ TRAINERS: trainer.aadObjectId });
    const channel = new Channel(() => bot.url, connector, 3);
    channel.members[0] = trainer;
    connector.members.set(channel.teamId, channel.members);
    const { sessionId, momentId } = await startGroup(channel);

    const again = await channel.mention(trainer, 'groep');
    const start = buttons(cardOf(posts(again)[0])).find((b) => b.title === 'Speel als bestuurder')!.data;
    assert.equal(posts(await channel.submit(trainer, start))[0]?.body.text, 'Er loopt hier al een groepsoefening ("Een kleine casus"). De trainer rondt die eerst af met "Afronden".');

    const notTrainer = await channel.submit(channel.members[1]!, start);
    assert.equal(posts(notTrainer)[0]?.body.text, 'Alleen trainers kunnen een groepsoefening starten. Vraag je trainer om te beginnen.');

    const elsewhere = new Channel(() => bot.url, connector, 2);
    const foreign = await elsewhere.invoke(elsewhere.members[0]!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    assert.equal(foreign.body?.value, 'Deze kaart hoort bij een ander gesprek; er is niets veranderd.');
    const malformed = await channel.invoke(channel.members[1]!, 'group.vote', { sessionId });
    assert.equal(malformed.body?.type, 'application/vnd.microsoft.activity.message');
    assert.equal(malformed.status, 200);
  });

  it('counts a burst of 300 votes within a second exactly once each, with at most one edit per second', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot.url, connector, 300);
    const { sessionId, momentId, shared } = await startGroup(channel);
    assert.equal(shared.refresh, undefined, 'no per-user refresh above 60 members');
    const mark = channel.mark();
    const started = Date.now();
    // Everyone clicks at once; a third of them double-click.
    const clicks = channel.members.flatMap((m, i) => {
      const vote = () => channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: i % 2 ? 'vroeg' : 'laat' });
      return i % 3 === 0 ? [vote(), vote()] : [vote()];
    });
    const answers = await Promise.all(clicks);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(answers.every((a) => a.status === 200 && a.body?.type === 'application/vnd.microsoft.card.adaptive'));
    const all = await settledEdits(bot, channel, mark);
    assert.match(cardText(cardOf(all.at(-1))), /300 van de 300 hebben gekozen/);
    const elapsed = (Date.now() - started) / 1000;
    assert.ok(all.length <= Math.ceil(elapsed) + 1, `${all.length} edits in ${elapsed.toFixed(1)} s`);
    const revealed = await channel.invoke(channel.members[0]!, 'group.reveal', { sessionId, momentId });
    assert.match(cardText(revealed.body?.value), /150 \(50%\)/);
    assert.match(cardText(revealed.body?.value), /Onthuld · 300 keuzes/);
    assert.ok(seconds < 30);
  });

  it('ends a group exercise that has been idle for the configured time, and says so', async () => {
    let now = new Date('2026-11-30T09:00:00Z');
    const connectorMark = connector.sent.length;
    bot = await startTestBot({ GROUP_IDLE_MINUTES: '30' }, undefined, () => now);
    const channel = new Channel(() => bot.url, connector, 3);
    const { sessionId, momentId } = await startGroup(channel);
    now = new Date('2026-11-30T09:20:00Z');
    assert.equal(await bot.group.endIdle(), 0);
    now = new Date('2026-11-30T09:31:00Z');
    assert.equal(await bot.group.endIdle(), 1);
    assert.ok(connector.sent.slice(connectorMark).some((s) => s.body.text === 'De groepsoefening "Een kleine casus" is gestopt na 30 minuten zonder activiteit.'));
    const after = await channel.invoke(channel.members[1]!, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
    assert.equal(after.body?.value, 'Deze groepsoefening is al afgerond; er is niets veranderd.');
  });
});
