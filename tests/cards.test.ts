import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadCardTemplates, CARD_BUDGET_BYTES, CARD_NAMES, cardBytes, type Card } from '../src/cards/render';
import { CardViews, MAX_ROLE_PAIRS } from '../src/cards/views';
import { GroupCardViews } from '../src/cards/group-views';
import { FollowupCardViews } from '../src/cards/followup-views';
import type { GroupSession } from '../src/store/types';
import { loadContent, type LoadedPlayable } from '../src/content/load';
import { briefingOf, choose, perspectivesOf, shownChoices, spreadOf, start, summarise, type MomentView } from '../src/engine';
import { strings, type Lang } from '../src/i18n';
import { CHART_SCHEMAS, chartsOf, figuresOf, valuesOf, type ChartElement } from './support/charts';
import { cardText } from './support/teams';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Teams' limit on a message with a card (its JSON), from the Teams platform docs on cards. */
const MAX_BYTES = 28 * 1024;
/** How many chart elements problemsOf has checked, so that a test can show it checked some. */
let chartsChecked = 0;
const views = new CardViews(loadCardTemplates());
const library = loadContent({ root: path.join(__dirname, '..', 'dialogs') }).items.filter((i) => i.kind === 'exercise');
const fixtures = loadContent({ root: path.join(__dirname, 'fixtures', 'content'), targets: ['good', 'lang'].map((pack) => path.join(__dirname, 'fixtures', 'content', pack)) }).items;

