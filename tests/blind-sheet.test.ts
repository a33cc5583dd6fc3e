import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blindSheet, scoreAnswers } from '../src/content/blind-sheet';
import { shownChoices } from '../src/engine/order';
import type { Moment, Playable } from '../src/content/schema';

function moment(id: string, choices: [string, string, Record<string, number>][], order?: 'fixed'): Moment {
  return {
    id,
    says: '"Wat doe je?"',
    context: 'Het is maandag.',
    branch: false,
    order,
    choices: choices.map(([cid, label, effects]) => ({ id: cid, label, feedback: 'GEHEIME FEEDBACK.', otherSide: 'GEHEIME ANDERE KANT.', effects })),
  };
}

const exercise = {
  id: 'casus', title: 'De casus', summary: 'S', language: 'nl', minutes: 5, tags: { theme: ['t'], level: 'gemeente' }, dimensions: ['timing'],
  perspectives: {
    ambtenaar: {
      counterpart: { name: 'Els', function: 'wethouder' }, you: 'adviseur', briefing: 'Er is nieuws.',
      moments: [
        moment('een', [['vandaag', 'Vandaag bellen.', { timing: 2 }], ['morgen', 'Morgen mailen.', { timing: 1 }], ['nooit', 'Niets doen.', { timing: -1 }]]),
        moment('twee', [['x', 'Links.', { timing: 1 }], ['y', 'Rechts.', { timing: 1 }]], 'fixed'),
      ],
      closing: { tips: {}, reflection: 'En nu?', debrief: ['Wat zag je?'] },
    },
  },
} as unknown as Playable;

describe('blind test of the wording (validate --blind-sheet)', () => {
  const { sheet, key } = blindSheet([{ file: 'dialogs/x/casus.yaml', exercise }], 7);

  it('shows what a participant sees before choosing, and nothing of the scoring', () => {
    assert.match(sheet, /Briefing: Er is nieuws\./);
    assert.match(sheet, /### Q1\nEls: "Wat doe je\?"\nContext: Het is maandag\./);
    assert.doesNotMatch(sheet, /GEHEIME|timing|vandaag\b|morgen\b/, 'feedback, effects or choice ids leaked into the sheet');
  });

  it('letters the choices in the order a run with the same seed shows them, and keys the best letters', () => {
    const shown = shownChoices(exercise.perspectives.ambtenaar!.moments[0]!, 7).map((c) => c.id);
    assert.deepEqual(key.Q1!.ids, shown);
    assert.deepEqual(key.Q1!.best, ['ABC'[shown.indexOf('vandaag')]]);
    assert.match(sheet, new RegExp(`${'ABC'[shown.indexOf('vandaag')]}\\. Vandaag bellen\\.`));
    // A fixed moment keeps its file order; a tie at the top counts both letters.
    assert.deepEqual(key.Q2, { file: 'dialogs/x/casus.yaml', perspective: 'ambtenaar', moment: 'twee', ids: ['x', 'y'], best: ['A', 'B'] });
  });

  it('scores answers against the key, with the chance of a random pick', () => {
    const best = key.Q1!.best[0]!;
    const wrong = 'ABC'.split('').find((l) => l !== best)!;
    assert.deepEqual(scoreAnswers(key, `Q1: ${best} # sure\nQ2: B\n`), { answered: 2, questions: 2, hits: 2, chance: 1 / 3 + 1, singleBest: 1, singleBestHits: 1 });
    assert.deepEqual(scoreAnswers(key, `q1 = ${wrong}\nnonsense\n`), { answered: 1, questions: 2, hits: 0, chance: 1 / 3, singleBest: 1, singleBestHits: 0 });
  });

  it('writes the sheet and the key apart from the command line, and scores a file of answers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-blind-'));
    try {
      const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/content/cli.ts', ...args], { encoding: 'utf8' });
      assert.match(run('--root', 'tests/fixtures/content', '--blind-sheet', dir, 'tests/fixtures/content/good'), /moment\(s\): give the reader .*sheet\.md only; keep key\.json apart/);
      const written = JSON.parse(fs.readFileSync(path.join(dir, 'key.json'), 'utf8')) as Record<string, { best: string[] }>;
      const answers = Object.entries(written).map(([q, k]) => `${q}: ${k.best[0]}`).join('\n');
      fs.writeFileSync(path.join(dir, 'answers.txt'), answers);
      const n = Object.keys(written).length;
      assert.ok(n > 0);
      assert.match(run('--blind-score', dir, path.join(dir, 'answers.txt')), new RegExp(`answered ${n} of ${n}; best choice picked in ${n} = 100%`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
