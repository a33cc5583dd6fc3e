/**
 * The blind test of issue 14: can an experienced reader pick the best-scoring choice from what a
 * participant sees, without the feedback? The dilemma figures (dilemma-figures.ts) measure the
 * effects; this measures the wording. Pure (no I/O): the CLI writes and reads the files.
 *
 * A sheet shows per exercise and role the briefing, then per moment what the counterpart says,
 * the context line and the labels in the order a participant would see them for `seed` (the
 * engine's own shuffle, so `order: fixed` moments stay fixed), lettered A–D. The key, kept apart,
 * names per question the file, role, moment, the choice id behind each letter and the best letters
 * (the highest net score; ties all count). Scoring reads answers as lines `Q12: B`.
 */
import { shownChoices } from '../engine/order';
import { netScore } from './dilemma-figures';
import { PERSPECTIVES, type Playable } from './schema';

export interface BlindQuestion {
  file: string;
  perspective: string;
  moment: string;
  /** The choice id behind each letter, in letter order. */
  ids: string[];
  /** Letters of the choices with the highest net score. */
  best: string[];
}

export interface BlindSheet {
  /** Markdown for the reader. */
  sheet: string;
  /** Question id (`Q1`, `Q2`, …) → what it asks; for scoring only, never for the reader. */
  key: Record<string, BlindQuestion>;
}

export interface BlindScore {
  answered: number;
  questions: number;
  /** Answers naming a best letter. */
  hits: number;
  /** Expected hits of a random pick over the answered questions (ties make it larger). */
  chance: number;
  /** Questions with exactly one best choice, and the hits among them. */
  singleBest: number;
  singleBestHits: number;
}

const LETTERS = 'ABCD';

/** Writes the sheet and key for `items` (in the given order), shuffled as a run with `seed` would. */
export function blindSheet(items: readonly { file: string; exercise: Playable }[], seed: number): BlindSheet {
  const lines: string[] = [];
  const key: Record<string, BlindQuestion> = {};
  let n = 0;
  for (const { file, exercise } of items) {
    for (const perspective of PERSPECTIVES) {
      const script = exercise.perspectives[perspective];
      if (!script) continue;
      lines.push(`## ${exercise.title} (${perspective}: ${script.you}; tegenover je: ${script.counterpart.name}, ${script.counterpart.function})`, '');
      lines.push(`Briefing: ${script.briefing.trim()}`, '');
      for (const moment of script.moments) {
        const question = `Q${++n}`;
        const shown = shownChoices(moment, seed);
        const nets = shown.map((c) => netScore(c.effects));
        const top = Math.max(...nets);
        key[question] = {
          file,
          perspective,
          moment: moment.id,
          ids: shown.map((c) => c.id),
          best: shown.map((_, i) => LETTERS[i]!).filter((_, i) => nets[i] === top),
        };
        lines.push(`### ${question}`);
        lines.push(`${script.counterpart.name}: ${moment.says.trim()}`);
        if (moment.context) lines.push(`Context: ${moment.context.trim()}`);
        shown.forEach((c, i) => lines.push(`${LETTERS[i]}. ${c.label.trim()}`));
        lines.push('');
      }
    }
  }
  return { sheet: lines.join('\n'), key };
}

/** Scores a reader's answers (lines like `Q12: B`, anything after the letter ignored) against `key`. */
export function scoreAnswers(key: Record<string, BlindQuestion>, answers: string): BlindScore {
  const given = new Map<string, string>();
  for (const line of answers.split('\n')) {
    const match = /^\s*(Q\d+)\s*[:=]\s*([A-D])\b/i.exec(line);
    if (match) given.set(match[1]!.toUpperCase(), match[2]!.toUpperCase());
  }
  const score: BlindScore = { answered: 0, questions: Object.keys(key).length, hits: 0, chance: 0, singleBest: 0, singleBestHits: 0 };
  for (const [question, { ids, best }] of Object.entries(key)) {
    const answer = given.get(question);
    if (!answer) continue;
    score.answered++;
    score.chance += best.length / ids.length;
    const hit = best.includes(answer);
    if (hit) score.hits++;
    if (best.length === 1) {
      score.singleBest++;
      if (hit) score.singleBestHits++;
    }
  }
  return score;
}