/** Parses a card with the official Adaptive Cards library against schema 1.5 and lists every complaint. */
function problemsOf(card: Card): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  if (json.includes('${')) problems.push(`unexpanded binding: ${json.slice(json.indexOf('${'), json.indexOf('${') + 40)}`);
  if (/"\$(data|when)"/.test(json)) problems.push('template keyword left in the card');
  if (Buffer.byteLength(json) > MAX_BYTES) problems.push(`card is ${Buffer.byteLength(json)} bytes, over ${MAX_BYTES}`);
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  // The official library knows no chart elements: it takes each one's fallback, as a Teams client
  // that does not render charts does. That is expected for the documented charts, and only them.
  const charts = chartsOf(card);
  for (let i = 0; i < context.eventCount; i++) {
    const message: string = context.getEventAt(i).message;
    const chart = /^Unknown element type "(Chart\.[\w.]+)"\. Fallback will be used if present\.$/.exec(message)?.[1];
    if (!chart || !(chart in CHART_SCHEMAS)) problems.push(`parse: ${message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  const asOldClient = JSON.stringify(parsed.toJSON(new AC.SerializationContext(AC.Versions.v1_5)));
  if (asOldClient.includes('"Chart.')) problems.push('a chart is left in the card as a client without charts renders it');
  for (const chart of charts) problems.push(...chartProblems(chart, asOldClient));
  return problems;
}

/**
 * A chart element against Microsoft's documented schema (tests/support/charts.ts), and its
 * fallback: text bars, one row per plotted point (grouped: per x), each row showing the very
 * numbers the chart plots, and rendered in their place by a client without charts.
 */
function chartProblems(chart: ChartElement, asOldClient: string): string[] {
  chartsChecked++;
  const schema = CHART_SCHEMAS[chart.type];
  if (!schema) return [`${chart.type} is not a chart element the bot uses`];
  const checked = schema.safeParse(chart);
  if (!checked.success) return checked.error.issues.map((i) => `${chart.type} ${i.path.join('.')}: ${i.message}`);
  const rows = (chart.fallback.type === 'Container' ? (chart.fallback.items as unknown[]) : [chart.fallback]).map((row) => cardText({ body: [row] })).filter((text) => /[█░]/.test(text));
  const expected: number[][] = chart.type === 'Chart.VerticalBar.Grouped'
    ? chart.data[0].values.map((_: unknown, j: number) => chart.data.map((s: any) => s.values[j].y))
    : chart.data.map((p: any) => [p.y]);
  const problems: string[] = [];
  if (rows.length !== expected.length) problems.push(`${chart.type}: ${expected.length} points but ${rows.length} text bar rows in its fallback`);
  expected.forEach((values, i) => {
    const shown = (rows[i] ?? '').match(/\d+/g)?.map(Number) ?? [];
    for (const v of values) if (!shown.includes(v)) problems.push(`${chart.type}: row ${i + 1} of the fallback ("${rows[i]}") does not show ${v}`);
  });
  for (const row of rows) if (!asOldClient.includes(JSON.stringify(row.split('\n').find((line) => /[█░]/.test(line))).slice(1, -1))) problems.push(`fallback row "${row}" is not in the card a client without charts renders`);
  return problems;
}

/** Every card an exercise can show: each moment, each feedback, and the summary, in both languages. */
function cardsOf(item: LoadedPlayable, lang: Lang): [string, Card][] {
  const out: [string, Card][] = [];
  for (const p of perspectivesOf(item.exercise)) {
    const started = start(item.exercise, p, 42);
    if (started.type !== 'started') continue;
    const script = item.exercise.perspectives[p]!;
    out.push([`${item.exercise.id}/${p}/briefing`, views.briefing(lang, item, briefingOf(item.exercise, p)!, 'run-1')]);
    for (const moment of script.moments) {
      const view: MomentView = { ...started.view, momentId: moment.id, says: moment.says, context: moment.context, choices: shownChoices(moment, 42) };
      out.push([`${item.exercise.id}/${p}/${moment.id}`, views.moment(lang, item, view, 'run-1')]);
      // The read-only version after each choice: the choice marked, no buttons.
      view.choices.forEach((_, position) => out.push([`${item.exercise.id}/${p}/${moment.id} answered ${position}`, views.moment(lang, item, view, 'run-1', position)]));
      for (const choice of moment.choices) {
        const state = { ...started.state, current: moment.id };
        const result = choose(item.exercise, state, moment.id, choice.id);
        if (result.type === 'feedback') out.push([`${item.exercise.id}/${p}/${moment.id}/${choice.id}`, views.feedback(lang, item, p, result.feedback, 'run-1', result.next === null)]);
      }
    }
    out.push([`${item.exercise.id}/${p}/summary`, views.summary(lang, item, summarise(item.exercise, item.dimensions, started.state))]);
    // A summary after a whole path with the last-listed choice at every moment: a recap line per
    // moment (with stronger choices) and a tip tied to a moment.
    let state = started.state;
    while (state.current !== null) {
      const moment = script.moments.find((m) => m.id === state.current)!;
      const result = choose(item.exercise, state, moment.id, moment.choices.at(-1)!.id);
      if (result.type !== 'feedback') break;
      state = result.state;
    }
    out.push([`${item.exercise.id}/${p}/summary after a path`, views.summary(lang, item, summarise(item.exercise, item.dimensions, state))]);
  }
  return out;
}

describe('card templates', () => {
  it('has a template for every card the bot sends', () => {
    assert.deepEqual([...CARD_NAMES].sort(), [
      'briefing', 'catalogue', 'confirm', 'feedback', 'followup-report', 'followup-setup', 'group-catalogue', 'group-moment', 'group-summary',
      'micro', 'micro-feedback', 'moment', 'report-link', 'results', 'summary', 'welcome',
    ]);
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`expands welcome, catalogue and results (${lang}) into valid 1.5 cards`, () => {
      const all = [...library, ...fixtures.filter((f) => f.kind === 'exercise')];
      const runs = [
        { id: 'r1', mode: 'solo' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'ambtenaar' as const, finishedAt: new Date('2026-11-01'), answers: [], profile: [{ dimension: 'timing', score: 40 }] },
        { id: 'r2', mode: 'group' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'bestuurder' as const, finishedAt: new Date('2026-11-02'), answers: [], profile: [{ dimension: 'timing', score: 80 }] },
        { id: 'r3', mode: 'group' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'ambtenaar' as const, finishedAt: new Date('2026-11-03'), answers: [], profile: [{ dimension: 'timing', score: 60, moments: 1 }], partial: true },
      ].reverse();
      const cards: [string, Card][] = [
        ['welcome', views.welcome(lang)],
        ['welcome in a group', views.welcome(lang, true)],
        ['confirm forget', views.confirmForget(lang)],
        ['catalogue', views.catalogue(lang, all)],
        ['catalogue filtered', views.catalogue(lang, all, { level: 'rijk' })],
        ['catalogue by difficulty', views.catalogue(lang, all, { difficulty: 'gevorderd' })],
        ['catalogue empty', views.catalogue(lang, all, { theme: 'bestaat-niet' })],
        ['results', views.results(lang, runs, () => 'Een kleine casus', () => 'Timing')],
        ['results empty', views.results(lang, [], () => '', () => '')],
      ];
      for (const [name, card] of cards) assert.deepEqual(problemsOf(card), [], name);
    });

    it(`expands every moment, feedback and summary of the library (${lang}) into valid 1.5 cards under 28 KB`, () => {
      let count = 0;
      for (const item of [...library, ...fixtures]) {
        for (const [name, card] of cardsOf(item, lang)) {
          assert.deepEqual(problemsOf(card), [], name);
          count++;
        }
      }
      assert.ok(count > 100, `only ${count} cards checked`);
    });
  }

  it('expands the group cards (catalogue, every moment before and after the reveal, personal views, summary) into valid 1.5 cards', () => {
    const groups = new GroupCardViews(loadCardTemplates());
    let count = 0;
    for (const lang of ['nl', 'en'] as const) {
      assert.deepEqual(problemsOf(groups.catalogue(lang, library)), [], 'group catalogue');
      for (const item of [...library, ...fixtures.filter((f) => f.kind === 'exercise')]) {
        for (const p of perspectivesOf(item.exercise)) {
          const script = item.exercise.perspectives[p]!;
          // Choice i gets i + 1 votes: every bar differs, so a chart and its text bars can be told apart.
          const votes = script.moments.flatMap((m) => m.choices.flatMap((c, i) => Array.from({ length: i + 1 }, (_, k) => ({ momentId: m.id, userId: `u${i}-${k}`, choiceId: c.id }))));
          const base: GroupSession = {
            id: 's', conversationId: 'c', ref: { serviceUrl: 'http://x', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } },
            exerciseId: item.exercise.id, perspective: p, facilitatorId: 'u0', showMissing: true, status: 'running', momentId: null, revealed: false,
            path: [], memberIds: Array.from({ length: 60 }, (_, i) => `29:${i}`), memberCount: 60, version: 1, startedAt: new Date(), updatedAt: new Date(), seed: 99,
          };
          for (const moment of script.moments) {
            for (const revealed of [false, true]) {
              const session = { ...base, momentId: moment.id, revealed };
              const counts = { votes: votes.filter((v) => v.momentId === moment.id), memberCount: 60 };
              for (const viewer of ['shared', { facilitator: true }, { facilitator: false, choiceId: moment.choices[0]!.id }] as const) {
                const card = groups.moment(lang, item, session, counts, viewer);
                assert.deepEqual(problemsOf(card), [], `${item.exercise.id}/${p}/${moment.id}`);
                // The spread per choice as a chart once revealed (not before: the vote is secret until then).
                const charts = chartsOf(card);
                assert.deepEqual(charts.map((c) => c.type), revealed ? ['Chart.HorizontalBar'] : [], `${item.exercise.id}/${p}/${moment.id} charts`);
                if (revealed) assert.deepEqual(valuesOf(charts[0]!), spreadOf(item.exercise, p, moment.id, counts.votes, 99).map((x) => x.count));
                count++;
              }
            }
          }
          assert.deepEqual(problemsOf(groups.briefing(lang, item, p)), [], `${item.exercise.id}/${p}/group briefing`);
          const finished = { ...base, status: 'finished' as const, path: script.moments.map((m) => ({ moment: m.id, choice: m.choices[0]!.id })) };
          const summary = groups.summary(lang, item, finished, votes);
          assert.deepEqual(problemsOf(summary), [], `${item.exercise.id}/${p}/summary`);
          // A spread chart per moment played, then the group's profile.
          assert.deepEqual(chartsOf(summary).map((c) => c.yAxisTitle ?? 'spread'), [...finished.path.map(() => 'spread'), strings(lang).charts.score]);
        }
      }
    }
    assert.ok(count > 500, `only ${count} group cards checked`);
  });

  it('draws a spread as parts of the whole, and a reveal without votes as bars of zero on an axis (no whole to divide)', () => {
    const groups = new GroupCardViews(loadCardTemplates());
    const casus = fixtures.find((f) => f.exercise.id === 'kleine-casus')!;
    const session: GroupSession = {
      id: 's', conversationId: 'c', ref: { serviceUrl: 'http://x', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } },
      exerciseId: 'kleine-casus', perspective: 'ambtenaar', facilitatorId: 'u0', showMissing: false, status: 'running', momentId: 'een', revealed: true,
      path: [], memberIds: [], memberCount: 2, version: 1, startedAt: new Date(), updatedAt: new Date(),
    };
    const mode = (votes: { momentId: string; userId: string; choiceId: string }[]) => {
      const card = groups.moment('nl', casus, session, { votes, memberCount: 2 }, 'shared');
      assert.deepEqual(problemsOf(card), []);
      return chartsOf(card)[0]!.displayMode;
    };
    assert.equal(mode([]), 'AbsoluteWithAxis');
    assert.equal(mode([{ momentId: 'een', userId: 'u1', choiceId: 'vroeg' }]), 'PartToWhole');
  });

  it('puts the trainer notes on the facilitator\'s own view of a group moment only, in the trainer\'s language', () => {
    const groups = new GroupCardViews(loadCardTemplates());
    const casus = fixtures.find((f) => f.exercise.id === 'kleine-casus')!;
    const session: GroupSession = {
      id: 's', conversationId: 'c', ref: { serviceUrl: 'http://x', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } },
      exerciseId: 'kleine-casus', perspective: 'bestuurder', facilitatorId: 'u0', showMissing: false, status: 'running', momentId: 'melding', revealed: false,
      path: [], memberIds: ['29:0', '29:1'], memberCount: 2, version: 1, startedAt: new Date(), updatedAt: new Date(),
    };
    const counts = { votes: [], memberCount: 2 };
    const text = (lang: Lang, viewer: Parameters<GroupCardViews['moment']>[4]) => JSON.stringify(groups.moment(lang, casus, session, counts, viewer));
    assert.match(text('nl', { facilitator: true }), /Voor de trainer \(alleen jij ziet dit\).*Trainersnotities.*art\. 169 Gemeentewet/);
    assert.match(text('en', { facilitator: true }), /For the trainer \(only you see this\).*Trainer notes.*Background.*Where trainers and participants disagree/);
    for (const viewer of ['shared', 'closed', { facilitator: false }] as const) {
      assert.doesNotMatch(text('nl', viewer), /Gemeentewet|Voor de trainer/, JSON.stringify(viewer));
    }
  });

  it('expands the follow-up cards (set-up, every micro-exercise and its feedback, the report) into valid 1.5 cards', () => {
    const followup = new FollowupCardViews(loadCardTemplates());
    const micros = loadContent({ root: path.join(__dirname, '..', 'dialogs') }).items.filter((i) => i.kind === 'micro');
    const hours = { start: '09:00', end: '17:00' };
    for (const lang of ['nl', 'en'] as const) {
      assert.deepEqual(problemsOf(followup.setup(lang, micros, hours)), [], 'self set-up');
      assert.deepEqual(problemsOf(followup.setup(lang, micros, hours, { sessionId: 's' })), [], 'group set-up');
      for (const item of micros) {
        for (const p of perspectivesOf(item.exercise)) {
          assert.deepEqual(problemsOf(followup.micro(lang, item, p, 'd1', 7)), [], `${item.exercise.id}/${p}`);
          assert.deepEqual(problemsOf(followup.micro(lang, item, p, 'd1', null)), [], `${item.exercise.id}/${p} sent before shuffling`);
          const started = start(item.exercise, p, 7);
          if (started.type !== 'started') continue;
          for (const c of started.view.choices) {
            const r = choose(item.exercise, started.state, started.view.momentId, c.id);
            if (r.type !== 'feedback') continue;
            const answered = followup.micro(lang, item, p, 'd1', 7, r.feedback.position);
            assert.deepEqual(problemsOf(answered), [], `${item.exercise.id}/${p}/${c.id} answered`);
            assert.equal(JSON.stringify(answered.actions ?? []), '[]', 'an answered micro-exercise card has no buttons');
            if (r.type === 'feedback') assert.deepEqual(problemsOf(followup.feedback(lang, item, p, r.feedback, 'Volgende oefening: dinsdag.')), [], `${item.exercise.id}/${p}/${c.id}`);
          }
        }
      }
      const series = { id: 's', source: 'group' as const, cadence: { count: 6, perWeek: 2, timeOfDay: '09:30' }, createdAt: new Date() };
      const report = { enrolled: 12, optedOut: 1, removed: 1, inactive: 1, delivered: 30, answered: 21, failed: 1, planned: 40, failures: [{ reason: 'unreachable:403', count: 1 }] };
      const weeks = [{ week: 1, delivered: 16, answered: 12 }, { week: 2, delivered: 14, answered: 9 }, { week: 3, delivered: 0, answered: 0 }];
      const profile = [{ id: 'timing', name: { nl: 'Timing', en: 'Timing' }, score: 61 }, { id: 'vertalen', name: { nl: 'Vertalen', en: 'Translating' }, score: 0 }];
      const before = chartsChecked;
      assert.deepEqual(problemsOf(followup.report(lang, series, report, profile as never, weeks, () => '30 november')), [], 'report');
      assert.equal(chartsChecked - before, 2, 'the report has a chart of the weeks and one of the dimensions');
      assert.deepEqual(problemsOf(followup.report(lang, series, { ...report, delivered: 0, answered: 0 }, [], [], () => '30 november')), [], 'report of a series without deliveries');
    }
  });

  it('shows the profile as a chart on the summary and on "mijn resultaten", both roles of a case side by side', () => {
    const casus = fixtures.find((f) => f.exercise.id === 'kleine-casus')!;
    const started = start(casus.exercise, 'ambtenaar', 42);
    assert.equal(started.type, 'started');
    if (started.type !== 'started') return;
    let state = started.state;
    for (const id of ['vroeg', 'dossier']) {
      const r = choose(casus.exercise, state, state.current!, id);
      if (r.type === 'feedback') state = r.state;
    }
    const summary = summarise(casus.exercise, casus.dimensions, state);
    for (const lang of ['nl', 'en'] as const) {
      const own = views.summary(lang, casus, summary);
      assert.deepEqual(problemsOf(own), []);
      assert.deepEqual(chartsOf(own).map((c) => figuresOf(c)), [Object.fromEntries(summary.profile.map((d) => [d.name[lang], d.score]))]);
      // Played the bestuurder before: both roles per dimension they share, ambtenaar first.
      const both = views.summary(lang, casus, summary, { perspective: 'bestuurder', profile: [{ name: casus.dimensions.find((d) => d.id === 'timing')!.name[lang], score: 100 }] });
      assert.deepEqual(problemsOf(both), []);
      const [, grouped] = chartsOf(both);
      const role = (p: 'ambtenaar' | 'bestuurder') => strings(lang).results.asRole(strings(lang).perspective[p]);
      const timing = summary.profile.find((d) => d.id === 'timing')!;
      assert.deepEqual(figuresOf(grouped!), { [role('ambtenaar')]: { Timing: timing.score }, [role('bestuurder')]: { Timing: 100 } });
      assert.equal(grouped!.type, 'Chart.VerticalBar.Grouped');
    }
    const runs = [
      { id: 'r2', mode: 'solo' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'bestuurder' as const, finishedAt: new Date('2026-11-02'), answers: [], profile: [{ dimension: 'timing', score: 80 }, { dimension: 'vertalen', score: 20 }] },
      { id: 'r1', mode: 'solo' as const, userId: 'u', exerciseId: 'kleine-casus', perspective: 'ambtenaar' as const, finishedAt: new Date('2026-11-01'), answers: [], profile: [{ dimension: 'timing', score: 40 }, { dimension: 'vertalen', score: 60 }] },
    ];
    const results = views.results('nl', runs, () => 'Een kleine casus', (d) => (d === 'timing' ? 'Timing' : 'Vertalen'));
    assert.deepEqual(problemsOf(results), []);
    assert.deepEqual(chartsOf(results).map((c) => [c.type, figuresOf(c)]), [
      ['Chart.HorizontalBar', { Timing: 60, Vertalen: 40 }],
      ['Chart.VerticalBar.Grouped', { 'Als ambtenaar': { Timing: 40, Vertalen: 60 }, 'Als bestuurder': { Timing: 80, Vertalen: 20 } }],
    ]);
  });

  it('keeps the largest "mijn resultaten" and follow-up report under the Teams limit, giving up side-by-side charts before that', () => {
    // Every library case played in both roles, six dimensions with long names, 50 runs: the most the bot lists.
    const dims = ['timing', 'vertalen', 'belangen', 'relatie', 'integriteit', 'omgeving'];
    const runs = library.flatMap((item, i) => (['ambtenaar', 'bestuurder'] as const).map((p, j) => ({
      id: `r${i}${j}`, mode: 'solo' as const, userId: 'u', exerciseId: item.exercise.id, perspective: p, finishedAt: new Date(2026, 10, 1 + i), answers: [],
      profile: dims.map((d, k) => ({ dimension: d, score: (i * 7 + k * 13 + j * 29) % 101 })),
    }))).slice(0, 50);
    const title = (id: string) => library.find((x) => x.exercise.id === id)!.exercise.title;
    for (const lang of ['nl', 'en'] as const) {
      const card = views.results(lang, runs, title, (d) => `${d} in de samenwerking met het bestuur`);
      assert.deepEqual(problemsOf(card), []);
      const charts = chartsOf(card);
      assert.equal(charts[0]!.type, 'Chart.HorizontalBar', 'the profile chart always stays');
      assert.ok(charts.length >= 2 && charts.length <= 1 + MAX_ROLE_PAIRS, `${charts.length} charts`);
      assert.ok(cardBytes(card) <= CARD_BUDGET_BYTES, `${cardBytes(card)} bytes`);
      // Twelve weeks (a series of eight, pauses pushed it on) and the six dimensions.
      const followup = new FollowupCardViews(loadCardTemplates());
      const series = { id: 's', source: 'group' as const, cadence: { count: 24, perWeek: 3, timeOfDay: '09:30' }, createdAt: new Date() };
      const report = { enrolled: 400, optedOut: 10, removed: 5, inactive: 5, delivered: 2400, answered: 1500, failed: 12, planned: 0, failures: [{ reason: 'unreachable:403', count: 12 }] };
      const weeks = Array.from({ length: 12 }, (_, i) => ({ week: i + 1, delivered: 300 - i, answered: 200 - 2 * i }));
      const profile = dims.map((d, k) => ({ id: d, name: { nl: `${d} in de samenwerking met het bestuur`, en: `${d} in working with the administration` }, score: 10 * k }));
      const big = followup.report(lang, series, report, profile as never, weeks, () => '30 november');
      assert.deepEqual(problemsOf(big), []);
      assert.ok(cardBytes(big) <= CARD_BUDGET_BYTES, `${cardBytes(big)} bytes`);
    }
  });

  it('catches a chart without a fallback, with the wrong figures in it, or off the documented schema', () => {
    const chart = (extra: object) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.HorizontalBar', data: [{ x: 'A', y: 3 }, { x: 'B', y: 5 }], ...extra }] });
    const bars = (a: string, b: string) => ({ type: 'Container', items: [{ type: 'TextBlock', text: `A ██ ${a}` }, { type: 'TextBlock', text: `B ███ ${b}` }] });
    assert.deepEqual(problemsOf(chart({ fallback: bars('3', '5') })), []);
    assert.match(problemsOf(chart({})).join('\n'), /fallback/);
    assert.match(problemsOf(chart({ fallback: bars('3', '4') })).join('\n'), /row 2 of the fallback \("B ███ 4"\) does not show 5/);
    assert.match(problemsOf(chart({ fallback: { type: 'Container', items: [{ type: 'TextBlock', text: 'A 3' }] } })).join('\n'), /2 points but 0 text bar rows/);
    assert.match(problemsOf(chart({ fallback: bars('3', '5'), color: 'red' })).join('\n'), /color/);
    assert.match(problemsOf(chart({ fallback: bars('3', '5'), maximum: 100 })).join('\n'), /maximum/);
    assert.match(problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Chart.Radar', fallback: { type: 'TextBlock', text: 'x' } }] }).join('\n'), /Chart\.Radar/);
  });

  it('catches a card with an unexpanded binding (the check itself can fail)', () => {
    assert.deepEqual(problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }), [
      'unexpanded binding: ${missing}"}]}',
    ]);
  });
});
