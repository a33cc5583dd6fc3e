import { strict as assert } from 'node:assert';
import path from 'node:path';
import { loadContent } from '../src/content/load';
import type { Moment } from '../src/content/schema';
import { choiceOrder, choose, currentView, groupChoice, perspectivesOf, positionOf, readRunState, shownChoices, spreadOf, start, summarise } from '../src/engine';

const library = loadContent({ root: path.join(__dirname, '..', 'dialogs') }).items;
const fixtures = loadContent({ root: path.join(__dirname, 'fixtures', 'content'), targets: [path.join(__dirname, 'fixtures', 'content', 'good')] }).items;
const casus = fixtures.find((i) => i.exercise.id === 'kleine-casus')!;

/** Every moment of the library (exercises and micro-exercises, both perspectives). */
const moments: Moment[] = library.flatMap((item) => perspectivesOf(item.exercise).flatMap((p) => item.exercise.perspectives[p]!.moments));

/** The strongest choice of a moment: the highest sum of effects (the first listed on a tie). */
function strongest(moment: Moment): string {
  const sum = (effects: Record<string, number>) => Object.values(effects).reduce((a, b) => a + b, 0);
  return moment.choices.reduce((best, c) => (sum(c.effects) > sum(best.effects) ? c : best)).id;
}

/** Per number of choices: how often the strongest choice was shown at each position, as a fraction. */
function positions(seeds: (number | null)[], show: (moment: Moment, seed: number | null) => { id: string }[] = shownChoices): Map<number, number[]> {
  const counts = new Map<number, number[]>();
  for (const seed of seeds) {
    for (const moment of moments) {
      const n = moment.choices.length;
      const row = counts.get(n) ?? new Array<number>(n).fill(0);
      row[show(moment, seed).findIndex((c) => c.id === strongest(moment))]!++;
      counts.set(n, row);
    }
  }
  return new Map([...counts].map(([n, row]) => {
    const total = row.reduce((a, b) => a + b, 0);
    return [n, row.map((c) => c / total)];
  }));
}

const seeds = Array.from({ length: 1000 }, (_, i) => (i * 2_654_435_761) >>> 0);

/** The positions whose share is more than 3 points from uniform, as readable lines. */
function unfair(spread: Map<number, number[]>): string[] {
  return [...spread].flatMap(([n, fractions]) => fractions.flatMap((fraction, position) =>
    Math.abs(fraction - 1 / n) < 0.03 ? [] : [`with ${n} choices the strongest is shown at position ${position + 1} in ${(fraction * 100).toFixed(1)} % of runs, expected ${(100 / n).toFixed(1)} % ± 3`]));
}

