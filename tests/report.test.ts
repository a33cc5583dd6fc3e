/**
 * The trainer's report page (issue 16), through the bot's real HTTP endpoint: the facilitator
 * alone gets the signed link, the page and CSV open with it and with nothing else, links expire,
 * small groups show no figures, and the CSV equals what the database holds.
 */
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import sinon from 'sinon';
import type { App } from '../src/app';
import { loadCardTemplates } from '../src/cards/render';
import { ConfigError, readConfig } from '../src/config';
import { reportLinkCard } from '../src/report/link-card';
import { startTestBot } from './support/bot';
import { Channel } from './support/channel';
import { LocalConnector } from './support/connector';
import { cardOf, csvUrl, followupSeries, get, linkCardIn, parseCsv, playWorkshop, posts, trainerLink, urlOf } from './support/report';
import { buttons, cardText, Participant } from './support/teams';

/** The fixture case's choices by moment, in file order: pick(i) chooses per voter. */
const CHOICES: Record<string, string[]> = { een: ['vroeg', 'laat'], omweg: ['sorry', 'uitleg'], twee: ['verhaal', 'dossier'] };
/** Voter i: the first choice for even i, the second for odd ones, except on 'een' where all but the last go early. */
const spreadPick = (voters: number) => (i: number, moment: string) => (moment === 'een' ? CHOICES.een![i === voters - 1 ? 1 : 0]! : CHOICES[moment]![i % 2]!);
const amsterdam = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();

