/**
 * npm run validate [paths…]          check exercise files (default: all of dialogs/)
 * npm run validate -- --print <id>   read one exercise as plain text
 * npm run validate -- --root <dir>   use another content root (default: dialogs)
 * npm run validate -- --stats [paths…]  also print the dilemma figures per moment and for the library
 * npm run validate -- --print <id> --pack <client>  read it with the values of a client pack
 * npm run validate -- --blind-sheet <dir> [paths…]   write a blind test: sheet.md for the reader, key.json apart
 * npm run validate -- --blind-score <dir> <answers>  score a reader's answers (lines "Q12: B") against key.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { blindSheet, scoreAnswers } from './blind-sheet';
import { loadContent } from './load';
import { formatProblem } from './problems';
import { printPlayable } from './print';
import { tailorItem } from './tailoring';
import { exerciseFigures } from './dilemma-figures';
import { statsReport, summarySentence, type FiguresOf } from './stats-report';

function main(argv: string[]): number {
  let root = 'dialogs';
  let printId: string | undefined;
  let valuesOf: string | undefined;
  let stats = false;
  let blindDir: string | undefined;
  let scoreDir: string | undefined;
  const targets: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--print') printId = argv[++i];
    else if (arg === '--root') root = argv[++i] ?? root;
    else if (arg === '--stats') stats = true;
    else if (arg === '--pack') valuesOf = argv[++i];
    else if (arg === '--blind-sheet') blindDir = argv[++i];
    else if (arg === '--blind-score') scoreDir = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run validate [--stats] [paths…]  |  npm run validate -- --print <id> [--pack <client pack>]  [--root dialogs]\n' +
        '       npm run validate -- --blind-sheet <dir> [paths…]  |  npm run validate -- --blind-score <dir> <answers file>');
      return 0;
    } else targets.push(arg);
  }
  if (argv.includes('--print') && !printId) {
    console.error('--print needs an exercise id, for example: npm run validate -- --print pers-belt-brand');
    return 1;
  }

  if (scoreDir) return blindScore(scoreDir, targets[0]);
  const result = loadContent({ root: path.resolve(root), targets: targets.length > 0 ? targets : undefined });
  if (printId) {
    const item = result.items.find((i) => i.exercise.id === printId);
    if (!item) {
      console.error(`No exercise with id "${printId}". Known ids: ${result.items.map((i) => i.exercise.id).join(', ')}`);
      return 1;
    }
    const client = valuesOf ? result.packFiles.get(valuesOf) : undefined;
    if (valuesOf && client?.data.tailors !== item.pack) {
      const clients = [...result.packFiles.values()].filter((p) => p.data.tailors === item.pack).map((p) => p.pack);
      console.error(`Pack "${valuesOf}" does not tailor ${item.pack}. Packs that do: ${clients.join(', ') || 'none'}`);
      return 1;
    }
    console.log(printPlayable(valuesOf ? tailorItem(item, result.packFiles, valuesOf) : item));
    return 0;
  }

  if (blindDir) {
    const { sheet, key } = blindSheet(result.items.filter((i) => !result.packFiles.get(i.pack)?.data.tailors), BLIND_SEED);
    fs.mkdirSync(blindDir, { recursive: true });
    fs.writeFileSync(path.join(blindDir, 'sheet.md'), sheet);
    fs.writeFileSync(path.join(blindDir, 'key.json'), `${JSON.stringify(key, null, 1)}\n`);
    console.log(`${Object.keys(key).length} moment(s): give the reader ${path.join(blindDir, 'sheet.md')} only; keep key.json apart.`);
    return 0;
  }

  const figures: FiguresOf[] = result.items.map((i) => ({
    file: i.file,
    kind: i.kind,
    difficulty: i.exercise.difficulty,
    figures: exerciseFigures(i.exercise),
  }));
  if (stats) console.log(`${statsReport(figures, targets.length > 0 ? 'The files given' : 'Library')}\n`);
  for (const problem of result.problems) console.error(formatProblem(problem));
  const exercises = result.items.filter((i) => i.kind === 'exercise');
  const micros = result.items.filter((i) => i.kind === 'micro');
  const scripts = exercises.reduce((n, i) => n + Object.keys(i.exercise.perspectives).length, 0);
  const packs = new Set(result.items.map((i) => i.pack));
  const clients = [...result.packFiles.values()].filter((p) => p.data.tailors).map((p) => `${p.pack} (tailors ${p.data.tailors})`);
  if (result.problems.length > 0) {
    console.error(`\n${result.problems.length} problem(s) in ${result.filesRead} file(s). Fix them and run npm run validate again. ${summarySentence(figures)}`);
    return 1;
  }
  console.log(
    `OK: ${result.filesRead} file(s), ${exercises.length} exercise(s) with ${scripts} playable script(s), ` +
      `${micros.length} micro-exercise(s), pack(s): ${[...packs].join(', ') || 'none'}${clients.length > 0 ? `, client pack(s): ${clients.join(', ')}` : ''}. ${summarySentence(figures)}`,
  );
  return 0;
}

/** A fixed seed, so that two readers of the same files see the same sheet. */
const BLIND_SEED = 20261130;

function blindScore(dir: string, answersFile: string | undefined): number {
  if (!answersFile) {
    console.error('--blind-score needs the folder of the sheet and the answers file, for example: npm run validate -- --blind-score /tmp/blind answers.txt');
    return 1;
  }
  const key = JSON.parse(fs.readFileSync(path.join(dir, 'key.json'), 'utf8'));
  const s = scoreAnswers(key, fs.readFileSync(answersFile, 'utf8'));
  const pct = (a: number, b: number) => (b === 0 ? '–' : `${Math.round((100 * a) / b)}%`);
  console.log(
    `answered ${s.answered} of ${s.questions}; best choice picked in ${s.hits} = ${pct(s.hits, s.answered)} ` +
      `(a random pick: ${pct(s.chance, s.answered)}); moments with one best choice: ${s.singleBestHits} of ${s.singleBest} = ${pct(s.singleBestHits, s.singleBest)}`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