describe('the order in which choices are shown', () => {
  it('puts the strongest choice in each position about equally often over 1,000 seeded runs of the library', () => {
    assert.ok(moments.length > 100, `only ${moments.length} moments`);
    const spread = positions(seeds);
    console.log(`      strongest choice per position, ${moments.length} moments × 1,000 runs: ${[...spread].map(([n, f]) => `${n} choices: ${f.map((x) => `${(x * 100).toFixed(1)} %`).join(' / ')}`).join('; ')}`);
    assert.deepEqual(unfair(spread), []);
  });

  it('catches an order that favours a position (the check itself can fail)', () => {
    // The strongest choice always first, as in file order when issue 12 was filed (100 of 106 moments).
    const strongestFirst = (moment: Moment) => [...moment.choices].sort((a, b) => Number(b.id === strongest(moment)) - Number(a.id === strongest(moment)));
    assert.ok(unfair(positions(seeds.slice(0, 10), strongestFirst)).length > 0);
    // One fixed shuffle for every run is not fair either: a run's seed must change the order.
    assert.ok(unfair(positions(seeds.slice(0, 10).map(() => 7))).length > 0);
  });

  it('is the same for the same seed and moment, differs between moments and seeds, and keeps every choice once', () => {
    const moment = moments.find((m) => m.choices.length === 3)!;
    assert.deepEqual(choiceOrder(moment, 12345), choiceOrder(moment, 12345));
    assert.deepEqual([...choiceOrder(moment, 12345)].sort(), [0, 1, 2]);
    const orders = new Set(Array.from({ length: 100 }, (_, seed) => choiceOrder(moment, seed).join('')));
    assert.equal(orders.size, 6, 'all 6 orders of three choices occur');
    const others = moments.filter((m) => m.choices.length === 3 && m !== moment).slice(0, 10);
    assert.ok(others.some((m) => choiceOrder(m, 12345).join('') !== choiceOrder(moment, 12345).join('')), 'each moment has an order of its own');
  });

  it('keeps the written order for a moment marked `order: fixed`, and for a run without a seed', () => {
    const melding = casus.exercise.perspectives.bestuurder!.moments[0]!;
    assert.equal(melding.order, 'fixed');
    for (let seed = 0; seed < 50; seed++) assert.deepEqual(choiceOrder(melding, seed), [0, 1]);
    const een = casus.exercise.perspectives.ambtenaar!.moments[0]!;
    assert.deepEqual(choiceOrder(een, null), [0, 1]);
    assert.ok(Array.from({ length: 50 }, (_, seed) => choiceOrder(een, seed)[0]).includes(1), 'without `order: fixed` the order changes with the seed');
  });

  it('shows, and reports back in the feedback, the position (letter) the run showed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const started = start(casus.exercise, 'ambtenaar', seed);
      if (started.type !== 'started') return assert.fail();
      const shown = shownChoices(casus.exercise.perspectives.ambtenaar!.moments[0]!, seed).map((c) => c.id);
      assert.deepEqual(started.view.choices.map((c) => c.id), shown);
      for (const [position, id] of shown.entries()) {
        const result = choose(casus.exercise, started.state, 'een', id);
        assert.equal(result.type === 'feedback' && result.feedback.position, position);
      }
    }
  });

  it('lets a group follow the choice shown first on a tie (not the first in the file), and counts in the order shown', () => {
    const een = casus.exercise.perspectives.ambtenaar!.moments[0]!;
    const seed = Array.from({ length: 50 }, (_, s) => s).find((s) => choiceOrder(een, s)[0] === 1)!;
    assert.equal(groupChoice(casus.exercise, 'ambtenaar', 'een', [], seed), 'laat');
    const tie = [{ momentId: 'een', userId: 'u1', choiceId: 'vroeg' }, { momentId: 'een', userId: 'u2', choiceId: 'laat' }];
    assert.equal(groupChoice(casus.exercise, 'ambtenaar', 'een', tie, seed), 'laat');
    assert.equal(groupChoice(casus.exercise, 'ambtenaar', 'een', [...tie, { momentId: 'een', userId: 'u3', choiceId: 'vroeg' }], seed), 'vroeg');
    assert.deepEqual(spreadOf(casus.exercise, 'ambtenaar', 'een', tie.slice(0, 1), seed).map((s) => [s.choiceId, s.count]), [['laat', 0], ['vroeg', 1]]);
    // A session started before the shuffle (no seed) keeps the file order, as its cards showed.
    assert.equal(groupChoice(casus.exercise, 'ambtenaar', 'een', tie, null), 'vroeg');
  });

  it('names in the recap and the tip the letters the run showed, for either order of the moment', () => {
    const twee = casus.exercise.perspectives.ambtenaar!.moments.find((m) => m.id === 'twee')!;
    const seeds = [null, ...Array.from({ length: 50 }, (_, s) => s)];
    const firsts = new Set<string>();
    for (const seed of seeds) {
      const run = { v: 2 as const, exerciseId: 'kleine-casus', perspective: 'ambtenaar' as const, current: null, answers: [{ moment: 'een', choice: 'vroeg' }, { moment: 'twee', choice: 'dossier' }], seed };
      firsts.add(shownChoices(twee, seed)[0]!.id);
      const { recap, focus } = summarise(casus.exercise, casus.dimensions, run);
      const [, second] = recap;
      assert.equal(second?.chosen.position, positionOf(twee, seed, 'dossier'));
      assert.equal(second?.stronger?.id, 'verhaal');
      assert.equal(second?.stronger?.position, positionOf(twee, seed, 'verhaal'));
      assert.equal(focus?.chosen.position, positionOf(twee, seed, 'dossier'));
      assert.equal(focus?.better.position, positionOf(twee, seed, 'verhaal'));
    }
    assert.deepEqual([...firsts].sort(), ['dossier', 'verhaal'], 'both orders of the moment were checked');
  });

  it('reads a run saved before choices were shuffled (state version 1) as a run in file order', () => {
    const v1 = { v: 1, exerciseId: 'kleine-casus', perspective: 'ambtenaar', current: 'twee', answers: [{ moment: 'een', choice: 'vroeg' }] };
    const run = readRunState(JSON.parse(JSON.stringify(v1)));
    assert.deepEqual(run, { ...v1, v: 2, seed: null });
    assert.deepEqual(currentView(casus.exercise, run!)?.choices.map((c) => c.id), ['verhaal', 'dossier']);
  });
});
