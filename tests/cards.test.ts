import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadCardTemplates, CARD_NAMES, type Card } from '../src/cards/render';
import { CardViews } from '../src/cards/views';
import { GroupCardViews } from '../src/cards/group-views';
import { FollowupCardViews } from '../src/cards/followup-views';
import type { GroupSession } from '../src/store/types';
import { loadContent, type LoadedPlayable } from '../src/content/load';
import { briefingOf, choose, perspectivesOf, shownChoices, start, summarise, type MomentView } from '../src/engine';
import type { Lang } from '../src/i18n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

const MAX_BYTES = 28 * 1024;
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
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
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
      'micro', 'micro-feedback', 'moment', 'results', 'summary', 'welcome',
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
          const votes = script.moments.flatMap((m) => m.choices.map((c, i) => ({ momentId: m.id, userId: `u${i}`, choiceId: c.id })));
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
                assert.deepEqual(problemsOf(groups.moment(lang, item, session, counts, viewer)), [], `${item.exercise.id}/${p}/${moment.id}`);
                count++;
              }
            }
          }
          assert.deepEqual(problemsOf(groups.briefing(lang, item, p)), [], `${item.exercise.id}/${p}/group briefing`);
          const finished = { ...base, status: 'finished' as const, path: script.moments.map((m) => ({ moment: m.id, choice: m.choices[0]!.id })) };
          assert.deepEqual(problemsOf(groups.summary(lang, item, finished, votes)), [], `${item.exercise.id}/${p}/summary`);
        }
      }
    }
    assert.ok(count > 500, `only ${count} group cards checked`);
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
      assert.deepEqual(problemsOf(followup.report(lang, series, report, [{ id: 'timing', name: { nl: 'Timing', en: 'Timing' }, score: 61 }], () => '30 november')), [], 'report');
    }
  });

  it('catches a card with an unexpanded binding (the check itself can fail)', () => {
    assert.deepEqual(problemsOf({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${missing}' }] }), [
      'unexpanded binding: ${missing}"}]}',
    ]);
  });
});
