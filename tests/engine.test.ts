import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadContent, type LoadedPlayable } from '../src/content/load';
import {
  choose,
  currentView,
  otherPerspective,
  readRunState,
  start,
  summarise,
  weeklyProgress,
  type RunState,
} from '../src/engine';

const root = path.join(__dirname, 'fixtures', 'content');
const library = loadContent({ root, targets: [path.join(root, 'good')] });
const item = (id: string): LoadedPlayable => library.items.find((i) => i.exercise.id === id)!;
const casus = item('kleine-casus');

/** Plays a transcript: each choice in, the feedback and the next moment out. */
function play(state: RunState, choices: string[]) {
  const lines: string[] = [];
  for (const choiceId of choices) {
    const result = choose(casus.exercise, state, state.current ?? '-', choiceId);
    assert.equal(result.type, 'feedback', `choice ${choiceId} was rejected`);
    if (result.type !== 'feedback') break;
    lines.push(`${choiceId} → ${result.feedback.text} | ${result.next ? `${result.next.momentId} (${result.next.step}/${result.next.steps})` : 'einde'}`);
    state = result.state;
  }
  return { state, lines };
}

function started(perspective: 'ambtenaar' | 'bestuurder' = 'ambtenaar'): RunState {
  const result = start(casus.exercise, perspective, 2026);
  assert.equal(result.type, 'started');
  return result.type === 'started' ? result.state : assert.fail();
}

