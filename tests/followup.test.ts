import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { App } from '../src/app';
import { LocalConnector, type Member, type SentActivity } from './support/connector';
import { startTestBot, tempDataDir } from './support/bot';
import { Channel, sharedCardIn } from './support/channel';
import { buttons, cardText, choice as buttonFor, letterOf, Participant } from './support/teams';
import { chartsOf, figuresOf } from './support/charts';

const env = { FOLLOWUP_ENABLED: 'false', FOLLOWUP_MAX_ATTEMPTS: '4' };
const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
const cardOf = (s: { body: any } | undefined) => s?.body.attachments?.[0]?.content;
const amsterdam = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();

describe('follow-up micro-exercises after a workshop', () => {
  let connector: LocalConnector;
  let bot: App;
  let now: Date;
  const clock = () => now;
  beforeEach(async () => {
    connector = await new LocalConnector().start();
    now = amsterdam('2026-11-30T16:00'); // a Monday afternoon, after the workshop
  });
  afterEach(async () => {
    await bot?.close();
    await connector.stop();
  });

  /** A finished group exercise in which the first `voters` members chose; returns the session id. */
  async function workshop(channel: Channel, voters: number): Promise<string> {
    const trainer = channel.members[0]!;
    const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
    const start = buttons(catalogue).find((b) => b.title === 'Speel als ambtenaar')!.data;
    const shared = sharedCardIn(await channel.submit(trainer, start));
    const { sessionId, momentId } = shared.actions[0].data;
    for (const m of channel.members.slice(1, 1 + voters)) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: 'laat' });
    await channel.invoke(trainer, 'group.finish', { sessionId, momentId });
    return sessionId;
  }

  /** The trainer presses "Vervolgoefeningen sturen" and starts twice a week for three weeks at 09:30. */
  async function startSeries(channel: Channel, sessionId: string, extra: Record<string, string> = {}) {
    const trainer = channel.members[0]!;
    const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
    assert.match(cardText(setup), /^Vervolgoefeningen/);
    const data = buttons(setup)[0]!.data;
    return posts(await channel.submit(trainer, { ...data, theme: 'all', perWeek: '2', weeks: '3', time: '09:30', everyone: 'false', ...extra }));
  }

  const messagesTo = (m: Member) => connector.toMember(m.id).map((s) => s.body.text ?? cardText(cardOf(s)));

  it('enrols everyone who took part, welcomes them, and delivers on working days at the planned time', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 5);
    const sessionId = await workshop(channel, 3);

    // Only the trainer may start it.
    const notTrainer = await channel.submit(channel.members[1]!, { verb: 'followup.setup', sessionId });
    assert.equal(posts(notTrainer)[0]?.body.text, 'Alleen de trainer van deze groepsoefening kan vervolgoefeningen starten. Er is niets veranderd.');

    const started = await startSeries(channel, sessionId);
    assert.equal(started[0]?.body.text, 'Vervolg gestart voor 3 deelnemers: iedereen krijgt een persoonlijk bericht met wat er komt. Typ "vervolg rapport" voor de voortgang.');

    // The welcome goes out at once, in a 1:1 chat the bot creates; no micro-exercise yet.
    assert.deepEqual(await bot.scheduler.tick(), { claimed: 3, sent: 3, retried: 0, failed: 0, cancelled: 0 });
    const [p1, p2, p3, p4] = channel.members.slice(1);
    assert.deepEqual(messagesTo(p1!), ['Je ontvangt de komende 3 weken 2× per week een korte oefening (2 à 3 minuten), op werkdagen rond 09:30: 6 in totaal. Typ "pauze" voor een week pauze, "vervolg status" voor je planning, of "afmelden" om te stoppen.']);
    assert.equal(messagesTo(p4!).length, 0, 'someone who did not take part is not enrolled');

    // Nothing is due before Tuesday 09:30; then each participant gets one micro-exercise.
    now = amsterdam('2026-12-01T09:29');
    assert.equal((await bot.scheduler.tick()).claimed, 0);
    now = amsterdam('2026-12-01T09:31');
    assert.deepEqual(await bot.scheduler.tick(), { claimed: 3, sent: 3, retried: 0, failed: 0, cancelled: 0 });
    const micro = cardOf(connector.toMember(p1!.id)[1]);
    assert.match(cardText(micro), /^Vervolgoefening · 2 min\nSnel\nHet woord van vandaag: "snel"/);

    // The participant answers in their 1:1 chat: short feedback, and the next date.
    const own = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1!.id, aadObjectId: p1!.aadObjectId });
    const choice = buttonFor(micro, 'procedure');
    const feedback = cardText((await own.click(choice))[0]?.card);
    assert.match(feedback, new RegExp(`^Jouw keuze: ${letterOf(micro, 'procedure')}\\nNa de procedure\\.\\nZorgvuldig\\. Maar te laat voor hem\\.`));
    // The micro-exercise card itself became read-only: the choice marked, no buttons.
    assert.equal(own.updates.length, 1);
    assert.deepEqual(buttons(own.updates[0]!.card), []);
    assert.match(cardText(own.updates[0]!.card), new RegExp(`Jouw keuze: ${letterOf(micro, 'procedure')}$`));
    assert.match(feedback, /Volgende oefening: donderdag 3 december om 09:30\./);
    assert.equal((await own.click(choice))[0]?.text, 'Deze oefening heb je al beantwoord; je antwoord blijft staan.');

    // The trainer's report, anonymous.
    const report = cardText(cardOf(posts(await channel.mention(channel.members[0]!, 'vervolg rapport'))[0]));
    assert.match(report, /Aangemeld: 3/);
    assert.match(report, /Verstuurd: 3/);
    assert.match(report, /Beantwoord: 1/);
    assert.match(report, /Nog gepland: 15/);
    assert.match(report, /Timing\n█*░*\n\d+/);
    assert.ok(!/Deelnemer/.test(report));
    void p2; void p3;
  });

  it('shows the trainer the progress per week (delivered, answered) and the spread per dimension as charts, with the figures of its text bars', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 4);
    const trainer = channel.members[0]!;
    await startSeries(channel, await workshop(channel, 3));
    await bot.scheduler.tick(); // the welcomes
    const [p1, p2] = channel.members.slice(1);
    /** The member answers their latest micro-exercise with its first button, in their 1:1 chat (where the bot then sends the next ones). */
    const chats = new Map<string, Participant>();
    const answer = async (m: Member) => {
      const own = chats.get(m.id) ?? new Participant(() => bot.url, connector, m.name, 'nl-NL', { id: m.id, aadObjectId: m.aadObjectId });
      chats.set(m.id, own);
      const inChat = connector.sent.filter((s) => s.method === 'POST' && s.conversationId === own.conversationId);
      const micro = [...connector.toMember(m.id), ...inChat].map(cardOf).filter((c) => c && buttons(c).some((b) => b.data.verb === 'micro.choose')).at(-1);
      await own.click(buttons(micro)[0]!.data);
    };
    // Week 1 (from Monday 30 November, 16:00): Tuesday's and Thursday's go out; three answers.
    now = amsterdam('2026-12-01T09:31');
    assert.equal((await bot.scheduler.tick()).sent, 3);
    await answer(p1!);
    await answer(p2!);
    now = amsterdam('2026-12-03T09:31');
    assert.equal((await bot.scheduler.tick()).sent, 3);
    await answer(p1!);
    // Week 2: Tuesday's go out, nobody has answered yet.
    now = amsterdam('2026-12-08T09:31');
    assert.equal((await bot.scheduler.tick()).sent, 3);

    const card = cardOf(posts(await channel.mention(trainer, 'vervolg rapport'))[0]);
    const text = cardText(card);
    assert.match(text, /Verstuurd: 9\nBeantwoord: 3\n/);
    // As text bars (clients without charts): per week of the three planned, the share answered and both counts.
    assert.match(text, /Voortgang per week\nWeek 1\n█+░+\n6 verstuurd · 3 beantwoord\nWeek 2\n░+\n3 verstuurd · 0 beantwoord\nWeek 3\n░+\n0 verstuurd · 0 beantwoord\n/);
    const [weeks, dimensions, ...more] = chartsOf(card);
    assert.equal(more.length, 0);
    assert.equal(weeks!.type, 'Chart.VerticalBar.Grouped');
    assert.deepEqual(figuresOf(weeks!), {
      Verstuurd: { 'Week 1': 6, 'Week 2': 3, 'Week 3': 0 },
      Beantwoord: { 'Week 1': 3, 'Week 2': 0, 'Week 3': 0 },
    });
    // The spread per dimension (averages of the three answers): the chart's scores are the text's.
    assert.equal(dimensions!.type, 'Chart.HorizontalBar');
    const spread = Object.entries(figuresOf(dimensions!));
    assert.ok(spread.length > 0);
    for (const [name, score] of spread) assert.match(text, new RegExp(`\\n${name}\\n█*░*\\n${score}(\\n|$)`));
    assert.ok(!/Deelnemer|p1|p2/.test(JSON.stringify(card)), 'the report is anonymous');
  });

  it('takes a typed letter ("antwoord B") as the answer to the latest micro-exercise, and turns its card read-only', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 2);
    await startSeries(channel, await workshop(channel, 1));
    await bot.scheduler.tick();
    now = amsterdam('2026-12-01T09:31');
    await bot.scheduler.tick();
    const p1 = channel.members[1]!;
    const sent = connector.toMember(p1.id)[1]!;
    const micro = cardOf(sent);
    const own = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1.id, aadObjectId: p1.aadObjectId });

    const atB = buttons(micro).find((b) => b.title === 'B')!.data.choiceId;
    const feedback = cardText((await own.say('antwoord B'))[0]?.card);
    assert.match(feedback, atB === 'procedure' ? /^Jouw keuze: B\nNa de procedure\./ : /^Jouw keuze: B\nJa, voor het debat\./);
    // The card it answered (found by its stored message id, as no click names it) is now read-only.
    assert.equal(own.updates.length, 1);
    assert.equal(own.updates[0]!.activityId, sent.id);
    assert.deepEqual(buttons(own.updates[0]!.card), []);
    assert.match(cardText(own.updates[0]!.card), /Jouw keuze: B$/);
    // A click on the old card afterwards: the answer stands; no micro-exercise waits for another letter.
    assert.equal((await own.click(buttonFor(micro, atB === 'ja' ? 'procedure' : 'ja')))[0]?.text, 'Deze oefening heb je al beantwoord; je antwoord blijft staan.');
    assert.equal((await own.say('a'))[0]?.text, 'Dat begrijp ik niet. Typ "oefeningen" om te beginnen, of "help" voor wat ik kan.');
  });

  it('stops at once on "afmelden", pauses a week on "pauze", and shows the plan on "vervolg status"', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 3);
    await startSeries(channel, await workshop(channel, 2));
    const [p1, p2] = channel.members.slice(1);
    const one = new Participant(() => bot.url, connector, 'p1', 'nl-NL', { id: p1!.id, aadObjectId: p1!.aadObjectId });
    const two = new Participant(() => bot.url, connector, 'p2', 'nl-NL', { id: p2!.id, aadObjectId: p2!.aadObjectId });
    await bot.scheduler.tick();

    assert.equal((await one.say('vervolg status'))[0]?.text, 'Vervolg: 0 ontvangen, 0 beantwoord, 6 gepland; de volgende komt dinsdag 1 december om 09:30.');
    // Opt-out between planning and sending: nothing more arrives.
    assert.equal((await one.say('afmelden'))[0]?.text, 'Je bent afgemeld: 6 geplande oefeningen zijn geschrapt. Je kunt je altijd weer aanmelden met "vervolg".');
    assert.equal((await two.say('pauze'))[0]?.text, 'Je vervolgoefeningen pauzeren een week, tot maandag 7 december om 16:00.');
    now = amsterdam('2026-12-03T09:31');
    assert.equal((await bot.scheduler.tick()).sent, 0);
    assert.equal(messagesTo(p1!).length, 1, 'only the welcome');
    now = amsterdam('2026-12-08T09:31');
    assert.equal((await bot.scheduler.tick()).sent, 1, 'the paused participant continues after the week');
    assert.equal(messagesTo(p1!).length, 1);
    // After unsubscribing, "stop" has nothing left to stop.
    assert.equal((await one.say('stop'))[0]?.text, 'Je bent nu niet met een oefening bezig. Typ "oefeningen" om er een te kiezen.');
    assert.equal((await two.say('stop'))[0]?.text, 'Je bent afgemeld: 5 geplande oefeningen zijn geschrapt. Je kunt je altijd weer aanmelden met "vervolg".');
  });

  it('survives a restart mid-series, and two schedulers on one database send each delivery once', async () => {
    const dataDir = tempDataDir();
    bot = await startTestBot({ ...env, DATA_DIR: dataDir }, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 21);
    await startSeries(channel, await workshop(channel, 20));
    await bot.close();

    bot = await startTestBot({ ...env, DATA_DIR: dataDir }, undefined, clock);
    const second = await startTestBot({ ...env, DATA_DIR: dataDir }, undefined, clock);
    try {
      const results = await Promise.all([bot.scheduler.tick(), second.scheduler.tick(), bot.scheduler.tick(), second.scheduler.tick()]);
      assert.equal(results.reduce((n, r) => n + r.sent, 0), 20);
      for (const m of channel.members.slice(1)) assert.equal(messagesTo(m).length, 1, `${m.name} got the welcome once`);
      now = amsterdam('2026-12-01T09:31');
      await Promise.all([bot.scheduler.tick(), second.scheduler.tick()]);
      for (const m of channel.members.slice(1)) assert.equal(messagesTo(m).length, 2, `${m.name} got one micro-exercise`);
    } finally {
      await second.close();
    }
  });

  it('honours 429 Retry-After, retries 502, and stops for good on 403 with a reason the trainer sees', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 4);
    await startSeries(channel, await workshop(channel, 3));
    const [p1, p2, p3] = channel.members.slice(1);
    let throttled = 0;
    connector.fail = ({ memberId, method }) => {
      if (method !== 'CREATE') return undefined;
      if (memberId === p1!.id && throttled++ < 1) return { status: 429, headers: { 'Retry-After': '2' } };
      if (memberId === p2!.id) return { status: 502 };
      if (memberId === p3!.id) return { status: 403 };
      return undefined;
    };
    // The connector client honours a 429's Retry-After itself; 502 comes back to the scheduler.
    assert.deepEqual(await bot.scheduler.tick(), { claimed: 3, sent: 1, retried: 1, failed: 1, cancelled: 0 });
    assert.equal(throttled, 2, 'one 429, then the retry after Retry-After');
    connector.fail = undefined;
    // Retry-After is two seconds; a 502 backs off by at least half a second.
    now = new Date(now.getTime() + 1000);
    const retried = await bot.scheduler.tick();
    now = new Date(now.getTime() + 120_000);
    assert.equal(retried.sent + (await bot.scheduler.tick()).sent, 1);
    assert.equal(messagesTo(p1!).length, 1);
    assert.equal(messagesTo(p2!).length, 1);
    assert.equal(messagesTo(p3!).length, 0);
    const report = cardText(cardOf(posts(await channel.mention(channel.members[0]!, 'vervolg rapport'))[0]));
    assert.match(report, /Niet bereikbaar: 1/);
    assert.match(report, /Waarom iets niet aankwam/);
    // Stored as a code, shown in the reader's language (it was English in the Dutch report).
    assert.match(report, /app verwijderd of gebruiker onbekend \(403\): 1/);
    assert.doesNotMatch(report, /removed|gone/);
  });

  it('does not send a welcome that waited after a 429 to someone who opted out meanwhile', async () => {
    bot = await startTestBot(env, undefined, clock);
    const channel = new Channel(() => bot.url, connector, 2);
    await startSeries(channel, await workshop(channel, 1));
    const member = channel.members[1]!;
    connector.script((r) => r.method === 'CREATE' && r.memberId === member.id, { status: 429, headers: { 'Retry-After': '1' } });
    const round = bot.scheduler.tick();
    while (!connector.requests.some((r) => r.method === 'CREATE' && r.status === 429)) await new Promise((r) => setTimeout(r, 10));

    // While the welcome waits for Retry-After, she types "afmelden" in her 1:1 chat.
    const anna = new Participant(() => bot.url, connector, 'Anna', 'nl-NL', { id: member.id, aadObjectId: member.aadObjectId });
    assert.match((await anna.say('afmelden'))[0]!.text!, /^Je bent afgemeld/);
    assert.deepEqual(await round, { claimed: 1, sent: 0, retried: 0, failed: 0, cancelled: 1 });
    assert.equal(connector.requests.filter((r) => r.method === 'CREATE').length, 1, 'the chat was not created after all');
    assert.deepEqual(messagesTo(member), []);
  });

  it('asks for the sign-up in a card that is not cramped: whole choices, 24-hour times, a clear label, theme names', async () => {
    bot = await startTestBot(env, undefined, clock);
    const inputs = (card: any): any[] => {
      const out: any[] = [];
      const walk = (n: any) => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== 'object') return;
        if (typeof n.type === 'string' && n.type.startsWith('Input.')) out.push(n);
        for (const k of ['body', 'items', 'columns']) if (n[k]) walk(n[k]);
      };
      walk(card);
      return out;
    };
    for (const [locale, label, times, perWeek] of [['nl-NL', 'Tijdstip op werkdagen (ongeveer)', '2× per week', '2× per week'], ['en-GB', 'Time on working days (roughly)', '2× a week', '2× a week']] as const) {
      const person = new Participant(() => bot.url, connector, 'Emma', locale);
      const setup = (await person.say(locale === 'nl-NL' ? 'vervolg' : 'follow-up'))[0]?.card;
      const byId = new Map(inputs(setup).map((i) => [i.id, i]));
      // No Input.Time: the client would show it in its own locale ("9:30 AM" in a Dutch card).
      assert.ok(!inputs(setup).some((i) => i.type === 'Input.Time'));
      const time = byId.get('time');
      assert.equal(time.label, label);
      assert.equal(time.value, '09:30');
      assert.deepEqual([time.choices[0].title, time.choices.at(-1).title], ['09:00', '16:30']);
      assert.ok(byId.get('perWeek').choices.some((c: any) => c.title === times && c.title === perWeek));
      // Two inputs side by side at most, so "2× per week" is not cut off.
      const widest = Math.max(...(setup!.body as any[]).filter((b) => b.type === 'ColumnSet').map((b) => b.columns.length));
      assert.equal(widest, 2);
      assert.ok(byId.get('theme').choices.some((c: any) => c.title === (locale === 'nl-NL' ? 'Woordbetekenis' : 'Word meaning') && c.value === 'woordbetekenis'));
    }
  });

  it('lets a participant sign up in 1:1 chat, planned in their own time zone', async () => {
    bot = await startTestBot(env, undefined, clock);
    const emma = new Participant(() => bot.url, connector, 'Emma', 'nl-NL');
    const setup = (await emma.say('vervolg'))[0]?.card;
    assert.match(cardText(setup), /Ontvang de komende weken korte oefeningen/);
    // Teams tells the client's time zone; she is in New York this month.
    const answer = await emma.send(emma.activity({
      value: { ...buttons(setup)[0]!.data, theme: 'all', perWeek: '1', weeks: '2', time: '10:00', perspective: 'ambtenaar' },
      entities: [{ type: 'clientInfo', locale: 'nl-NL', timezone: 'America/New_York' }],
    }));
    assert.equal(answer.replies[0]?.text, 'Je bent aangemeld.');
    assert.match(String((await emma.say('vervolg'))[0]?.card ? 'card' : ''), /card/);
    const status = (await emma.say('vervolg status'))[0]?.text;
    assert.equal(status, 'Vervolg: 0 ontvangen, 0 beantwoord, 2 gepland; de volgende komt dinsdag 1 december om 16:00.');
  });

  // Reported: with these settings enrolment never answered, /healthz stopped and only SIGKILL ended the process.
  for (const [days, perWeek, expected] of [
    ['6,7', '2', ['Sat 12-05 10:00', 'Sun 12-06 10:00', 'Sat 12-12 10:00', 'Sun 12-13 10:00']],
    // Three a week cannot fit in two working days: the card does not offer it, and a payload asking for it gets two.
    ['6,7', '3', ['Sat 12-05 10:00', 'Sun 12-06 10:00', 'Sat 12-12 10:00', 'Sun 12-13 10:00']],
    ['1,3,5', '2', ['Mon 12-07 10:00', 'Fri 12-11 10:00', 'Mon 12-14 10:00', 'Fri 12-18 10:00']],
  ] as const) {
    it(`signs up and plans with WORK_DAYS=${days} at ${perWeek}× a week, and stays responsive`, async () => {
      bot = await startTestBot({ ...env, WORK_DAYS: days }, undefined, clock);
      now = amsterdam('2026-12-04T16:00'); // a Friday
      const emma = new Participant(() => bot.url, connector, 'Emma', 'nl-NL');
      const setup = (await emma.say('vervolg'))[0]?.card;
      // The card offers no more per week than there are working days.
      const offered = setup!.body.flatMap((b: any) => b.columns ?? []).flatMap((c: any) => c.items).find((i: any) => i.id === 'perWeek').choices.map((c: any) => c.value);
      assert.deepEqual(offered, days === '6,7' ? ['1', '2'] : ['1', '2', '3']);
      const answer = await emma.click({ ...buttons(setup)[0]!.data, perWeek, weeks: '2', time: '10:00' });
      assert.equal(answer[0]?.text, 'Je bent aangemeld.');
      assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
      const status = (await emma.say('vervolg status'))[0]?.text;
      assert.equal(status, `Vervolg: 0 ontvangen, 0 beantwoord, 4 gepland; de volgende komt ${days === '6,7' ? 'zaterdag 5 december om 10:00' : 'maandag 7 december om 10:00'}.`);
      const planned = (await bot.dump()).followup_deliveries!.map((row) => JSON.parse(row)).filter((d) => d.kind === 'micro');
      const local = planned.map((d) => DateTime.fromJSDate(new Date(d.due_at), { zone: 'Europe/Amsterdam' }).toFormat('ccc MM-dd HH:mm')).sort((a, b) => a.slice(4).localeCompare(b.slice(4)));
      assert.deepEqual(local, expected);
    });
  }
});
