import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadContent, type LoadedPlayable } from '../src/content/load';
import { formatProblem } from '../src/content/problems';
import { choose, perspectivesOf, start, summarise, type RunState } from '../src/engine';
import type { Perspective } from '../src/content/schema';

const repo = path.join(__dirname, '..');
const library = loadContent({ root: path.join(repo, 'dialogs') });
const exercises = library.items.filter((i) => i.kind === 'exercise');
const micros = library.items.filter((i) => i.kind === 'micro');

/** Every path through a script, played by the engine: each must reach the closing. */
function allPaths(item: LoadedPlayable, perspective: Perspective): RunState[] {
  const started = start(item.exercise, perspective, 1);
  if (started.type !== 'started') return assert.fail(`${item.exercise.id} ${perspective} does not start`);
  const finished: RunState[] = [];
  const walk = (state: RunState, depth: number) => {
    assert.ok(depth < 50, `${item.exercise.id}: a path does not end`);
    if (state.current === null) return void finished.push(state);
    const moment = item.exercise.perspectives[perspective]!.moments.find((m) => m.id === state.current)!;
    for (const choice of moment.choices) {
      const result = choose(item.exercise, state, moment.id, choice.id);
      assert.equal(result.type, 'feedback');
      if (result.type === 'feedback') walk(result.state, depth + 1);
    }
  };
  walk(started.state, 0);
  return finished;
}

describe('the Dutch exercise library (dialogs/)', () => {
  it('validates without a single problem, the teaching-quality rules of issue 14 included', () => {
    assert.deepEqual(library.problems.map(formatProblem), []);
  });

  it('has at least 6 cases, each playable from both perspectives, every path meeting 4 to 6 moments', () => {
    assert.ok(exercises.length >= 6, `only ${exercises.length} cases`);
    for (const item of exercises) {
      assert.deepEqual(perspectivesOf(item.exercise), ['ambtenaar', 'bestuurder'], item.exercise.id);
      for (const p of perspectivesOf(item.exercise)) {
        const lengths = new Set(allPaths(item, p).map((state) => state.answers.length));
        for (const n of lengths) assert.ok(n >= 4 && n <= 6, `${item.exercise.id} ${p}: a path with ${n} moments`);
      }
    }
  });

  it('spreads the cases over gemeente, provincie and rijk', () => {
    const levels = new Set(exercises.map((i) => i.exercise.tags.level));
    for (const level of ['gemeente', 'provincie', 'rijk'] as const) assert.ok(levels.has(level), `no case at ${level} level`);
  });

  it('has at least 24 micro-exercises, at least 8 of them about the meaning of a word', () => {
    assert.ok(micros.length >= 24, `only ${micros.length} micro-exercises`);
    const words = micros.filter((i) => 'kind' in i.exercise && i.exercise.kind === 'woordbetekenis');
    assert.ok(words.length >= 8, `only ${words.length} word-meaning micro-exercises`);
  });

  it('plays every path of every script to a summary with a tip', () => {
    let paths = 0;
    for (const item of library.items) {
      for (const p of perspectivesOf(item.exercise)) {
        for (const state of allPaths(item, p)) {
          const summary = summarise(item.exercise, item.dimensions, state);
          assert.ok(summary.profile.length > 0 && summary.tips.length > 0, `${item.exercise.id} ${p}: empty summary`);
          paths++;
        }
      }
    }
    assert.ok(paths > library.items.length);
  });
});

describe('npm run validate', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'src/content/cli.ts'), ...args], { cwd: repo, encoding: 'utf8' });

  it('exits 0 with a short summary, dilemma figures included, on valid content', () => {
    const run = cli('--root', 'tests/fixtures/content', 'tests/fixtures/content/good');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^OK: 2 file\(s\), 1 exercise\(s\) with 2 playable script\(s\), 1 micro-exercise\(s\), pack\(s\): good\. Dilemmas: 6 moment\(s\); gap ≤ 1 in 1\/6 \(17%\), every choice costs in 1, longest label best in 6\/6 \(100%\), unmarked dominating choice in 0; library targets 2\/4 met \(missed: close-gaps, longest-label\)/);
  });

  it('exits 1 on a teaching-quality problem, like on any other', () => {
    const run = cli('--root', 'tests/fixtures/content', 'tests/fixtures/content/bad/dominating-choice.yaml');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /dominating-choice\.yaml:45 {2}perspectives\.ambtenaar\.moments\[1\]\.choices\[0\]\.effects: choice "sorry" is at least as good/);
    assert.match(run.stderr, /1 problem\(s\) in 1 file\(s\)\. Fix them and run npm run validate again\. Dilemmas: 4 moment\(s\)/);
  });

  it('exits 1 and names the file, line and path on a bad file', () => {
    const run = cli('--root', 'tests/fixtures/content', 'tests/fixtures/content/bad/bad-level.yaml');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /tests\/fixtures\/content\/bad\/bad-level\.yaml:7 {2}tags\.level: should be one of/);
  });

  it('prints the dilemma figures per moment and for the library with --stats', () => {
    const run = cli('--stats', '--root', 'tests/fixtures/content', 'tests/fixtures/content/good/kleine-casus.yaml');
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('tests/fixtures/content/good/kleine-casus.yaml  kleine-casus (case, gevorderd)'), run.stdout);
    assert.ok(lines.some((l) => /^ {2}ambtenaar +een +vroeg \+2 · laat -1 +3 +- +no +yes$/.test(l)), run.stdout);
    assert.ok(lines.some((l) => /^ {2}ambtenaar +omweg +sorry \+1 · uitleg -1 +2 +sorry \(easy\) +no +yes$/.test(l)), run.stdout);
    assert.ok(lines.includes('  → gap ≤ 1 in 1/4 (25%), every choice costs in 1 (ambtenaar 0, bestuurder 1), longest label best in 4/4 (100%), unmarked dominating choice in 0'), run.stdout);
    assert.match(run.stdout, /^The files given: 1 exercise\(s\), 4 moment\(s\)$/m);
    assert.match(run.stdout, /every case has a moment where every choice costs \(cases that do\) +1\/1 \(100%\) +met$/m);
    assert.match(run.stdout, /longest label is the best choice in at most a third of the moments +\d+\/4 \(\d+%\) +(met|MISSED)$/m);
    assert.match(run.stdout + run.stderr, /Dilemmas: 4 moment\(s\); gap ≤ 1 in \d\/4/);
  });

  it('prints an exercise as plain text for review', () => {
    const run = cli('--print', 'brand-in-de-sporthal');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /=== Jij speelt de ambtenaar: senior beleidsadviseur Sport en Vastgoed ===/);
    assert.match(run.stdout, /Marieke Jansen: "De Dijkwaarder Courant belde me net/);
  });
});