describe('engine', () => {
  it('starts at the first moment and shows the counterpart, the words and the choices (seed null: in file order)', () => {
    const result = start(casus.exercise, 'ambtenaar', null);
    assert.equal(result.type, 'started');
    if (result.type !== 'started') return;
    assert.deepEqual(result.view, {
      exerciseId: 'kleine-casus',
      perspective: 'ambtenaar',
      momentId: 'een',
      step: 1,
      steps: 2,
      counterpart: { name: 'Anna', function: 'wethouder Wonen' },
      says: 'Wat weten we?',
      choices: [
        { id: 'vroeg', label: 'Meteen vertellen.' },
        { id: 'laat', label: 'Eerst uitzoeken.' },
      ],
    });
  });

  it('plays the main line: feedback after each choice, then the end', () => {
    const { state, lines } = play(started(), ['vroeg', 'verhaal']);
    assert.deepEqual(lines, [
      'vroeg → Vroeg is goed. Zij hoort het van jou. | twee (2/2)',
      'verhaal → Goed vertaald. Zij kan het dragen. | einde',
    ]);
    assert.equal(state.current, null);
  });

  it('follows a branch only after the choice that leads to it, then rejoins the main line', () => {
    const { lines } = play(started(), ['laat', 'sorry', 'dossier']);
    assert.deepEqual(lines, [
      'laat → Zorgvuldig. Maar zij wacht. | omweg (2/3)',
      'sorry → Eerlijk. Dat helpt. | twee (3/3)',
      'dossier → Volledig. Maar te lang voor de raad. | einde',
    ]);
  });

  it('gives what the other role heard with the feedback', () => {
    const result = choose(casus.exercise, started(), 'een', 'laat');
    assert.equal(result.type === 'feedback' && result.feedback.otherSide, 'Anna wordt ongerust.');
  });

  it('rejects an unknown choice and leaves the state as it was', () => {
    const state = started();
    const before = structuredClone(state);
    const result = choose(casus.exercise, state, 'een', 'bestaat-niet');
    assert.deepEqual(result, { type: 'rejected', reason: 'unknown-choice', state: before });
    assert.deepEqual(state, before);
  });

  it('rejects a choice for a moment that is no longer current (an old card)', () => {
    const { state } = play(started(), ['vroeg']);
    const result = choose(casus.exercise, state, 'een', 'laat');
    assert.equal(result.type, 'rejected');
    assert.equal(result.type === 'rejected' && result.reason, 'not-current');
    assert.deepEqual(result.state, state);
  });

  it('rejects any choice once the run is finished', () => {
    const { state } = play(started(), ['vroeg', 'verhaal']);
    const result = choose(casus.exercise, state, 'twee', 'dossier');
    assert.equal(result.type === 'rejected' && result.reason, 'finished');
  });

  it('rejects state that belongs to another exercise', () => {
    const micro = item('woord-snel');
    const result = choose(micro.exercise, started(), 'een', 'vroeg');
    assert.equal(result.type === 'rejected' && result.reason, 'wrong-exercise');
  });

  it('rejects a perspective the exercise does not have', () => {
    // A situation micro-exercise may have one side only (word-meaning ones have both).
    const word = item('woord-snel').exercise;
    const oneSided = { ...word, kind: 'situatie' as const, perspectives: { ambtenaar: word.perspectives.ambtenaar } };
    assert.deepEqual(start(oneSided, 'bestuurder', 1), { type: 'rejected', reason: 'no-such-perspective' });
    assert.equal(otherPerspective(oneSided, 'ambtenaar'), undefined);
    assert.equal(otherPerspective(casus.exercise, 'ambtenaar'), 'bestuurder');
  });

  it('has no current moment once finished', () => {
    const { state } = play(started(), ['vroeg', 'verhaal']);
    assert.equal(currentView(casus.exercise, state), null);
  });

  it('summarises a strong path: scores weigh every moment met, including what a choice cost elsewhere', () => {
    const { state } = play(started(), ['vroeg', 'verhaal']);
    const summary = summarise(casus.exercise, casus.dimensions, state);
    // timing: earned 2+0 of best 2+1, worst -2+0 → 4/5; vertalen: earned 0+2 of best 1+2, worst 0-2 → 4/5
    assert.deepEqual(summary.profile.map((d) => [d.id, d.score]), [['timing', 80], ['vertalen', 80]]);
    assert.equal(summary.weakest?.id, 'timing');
    assert.equal(summary.strongest?.id, 'vertalen');
    // Nothing is weak, so the one tip is for the lowest (on a tie: the first the exercise lists).
    assert.deepEqual(summary.tips, [{ dimension: 'timing', tip: 'Bel meteen.' }]);
    assert.equal(summary.reflection, 'Wat breng jij morgen vroeg?');
    assert.deepEqual(summary.debrief, ['Wanneer is informeren af?']);
  });

  it('summarises a weak path: scores relative to the moments met, a tip per weak dimension, weakest first', () => {
    const { state } = play(started(), ['laat', 'uitleg', 'dossier']);
    const summary = summarise(casus.exercise, casus.dimensions, state);
    // timing: earned -2-1+1 = -2 of best 2+1+1 = 4, worst -2-1+0 = -3 → 1/7 ≈ 14
    // vertalen: earned 1-2 = -1 of best 1+2 = 3, worst 0-2 = -2 → 1/5 = 20
    assert.deepEqual(summary.profile.map((d) => [d.id, d.score]), [['timing', 14], ['vertalen', 20]]);
    assert.deepEqual(summary.tips, [
      { dimension: 'timing', tip: 'Bel meteen.' },
      { dimension: 'vertalen', tip: 'Maak het kort.' },
    ]);
    assert.equal(summary.strongest?.id, 'vertalen');
  });

  it('falls back to the dimension set tip when the exercise gives none (micro-exercises)', () => {
    const micro = item('woord-snel');
    const s = start(micro.exercise, 'ambtenaar', 1);
    if (s.type !== 'started') return assert.fail();
    const r = choose(micro.exercise, s.state, 'vraag', 'procedure');
    if (r.type !== 'feedback') return assert.fail();
    const summary = summarise(micro.exercise, micro.dimensions, r.state);
    assert.deepEqual(summary.tips, [{ dimension: 'timing', tip: 'Breng slecht nieuws vroeg.' }]);
  });

  it('keeps state as plain data with a schema version; unknown versions read as nothing', () => {
    const { state } = play(started(), ['vroeg']);
    const roundTripped = readRunState(JSON.parse(JSON.stringify(state)));
    assert.deepEqual(roundTripped, state);
    assert.equal(readRunState({ ...state, v: 99 }), undefined);
    assert.equal(readRunState({ exerciseId: 'x' }), undefined);
    assert.equal(readRunState('nonsense'), undefined);
  });

  it('is deterministic: the same choices give the same transcript', () => {
    assert.deepEqual(play(started(), ['laat', 'sorry', 'verhaal']), play(started(), ['laat', 'sorry', 'verhaal']));
  });
});

describe('follow-up progress per week', () => {
  const start = new Date('2026-11-30T15:00:00Z');
  const at = (days: number, hours = 0) => new Date(start.getTime() + (days * 24 + hours) * 3600_000);

  it('counts each delivery in the 7-day week it went out, its answer in the same week, and lists every planned week', () => {
    const sent = [
      { sentAt: at(0, 18), answered: true },
      { sentAt: at(6, 23), answered: false }, // the last hour of week 1
      { sentAt: at(7), answered: true }, // the first moment of week 2
    ];
    assert.deepEqual(weeklyProgress(start, 3, sent), [
      { week: 1, delivered: 2, answered: 1 },
      { week: 2, delivered: 1, answered: 1 },
      { week: 3, delivered: 0, answered: 0 },
    ]);
  });

  it('adds weeks a pause pushed deliveries into, and leaves out ones without a send time or from before the start', () => {
    const sent = [{ sentAt: at(15), answered: false }, { answered: true }, { sentAt: at(-1), answered: true }];
    assert.deepEqual(weeklyProgress(start, 2, sent).map((w) => [w.week, w.delivered, w.answered]), [[1, 0, 0], [2, 0, 0], [3, 1, 0]]);
  });
});
