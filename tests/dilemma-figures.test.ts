import { strict as assert } from 'node:assert';
import { dominates, exerciseFigures, libraryTargets, momentFigures } from '../src/content/dilemma-figures';
import type { Moment, Playable } from '../src/content/schema';

function moment(id: string, choices: [string, string, Record<string, number>][], easy?: boolean): Moment {
  return {
    id,
    says: 'Wat doe je?',
    branch: false,
    easy,
    choices: choices.map(([cid, label, effects]) => ({ id: cid, label, feedback: 'Een. Twee.', otherSide: 'Ja.', effects })),
  };
}

describe('dilemma figures', () => {
  it('computes net scores, the gap and the choice that dominates all others', () => {
    const m = momentFigures(moment('m', [
      ['goed', 'Kort.', { timing: 2, vertalen: 1 }],
      ['matig', 'Een veel langer antwoord.', { timing: 1 }],
      ['slecht', 'Nee.', { timing: -1, vertalen: 1 }],
    ]), 'ambtenaar', 0);
    assert.deepEqual(m.choices.map((c) => [c.id, c.net, c.costs]), [['goed', 3, false], ['matig', 1, false], ['slecht', 0, true]]);
    assert.equal(m.gap, 2);
    assert.equal(m.dominating, 'goed');
    assert.equal(m.everyChoiceCosts, false);
    assert.equal(m.longestIsBest, false);
  });

  it('sees no dominating choice in a trade-off, and a least-bad moment when every choice costs', () => {
    const m = momentFigures(moment('m', [
      ['snel', 'Vandaag nog, met wat we weten.', { timing: 2, zorgvuldig: -1 }],
      ['volledig', 'Volgende week, compleet.', { timing: -2, zorgvuldig: 2 }],
    ]), 'bestuurder', 3);
    assert.equal(m.dominating, undefined);
    assert.equal(m.gap, 1);
    assert.equal(m.everyChoiceCosts, true);
    assert.equal(m.longestIsBest, true);
  });

  it('counts a dimension a choice leaves out as 0 when comparing', () => {
    assert.equal(dominates({ timing: 1 }, { timing: 1, vertalen: -1 }), true);
    assert.equal(dominates({ timing: 1 }, { timing: 1 }), false);
    assert.equal(dominates({ timing: 2 }, { timing: 1, vertalen: 1 }), false);
  });

  it('counts moments of both perspectives and checks the library targets', () => {
    const script = (moments: Moment[]) => ({
      counterpart: { name: 'A', function: 'wethouder' }, you: 'adviseur', briefing: 'Er is nieuws.', moments,
      closing: { tips: {}, reflection: 'En nu?', debrief: ['Wat zag je?'] },
    });
    const exercise = {
      id: 'casus', title: 'T', summary: 'S', language: 'nl', minutes: 5, tags: { theme: ['t'], level: 'gemeente' }, dimensions: ['timing'],
      perspectives: {
        ambtenaar: script([moment('een', [['a', 'Lang label hier.', { timing: 2 }], ['b', 'Kort.', { timing: -1 }]], true)]),
        bestuurder: script([moment('twee', [['c', 'Kort.', { timing: 1, vertalen: -1 }], ['d', 'Langer label.', { timing: -1, vertalen: 1 }]])]),
      },
    } as Playable;
    const figures = exerciseFigures(exercise);
    assert.deepEqual(figures.totals, { moments: 2, close: 1, everyChoiceCosts: 1, longestIsBest: 2, unmarkedDominating: 0 });
    assert.deepEqual(libraryTargets([figures], [figures]).map((t) => [t.name, t.met, t.figure]), [
      ['no-unmarked-dominating', true, '0'],
      ['close-gaps', true, '1/2 (50%)'],
      ['least-bad-per-case', true, '1/1 (100%)'],
      ['longest-label', false, '2/2 (100%)'],
    ]);
  });
});
