/**
 * Every reply and every card, rendered in Dutch and in English, holds no sentence of the other
 * language. The exercise content is left out (it is Dutch by design): every text of the exercise
 * shown is cut from the card before the check. A sentence is caught by its small words: a handful
 * that are frequent in one language and do not occur as words in the other (so not "of", "was",
 * "is", "in", "help", "status", "stop" or "week", which Dutch has too).
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CardViews } from '../src/cards/views';
import { GroupCardViews } from '../src/cards/group-views';
import { FollowupCardViews } from '../src/cards/followup-views';
import { loadCardTemplates, type Card } from '../src/cards/render';
import { loadContent, type LoadedPlayable } from '../src/content/load';
import { choose, perspectivesOf, start, summarise, type MomentView } from '../src/engine';
import { strings, type Lang } from '../src/i18n';
import { keys, type Message } from '../src/i18n/keys';
import type { GroupSession } from '../src/store/types';

const MARKERS: Record<Lang, string[]> = {
  nl: ['de', 'het', 'een', 'en', 'je', 'jij', 'jouw', 'van', 'niet', 'op', 'met', 'voor', 'naar', 'bij', 'wat', 'om', 'er', 'nog', 'ook', 'dit', 'deze', 'kies', 'typ', 'oefening', 'oefeningen', 'keuze', 'heeft', 'hebben', 'zijn', 'kan', 'kunt', 'alleen', 'alle', 'dat', 'wie', 'gekozen', 'verder'],
  en: ['the', 'and', 'you', 'your', 'to', 'with', 'for', 'what', 'not', 'this', 'that', 'choose', 'type', 'exercise', 'exercises', 'has', 'have', 'were', 'been', 'will', 'can', 'only', 'on', 'it', 'at', 'by', 'who', 'chosen', 'continue', 'nothing', 'changed'],
};
const other = (lang: Lang): Lang => (lang === 'nl' ? 'en' : 'nl');

/** The words of `lang` found in `text` (which should be in the other language). */
function wordsOf(lang: Lang, text: string): string[] {
  const words = new Set(text.toLowerCase().split(/[^\p{L}]+/u));
  return MARKERS[lang].filter((w) => words.has(w));
}

const NUMBERS = new Set(['n', 'm', 'total', 'step', 'steps', 'i', 'minutes', 'count', 'percent', 'perWeek', 'weeks', 'planned', 'done', 'answered', 'score', 'delta']);
const sample = (name: string, variant: number): unknown => (name === 'group' ? variant === 1 : NUMBERS.has(name) ? variant + 1 : variant === 1 ? undefined : 'X');

/** Every interface string of `lang`, each message with sample arguments (and once with the optional ones left out). */
function allStrings(lang: Lang): [string, string][] {
  const out: [string, string][] = [];
  const walk = (spec: unknown, value: unknown, key: string) => {
    if (typeof spec === 'object' && spec !== null && 'kind' in spec) {
      const m = spec as Message<unknown>;
      if (m.kind === 'text') out.push([key, value as string]);
      else if (m.kind === 'list') (value as string[]).forEach((v, i) => out.push([`${key}[${i}]`, v]));
      else for (const variant of [0, 1]) out.push([key, (value as (...a: unknown[]) => string)(...m.args.map((a) => sample(a, variant)))]);
      return;
    }
    for (const [k, child] of Object.entries(spec as object)) walk(child, (value as Record<string, unknown>)[k], key ? `${key}.${k}` : k);
  };
  walk(keys, strings(lang), '');
  return out;
}

const VISIBLE = new Set(['text', 'title', 'placeholder', 'label', 'value', 'altText', 'fallbackText', 'errorMessage', 'speak', 'xAxisTitle', 'yAxisTitle', 'legend', 'x']);

/** The visible texts of a card (not its data, ids or styles). */
function textsOf(card: unknown, out: string[] = []): string[] {
  if (Array.isArray(card)) card.forEach((c) => textsOf(c, out));
  else if (typeof card === 'object' && card !== null) {
    // A chart's `data` is visible (its labels and legends); an action's `data` is not.
    const chart = typeof (card as { type?: unknown }).type === 'string' && (card as { type: string }).type.startsWith('Chart.');
    for (const [k, v] of Object.entries(card)) {
      if (k === 'data' && !chart) continue;
      if (typeof v === 'string' && VISIBLE.has(k)) out.push(v);
      else textsOf(v, out);
    }
  }
  return out;
}