describe("the trainer's report page", function () {
  this.timeout(60000);
  let connector: LocalConnector;
  let bot: App | undefined;
  let clock: sinon.SinonFakeTimers | undefined;
  before(async () => (connector = await new LocalConnector().start()));
  after(async () => connector.stop());
  afterEach(async () => {
    clock?.restore();
    clock = undefined;
    await bot?.close();
    bot = undefined;
  });

  it('gives the facilitator, and nobody else, a signed link in a card of its own at the end of a group exercise', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot!.url, connector, 7);
    const { sessionId, finished } = await playWorkshop(channel, 6, spreadPick(6));
    const [trainer, participant] = channel.members;

    // Everyone in the channel sees a card without a link; Teams fetches the trainer's own view by refresh.
    const shared = linkCardIn(finished);
    assert.ok(shared, 'a link card follows the summary');
    assert.match(cardText(posts(finished).map(cardOf)[0]), /^Groepssamenvatting/, 'the summary comes first, unchanged');
    assert.equal(cardText(shared), 'Rapport van de oefening\nDe trainer heeft een link naar het anonieme rapport van deze oefening gekregen.');
    assert.equal(urlOf(shared), undefined);
    assert.ok(!JSON.stringify(shared).includes('/report/'), 'the shared card carries no link');
    assert.deepEqual(shared.refresh.userIds, [trainer!.id]);
    assert.deepEqual(shared.refresh.action, { type: 'Action.Execute', verb: 'report.link', data: { sessionId } });

    // A participant whose client refreshes it anyway gets the shared text, no link.
    const theirs = await channel.invoke(participant!, 'report.link', { sessionId });
    assert.equal(urlOf(theirs.body?.value), undefined);
    assert.ok(!JSON.stringify(theirs.body).includes('/report/'));

    const url = await trainerLink(channel, sessionId);
    assert.match(url, new RegExp(`^${bot.url}/report/${sessionId}\\?by=[0-9a-f]{16}&exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
    const page = await get(url);
    assert.equal(page.status, 200);
    assert.match(page.type, /^text\/html/);
    assert.match(page.text, /<h1>Rapport van de groepsoefening<\/h1>/);
    assert.match(page.text, /<dt>Oefening<\/dt><dd>Een kleine casus<\/dd>/);
    assert.match(page.text, /<dt>Deelnemers<\/dt><dd>6<\/dd>/);
    assert.match(page.text, /<h3>Moment 1: Een <small>6 keuzes<\/small><\/h3>\n<blockquote>Wat weten we\?<\/blockquote>/);
    assert.match(page.text, /<th scope="row">[AB]\. Meteen vertellen\.<\/th><td class="n">5<\/td><td class="n">83%<\/td><td class="feedback">Vroeg is goed\. Zij hoort het van jou\.<\/td>/);
    assert.match(page.text, /Vraag voor de nabespreking:<\/strong> Wanneer is informeren af\?/);
    assert.match(page.text, /Profiel van de groep/);
    assert.match(page.text, /Er is \(nog\) geen vervolgreeks bij deze groepsoefening\./);
    assert.match(page.text, /<canvas data-chart="moment-1"/);
    assert.match(page.text, /<script src="\/report-assets\/chart\.umd\.min\.js" defer><\/script>/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    // Anonymous: no member's name or id, no facilitator id, anywhere on the page or in the CSV.
    const csv = await get(csvUrl(url));
    for (const m of channel.members) for (const secret of [m.name, m.id, m.aadObjectId]) {
      assert.ok(!page.text.includes(secret) && !csv.text.includes(secret), `the report shows ${secret}`);
    }
    // Chart.js is served by the bot itself, pinned in package.json.
    const chartJs = await get(`${bot.url}/report-assets/chart.umd.min.js`);
    assert.equal(chartJs.status, 200);
    assert.match(chartJs.text, /Chart\.js v4\.6\.1/);
  });

  it('answers a tampered link, a link of another session and one for another facilitator with 403 and shows nothing', async () => {
    bot = await startTestBot({ REPORT_MIN_GROUP: '2' });
    const channel = new Channel(() => bot!.url, connector, 4);
    const first = await playWorkshop(channel, 3, spreadPick(3));
    const url = await trainerLink(channel, first.sessionId);
    // A second group exercise in the same channel, led by another member.
    const other = new Channel(() => bot!.url, connector, 4);
    other.members[0] = channel.members[2]!;
    const second = await playWorkshop(other, 3, spreadPick(3));
    const secondUrl = await trainerLink(other, second.sessionId);
    assert.equal((await get(url)).status, 200);
    assert.equal((await get(secondUrl)).status, 200);

    const u = new URL(url);
    const sig = u.searchParams.get('sig')!;
    const variant = (change: (x: URL) => void) => {
      const copy = new URL(url);
      change(copy);
      return copy.toString();
    };
    const refused = {
      'a changed signature': variant((x) => x.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`)),
      'a later expiry': variant((x) => x.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 86_400))),
      'another facilitator': variant((x) => x.searchParams.set('by', new URL(secondUrl).searchParams.get('by')!)),
      'the other session with this signature': variant((x) => (x.pathname = `/report/${second.sessionId}`)),
      'no signature': variant((x) => x.searchParams.delete('sig')),
      'no query at all': `${bot.url}/report/${first.sessionId}`,
      'a session that does not exist': variant((x) => (x.pathname = '/report/bestaat-niet')),
    };
    for (const [what, link] of Object.entries(refused)) {
      for (const target of [link, csvUrl(link.includes('?') ? link : `${link}?`)]) {
        const res = await get(target);
        assert.equal(res.status, 403, `${what}: ${target}`);
        assert.match(res.type, /^text\/html/);
        assert.match(res.text, /Deze link is ongeldig, verlopen of hoort bij een ander rapport/);
        assert.ok(!/Een kleine casus|Meteen vertellen|<canvas|Deelnemers/.test(res.text), `${what} shows nothing of a report`);
      }
    }
    // A link signed by the second trainer for their own session stays theirs: valid, and the first's still is.
    assert.equal((await get(url)).status, 200);
  });

  it('expires the link at the configured time, to the second (sinon fake clock)', async () => {
    bot = await startTestBot({ REPORT_MIN_GROUP: '2', REPORT_LINK_DAYS: '7' });
    const channel = new Channel(() => bot!.url, connector, 4);
    const { sessionId } = await playWorkshop(channel, 3, spreadPick(3));
    // From here only Date is faked (and stands still): the HTTP server and the database keep their own timers.
    const issued = Date.parse('2026-11-30T15:00:00Z');
    clock = sinon.useFakeTimers({ now: issued, toFake: ['Date'] });
    const url = await trainerLink(channel, sessionId);
    const edge = issued + 7 * 86_400_000;
    assert.equal(new URL(url).searchParams.get('exp'), String(edge / 1000));

    clock.setSystemTime(edge - 1);
    assert.equal((await get(url)).status, 200, 'valid until the last millisecond');
    assert.equal((await get(csvUrl(url))).status, 200);
    clock.setSystemTime(edge);
    const expired = await get(url);
    assert.equal(expired.status, 403, 'refused from the second it expires');
    assert.ok(!expired.text.includes('Een kleine casus'));
    assert.equal((await get(csvUrl(url))).status, 403);
    // The trainer gets a fresh link from the card (or "vervolg rapport"), valid again for seven days.
    assert.equal((await get(await trainerLink(channel, sessionId))).status, 200);
  });

  it('shows no figure for a group smaller than the minimum, but a clear message; the CSV has only its header', async () => {
    bot = await startTestBot();
    const channel = new Channel(() => bot!.url, connector, 5);
    const { sessionId } = await playWorkshop(channel, 4, spreadPick(4));
    const url = await trainerLink(channel, sessionId);
    const page = await get(url);
    assert.equal(page.status, 200);
    assert.match(page.text, /Te weinig deelnemers voor een anoniem rapport: 4 deelnemers, en er zijn er minstens 5 nodig\./);
    assert.match(page.text, /<dt>Deelnemers<\/dt><dd>4<\/dd>/);
    assert.ok(!/<canvas|Meteen vertellen|Profiel van de groep|<table/.test(page.text), 'no chart, no table, no choice');
    assert.ok(!page.text.includes('figures.csv'), 'no CSV link either');
    const csv = await get(csvUrl(url));
    assert.equal(csv.status, 200);
    assert.deepEqual(parseCsv(csv.text, ';'), [['onderdeel', 'nummer', 'titel', 'sleutel', 'omschrijving', 'aantal', 'procent', 'verstuurd', 'beantwoord', 'gemiddelde']]);
  });

  it('speaks English when the trainer does, or when the browser asks for it', async () => {
    bot = await startTestBot({ REPORT_MIN_GROUP: '2' });
    const channel = new Channel(() => bot!.url, connector, 4);
    channel.members[0] = { ...channel.members[0]!, locale: 'en-US' };
    const { sessionId, finished } = await playWorkshop(channel, 3, spreadPick(3));
    assert.equal(cardText(linkCardIn(finished)), 'Exercise report\nThe trainer has received a link to the anonymous report of this exercise.');
    const own = (await channel.invoke(channel.members[0]!, 'report.link', { sessionId })).body?.value;
    assert.match(cardText(own), /^Exercise report\nThe report of "Een kleine casus" is ready, with charts and the figures as CSV\.\nThe link works until \d+ \w+ \d{4}\. Only you see this card\.$/);
    assert.deepEqual(buttons(own), []);
    const url = urlOf(own)!;
    assert.match(url, /&lang=en$/);
    const page = await get(url);
    assert.match(page.text, /<html lang="en">/);
    assert.match(page.text, /<h1>Group exercise report<\/h1>/);
    assert.ok(!/Rapport van de groepsoefening|Deelnemers|Spreiding/.test(page.text), 'no Dutch interface text on the English page');
    const csv = await get(csvUrl(url));
    assert.deepEqual(parseCsv(csv.text, ',')[0], ['section', 'number', 'title', 'key', 'label', 'count', 'percent', 'sent', 'answered', 'average']);
    // Without the link's lang, the browser's Accept-Language decides; Dutch by default.
    const plain = url.replace('&lang=en', '');
    assert.match((await get(plain, { 'accept-language': 'en-GB,en;q=0.9' })).text, /<html lang="en">/);
    assert.match((await get(plain)).text, /<html lang="nl">/);
  });

  it('writes a CSV that equals the figures in the database, for the moments and for the follow-up weeks', async () => {
    let now = amsterdam('2026-11-30T10:00');
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false' }, undefined, () => now);
    const channel = new Channel(() => bot!.url, connector, 8);
    const voters = 7;
    const { sessionId } = await playWorkshop(channel, voters, spreadPick(voters));
    const trainer = channel.members[0]!;

    // Follow-up: once a week for two weeks; everyone answers the first micro-exercise, two the second.
    await followupSeries(bot, channel, connector, sessionId, voters, (at) => (now = amsterdam(at)), [
      { at: '2026-12-01T09:31', answers: Array.from({ length: voters }, (_, i) => (i < 5 ? 'ja' : 'procedure')) },
      { at: '2026-12-08T09:31', answers: ['ja', 'ja'] },
    ]);
    const report = posts(await channel.mention(trainer, 'vervolg rapport'));
    assert.match(cardText(cardOf(report[0])), /Aangemeld: 7/, 'the report card comes first, as before');
    const url = await trainerLink(channel, sessionId);
    const csv = await get(csvUrl(url));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename="samenspel-rapport-2026-11-30\.csv"$/);
    const [header, ...rows] = parseCsv(csv.text, ';');
    assert.equal(header!.length, 10);

    // The database's own figures: the votes per moment and choice, the follow-up runs per week.
    const dump = await bot.dump();
    const votes = dump.group_votes!.map((r) => JSON.parse(r)).filter((v) => v.session_id === sessionId);
    const labels = Object.fromEntries(Object.entries({ vroeg: 'Meteen vertellen.', laat: 'Eerst uitzoeken.', sorry: 'Excuses maken.', uitleg: 'Uitleggen.', verhaal: 'Drie zinnen voor de raad.', dossier: 'Het hele dossier.' }).map(([k, v]) => [v, k]));
    const momentRows = rows.filter((r) => r[0] === 'moment');
    const played = [...new Set(votes.map((v) => v.moment_id))];
    assert.equal(momentRows.length, played.reduce((n, m) => n + CHOICES[m]!.length, 0), 'a row per moment and choice');
    for (const [section, n, title, letter, label, count, percent] of momentRows) {
      const choiceId = labels[label!]!;
      const momentId = Object.keys(CHOICES).find((m) => CHOICES[m]!.includes(choiceId))!;
      const onMoment = votes.filter((v) => v.moment_id === momentId);
      const chosen = onMoment.filter((v) => v.choice_id === choiceId).length;
      assert.equal(Number(count), chosen, `${section} ${n} ${title} ${letter}`);
      assert.equal(Number(percent), Math.round((chosen / onMoment.length) * 100));
    }
    assert.equal(momentRows.reduce((a, r) => a + Number(r[5]), 0), votes.length, 'every vote counted once');

    const deliveries = dump.followup_deliveries!.map((r) => JSON.parse(r)).filter((d) => d.kind === 'micro');
    const runs = dump.runs!.map((r) => JSON.parse(r)).filter((r) => r.mode === 'followup');
    const weekRows = rows.filter((r) => r[0] === 'week');
    assert.deepEqual(weekRows.map((r) => [r[1], r[3]]), [['1', 'timing'], ['2', 'timing']], 'a row per delivery week and dimension');
    const week = (iso: string) => (Date.parse(iso) < Date.parse('2026-12-07T10:00:00Z') ? '1' : '2');
    for (const [, w, from, , label, count, , sent, answered, average] of weekRows) {
      const these = deliveries.filter((d) => week(String(d.sent_at ?? d.due_at)) === w);
      assert.equal(Number(sent), these.filter((d) => d.status === 'sent' || d.status === 'answered').length, `week ${w} sent`);
      assert.equal(Number(answered), these.filter((d) => d.status === 'answered').length, `week ${w} answered`);
      const scores = runs.filter((r) => week(String(r.finished_at)) === w).map((r) => (typeof r.profile === 'string' ? JSON.parse(r.profile) : r.profile).find((p: any) => p.dimension === 'timing').score as number);
      assert.equal(Number(count), scores.length);
      // Week 2: two people answered, fewer than five: the average is withheld (an empty cell).
      assert.equal(average, scores.length >= 5 ? String(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)) : '');
      assert.equal(label, 'Timing');
      assert.equal(from, w === '1' ? '2026-11-30' : '2026-12-07');
    }
    assert.equal(weekRows[0]![8], '7');
    assert.equal(weekRows[1]![8], '2');
  });

  it('hands the link in 1:1 chat on "vervolg rapport", with the link on the card itself', async () => {
    let now = amsterdam('2026-11-30T10:00');
    bot = await startTestBot({ FOLLOWUP_ENABLED: 'false', REPORT_MIN_GROUP: '2', PUBLIC_BASE_URL: 'https://samenspel.example.nl/' }, undefined, () => now);
    const channel = new Channel(() => bot!.url, connector, 4);
    const { sessionId } = await playWorkshop(channel, 3, spreadPick(3));
    const trainer = channel.members[0]!;
    const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
    await channel.submit(trainer, { ...buttons(setup)[0]!.data, theme: 'all', perWeek: '1', weeks: '1', time: '09:30', everyone: 'false' });
    now = amsterdam('2026-11-30T11:00');
    const own = new Participant(() => bot!.url, connector, 'trainer', 'nl-NL', { id: trainer.id, aadObjectId: trainer.aadObjectId });
    const replies = await own.say('vervolg rapport');
    assert.match(cardText(replies[0]?.card), /^Voortgang vervolgoefeningen/);
    const card = replies[1]?.card;
    assert.equal(card?.refresh, undefined, 'in 1:1 chat the card itself is the trainer\'s own view');
    const url = urlOf(card)!;
    // PUBLIC_BASE_URL is the link's base (its trailing slash dropped); this bot listens elsewhere.
    assert.match(url, new RegExp(`^https://samenspel\\.example\\.nl/report/${sessionId}\\?`));
    assert.equal((await get(url.replace('https://samenspel.example.nl', bot.url))).status, 200);
  });

  it('renders both views of the link card as valid Adaptive Cards 1.5 (the official parser) with no link in the shared one', () => {
    const AC = require('adaptivecards/dist/adaptivecards.js');
    const renderer = loadCardTemplates();
    for (const lang of ['nl', 'en'] as const) {
      const shared = reportLinkCard(renderer, lang, { sessionId: 's-1', title: 'Een kleine casus', userIds: ['29:trainer'], zone: 'Europe/Amsterdam' });
      const own = reportLinkCard(renderer, lang, { sessionId: 's-1', title: 'Een kleine casus', userIds: ['29:trainer'], zone: 'Europe/Amsterdam', link: { url: 'https://samenspel.example.nl/report/s-1?by=x', expires: new Date('2026-12-30T15:00:00Z') } });
      for (const card of [shared, own]) {
        const json = JSON.stringify(card);
        assert.ok(!json.includes('${') && !/"\$(data|when)"/.test(json), json);
        const context = new AC.SerializationContext(AC.Versions.v1_5);
        const parsed = new AC.AdaptiveCard();
        parsed.parse(card, context);
        assert.equal(context.eventCount, 0, json);
        assert.deepEqual(parsed.validateProperties().validationEvents, [], json);
      }
      assert.equal(urlOf(shared), undefined);
      assert.equal(urlOf(own), 'https://samenspel.example.nl/report/s-1?by=x');
      assert.match(cardText(own), lang === 'nl' ? /De link werkt tot 30 december 2026\./ : /The link works until 30 December 2026\./);
    }
  });

  it('stops start-up on a bad report setting, naming the variable', () => {
    const problem = (env: Record<string, string>) => {
      try {
        readConfig(env);
        return '';
      } catch (error) {
        assert.ok(error instanceof ConfigError);
        return error.message;
      }
    };
    assert.match(problem({ PUBLIC_BASE_URL: 'samenspel.example.nl' }), /PUBLIC_BASE_URL must be the https:\/\/ address where browsers reach this bot/);
    assert.match(problem({ PUBLIC_BASE_URL: 'http://samenspel.example.nl' }), /PUBLIC_BASE_URL must be .*http:\/\/ only for localhost/);
    assert.match(problem({ PUBLIC_BASE_URL: 'https://samenspel.example.nl/?x=1' }), /PUBLIC_BASE_URL must be/);
    assert.match(problem({ REPORT_SECRET: 'te-kort' }), /REPORT_SECRET must be at least 32 characters/);
    assert.ok(!problem({ REPORT_SECRET: 'te-kort' }).includes('te-kort'), 'a secret is never shown');
    assert.match(problem({ REPORT_LINK_DAYS: '0' }), /REPORT_LINK_DAYS must be a whole number of days \(1 to 365\) \(got "0"\)/);
    assert.match(problem({ REPORT_MIN_GROUP: '1' }), /REPORT_MIN_GROUP must be a whole number of participants, at least 2/);
    assert.match(problem({ BOT_DOMAIN: 'https://x.nl/pad' }), /BOT_DOMAIN must be a host name without scheme or path/);
    const msi = { MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555', MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: '72f988bf-0000-4000-8000-000000000001' };
    assert.match(problem(msi), /REPORT_SECRET is required when MICROSOFT_APP_TYPE is UserAssignedMSI/);
    assert.equal(problem({ ...msi, REPORT_SECRET: 'x'.repeat(32) }), '');
    const defaults = readConfig({});
    assert.deepEqual([defaults.REPORT_LINK_DAYS, defaults.REPORT_MIN_GROUP, defaults.PUBLIC_BASE_URL], [30, 5, undefined]);
    assert.equal(readConfig({ PUBLIC_BASE_URL: 'http://localhost:3978/' }).PUBLIC_BASE_URL, 'http://localhost:3978');
  });
});
