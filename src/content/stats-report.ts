/**
 * The dilemma figures as text for `npm run validate -- --stats` and the summary line. Only
 * formatting here: the figures themselves come from dilemma-figures.ts.
 */
import {
  DILEMMA_TARGETS,
  libraryTargets,
  libraryTotals,
  share,
  type ExerciseFigures,
  type MomentFigures,
  type TargetResult,
  type Totals,
} from './dilemma-figures';

export interface FiguresOf {
  file: string;
  kind: 'exercise' | 'micro';
  difficulty?: string;
  figures: ExerciseFigures;
}

/** Pads columns to a common width; the last column is not padded. */
export function table(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => indent + r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ').trimEnd());
}

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

function momentRow(m: MomentFigures): string[] {
  return [
    m.perspective,
    m.id,
    m.choices.map((c) => `${c.id} ${signed(c.net)}`).join(' · '),
    String(m.gap),
    m.dominating ? `${m.dominating}${m.easy ? ' (easy)' : ''}` : '-',
    yesNo(m.everyChoiceCosts),
    yesNo(m.longestIsBest),
  ];
}

/** `costsDetail` follows the least-bad count, e.g. " (ambtenaar 1, bestuurder 0)". */
export function totalsLine(t: Totals, costsDetail = ''): string {
  return (
    `gap ≤ ${DILEMMA_TARGETS.closeGap} in ${share(t.close, t.moments)}, every choice costs in ${t.everyChoiceCosts}${costsDetail}, ` +
    `longest label best in ${share(t.longestIsBest, t.moments)}, unmarked dominating choice in ${t.unmarkedDominating}`
  );
}

const TARGET_TEXT: Record<TargetResult['name'], string> = {
  'no-unmarked-dominating': 'no dominating choice outside moments marked easy (moments with one)',
  'close-gaps': `best and second-best within ${DILEMMA_TARGETS.closeGap} in at least half of all moments`,
  'least-bad-per-case': 'every case has a moment where every choice costs (cases that do)',
  'longest-label': 'longest label is the best choice in at most a third of the moments',
};

export function targetLines(results: TargetResult[]): string[] {
  return table([['target', 'figure', ''], ...results.map((r) => [TARGET_TEXT[r.name], r.figure, r.met ? 'met' : 'MISSED'])]);
}

/**
 * The whole --stats report: a table per file, then the totals and targets over all of them.
 * `scope` names that whole: the library, or only the files given on the command line.
 */
export function statsReport(items: FiguresOf[], scope = 'Library'): string {
  const out: string[] = [];
  const header = ['perspective', 'moment', 'net score per choice', 'gap', 'dominating', 'all cost', 'longest=best'];
  for (const item of items) {
    const kind = item.kind === 'micro' ? 'micro' : 'case';
    out.push(`${item.file}  ${item.figures.exerciseId} (${kind}${item.difficulty ? `, ${item.difficulty}` : ''})`);
    out.push(...table([header, ...item.figures.moments.map(momentRow)]));
    // A participant plays one side: show per perspective whether it has a least-bad moment.
    const sides = [...new Set(item.figures.moments.map((m) => m.perspective))];
    const perSide = item.kind === 'exercise' && sides.length > 1
      ? ` (${sides.map((p) => `${p} ${item.figures.moments.filter((m) => m.perspective === p && m.everyChoiceCosts).length}`).join(', ')})`
      : '';
    out.push(`  → ${totalsLine(item.figures.totals, perSide)}`, '');
  }
  const all = items.map((i) => i.figures);
  out.push(`${scope}: ${items.length} exercise(s), ${libraryTotals(all).moments} moment(s)`);
  out.push(`  ${totalsLine(libraryTotals(all))}`);
  out.push(...targetLines(libraryTargets(all, items.filter((i) => i.kind === 'exercise').map((i) => i.figures))));
  return out.join('\n');
}

/** One sentence for the validation summary line. */
export function summarySentence(items: FiguresOf[]): string {
  const all = items.map((i) => i.figures);
  const targets = libraryTargets(all, items.filter((i) => i.kind === 'exercise').map((i) => i.figures));
  const missed = targets.filter((t) => !t.met).map((t) => t.name);
  return (
    `Dilemmas: ${libraryTotals(all).moments} moment(s); ${totalsLine(libraryTotals(all))}; ` +
    `library targets ${targets.length - missed.length}/${targets.length} met${missed.length ? ` (missed: ${missed.join(', ')})` : ''}` +
    `${missed.length ? '; see npm run validate -- --stats' : ''}.`
  );
}