/** Every text of an exercise or micro-exercise (its own language, left out of the check). */
function contentOf(items: LoadedPlayable[]): string[] {
  const out = new Set<string>();
  const walk = (node: unknown) => {
    if (typeof node === 'string') node.length > 1 && out.add(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(walk);
  };
  items.forEach(walk);
  return [...out].sort((a, b) => b.length - a.length);
}

/** `text` without the content it quotes, also where the card cut a quote short ("…"). */
function withoutContent(text: string, content: string[]): string {
  let rest = text;
  for (const c of content) {
    const head = c.slice(0, 24);
    for (let at = rest.indexOf(head); at >= 0; at = rest.indexOf(head, at + 1)) {
      let end = 0;
      while (end < c.length && rest[at + end] === c[end]) end++;
      // The whole quote, or its start where the card cut it short with an ellipsis.
      if (end === c.length || rest[at + end] === '…') rest = `${rest.slice(0, at)} ${rest.slice(at + end)}`;
    }
  }
  return rest;
}

const renderer = loadCardTemplates();
const views = new CardViews(renderer);
const groups = new GroupCardViews(renderer);
const followup = new FollowupCardViews(renderer);
const items = loadContent({ root: path.join(__dirname, '..', 'dialogs') }).items;
const exercises = items.filter((i) => i.kind === 'exercise');
const micros = items.filter((i) => i.kind === 'micro');

/** Every card the bot sends, rendered in `lang`, each with the content it shows. */
function allCards(lang: Lang): { name: string; card: Card; content: LoadedPlayable[] }[] {
  const out: { name: string; card: Card; content: LoadedPlayable[] }[] = [];
  const runs = [
    { id: 'r1', mode: 'solo' as const, userId: 'u', exerciseId: exercises[0]!.exercise.id, perspective: 'ambtenaar' as const, finishedAt: new Date('2026-11-01'), answers: [], profile: [{ dimension: 'timing', score: 40 }] },
    { id: 'r2', mode: 'group' as const, userId: 'u', exerciseId: exercises[0]!.exercise.id, perspective: 'bestuurder' as const, finishedAt: new Date('2026-11-02'), answers: [], profile: [{ dimension: 'timing', score: 80 }] },
  ];
  const title = exercises[0]!.exercise.title;
  out.push(
    { name: 'welcome', card: views.welcome(lang), content: [] },
    { name: 'welcome in a group', card: views.welcome(lang, true), content: [] },
    { name: 'confirm forget', card: views.confirmForget(lang), content: [] },
    { name: 'catalogue', card: views.catalogue(lang, exercises), content: exercises },
    { name: 'catalogue empty', card: views.catalogue(lang, exercises, { theme: 'geen-thema' }), content: exercises },
    { name: 'results', card: views.results(lang, runs, () => title, (d) => exercises[0]!.dimensions.find((x) => x.id === d)?.name[lang] ?? d), content: exercises.slice(0, 1) },
    { name: 'results empty', card: views.results(lang, [], () => '', () => ''), content: [] },
    { name: 'group catalogue', card: groups.catalogue(lang, exercises), content: exercises },
    { name: 'follow-up set-up', card: followup.setup(lang, micros, { start: '09:00', end: '17:00' }), content: micros },
    { name: 'follow-up set-up (group)', card: followup.setup(lang, micros, { start: '09:00', end: '17:00' }, { sessionId: 's' }), content: micros },
  );
  for (const item of exercises.slice(0, 3)) {
    for (const p of perspectivesOf(item.exercise)) {
      const started = start(item.exercise, p, 42);
      if (started.type !== 'started') continue;
      const script = item.exercise.perspectives[p]!;
      const moment = script.moments[0]!;
      const view: MomentView = { ...started.view, momentId: moment.id, says: moment.says, context: moment.context, choices: moment.choices };
      out.push({ name: `${item.exercise.id}/${p}/moment`, card: views.moment(lang, item, view, 'run'), content: [item] });
      out.push({ name: `${item.exercise.id}/${p}/moment answered`, card: views.moment(lang, item, view, 'run', 1), content: [item] });
      const result = choose(item.exercise, started.state, moment.id, moment.choices[0]!.id);
      if (result.type === 'feedback') {
        out.push({ name: `${item.exercise.id}/${p}/feedback`, card: views.feedback(lang, item, p, result.feedback, 'run', false), content: [item] });
        out.push({ name: `${item.exercise.id}/${p}/last feedback`, card: views.feedback(lang, item, p, result.feedback, 'run', true), content: [item] });
      }
      out.push({ name: `${item.exercise.id}/${p}/summary`, card: views.summary(lang, item, summarise(item.exercise, item.dimensions, started.state)), content: [item] });
      const votes = moment.choices.map((c, i) => ({ momentId: moment.id, userId: `u${i}`, choiceId: c.id }));
      const session: GroupSession = {
        id: 's', conversationId: 'c', ref: { serviceUrl: 'http://x', channelId: 'msteams', conversation: { id: 'c' }, bot: { id: 'b' } },
        exerciseId: item.exercise.id, perspective: p, facilitatorId: 'u0', showMissing: true, status: 'running', momentId: moment.id, revealed: false,
        path: [], memberIds: ['29:1'], memberCount: 6, version: 1, startedAt: new Date(), updatedAt: new Date(),
      };
      for (const revealed of [false, true]) {
        for (const viewer of ['shared', { facilitator: true }, { facilitator: false, choiceId: moment.choices[0]!.id }] as const) {
          out.push({ name: `${item.exercise.id}/${p}/group moment`, card: groups.moment(lang, item, { ...session, revealed }, { votes, memberCount: 6 }, viewer), content: [item] });
        }
      }
      const finished = { ...session, status: 'finished' as const, momentId: null, path: script.moments.map((m) => ({ moment: m.id, choice: m.choices[0]!.id })) };
      out.push({ name: `${item.exercise.id}/${p}/group summary`, card: groups.summary(lang, item, finished, votes), content: [item] });
    }
  }
  for (const item of micros.slice(0, 3)) {
    for (const p of perspectivesOf(item.exercise)) {
      out.push({ name: `${item.exercise.id}/${p}/micro`, card: followup.micro(lang, item, p, 'd1', 42), content: [item] });
      out.push({ name: `${item.exercise.id}/${p}/micro answered`, card: followup.micro(lang, item, p, 'd1', 42, 0), content: [item] });
      const started = start(item.exercise, p, 42);
      if (started.type !== 'started') continue;
      const r = choose(item.exercise, started.state, started.view.momentId, started.view.choices[0]!.id);
      if (r.type === 'feedback') out.push({ name: `${item.exercise.id}/${p}/micro feedback`, card: followup.feedback(lang, item, p, r.feedback, strings(lang).followup.last), content: [item] });
    }
  }
  const series = { id: 's', source: 'group' as const, cadence: { count: 6, perWeek: 2, timeOfDay: '09:30' }, createdAt: new Date() };
  const report = {
    enrolled: 12, optedOut: 1, removed: 1, inactive: 1, delivered: 30, answered: 21, failed: 3, planned: 40,
    failures: ['unreachable:403', 'gave-up:throttled', 'no-micro', 'app removed or user gone (403)'].map((reason) => ({ reason, count: 1 })),
  };
  out.push({ name: 'follow-up report', card: followup.report(lang, series, report, [], [{ week: 1, delivered: 16, answered: 12 }, { week: 2, delivered: 14, answered: 9 }, { week: 3, delivered: 0, answered: 0 }], () => '30 november'), content: [] });
  return out;
}

describe('no sentence of the other language in any reply or card', () => {
  it('the check itself finds a sentence of the other language', () => {
    assert.deepEqual(wordsOf('en', 'Je bent aangemeld. You are signed up.'), ['you']);
    assert.deepEqual(wordsOf('nl', 'Typ "oefeningen" om te beginnen'), ['om', 'typ', 'oefeningen']);
    assert.equal(withoutContent('Jouw keuze: Bel de wethouder nu', ['Bel de wethouder nu']).trim(), 'Jouw keuze:');
    assert.equal(withoutContent('A. Bel de wethouder nu en vraag wat hij wil…', ['Bel de wethouder nu en vraag wat hij wil weten']).trim(), 'A.  …');
    assert.equal(withoutContent('Bel de wethouder nu en vraag het', ['Bel de wethouder nu en vraag wat hij wil weten']), 'Bel de wethouder nu en vraag het', 'another text that starts alike stays');
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`every interface string in ${lang === 'nl' ? 'Dutch' : 'English'}, with sample arguments`, () => {
      const leaks = allStrings(lang)
        .map(([key, text]) => [key, text, wordsOf(other(lang), text)] as const)
        .filter(([, , words]) => words.length > 0)
        .map(([key, text, words]) => `${key}: "${text}" has ${words.join(', ')}`);
      assert.deepEqual(leaks, []);
    });

    it(`every card in ${lang === 'nl' ? 'Dutch' : 'English'}, without the exercise content`, () => {
      const cards = allCards(lang);
      assert.ok(cards.length > 40, `only ${cards.length} cards`);
      const leaks: string[] = [];
      for (const { name, card, content } of cards) {
        const own = contentOf(content);
        for (const text of textsOf(card)) {
          const words = wordsOf(other(lang), withoutContent(text, own));
          if (words.length) leaks.push(`${name}: "${text}" has ${words.join(', ')}`);
        }
      }
      assert.deepEqual(leaks, []);
    });
  }
});
