/**
 * What the summary says about the choices made: per moment the choice, what it gained and cost,
 * and the stronger choice where there was one; and the moment where the participant lost most
 * on their weakest dimension, so the tip speaks about something they actually did.
 *
 * "Stronger" follows the measure of a choice: the sum of its effects over the dimensions
 * (the same sum the content checks use for "the strongest choice"). Ties go to the choice shown first.
 */
import type { Choice, Dimension, Moment, Playable } from '../content/schema';
import { countSentences } from '../content/checks';
import { momentTitle, shownChoices } from './order';
import { scriptOf } from './play';
import type { RunState } from './state';

export interface DimensionName {
  id: string;
  name: { nl: string; en: string };
}

/** A choice as the participant saw it: `position` is its 0-based place in the shown order (0 = A). */
export interface ShownChoice {
  id: string;
  position: number;
  label: string;
}

export interface MomentRecap {
  momentId: string;
  /** The moment's short name ("De krantenkop"). */
  title: string;
  chosen: ShownChoice;
  /** Dimensions the choice raised (effect > 0) and lowered (effect < 0), in the exercise's order. */
  gains: DimensionName[];
  costs: DimensionName[];
  /** The strongest choice of the moment, when it beat the one made; `why` is one line. */
  stronger?: ShownChoice & { why: string };
}

/** The moment where the participant lost most on one dimension, and what would have served it best. */
export interface Focus {
  momentId: string;
  title: string;
  dimension: DimensionName;
  chosen: ShownChoice;
  better: ShownChoice;
}

const sum = (choice: Choice) => Object.values(choice.effects).reduce((a, b) => a + b, 0);

/** The first sentence of a text (a choice's feedback), for the one-line "why". */
export function firstSentence(text: string): string {
  const trimmed = text.trim();
  if (countSentences(trimmed) <= 1) return trimmed;
  const end = trimmed.match(/^.*?[.!?…]+["'”’)]?(?=\s+["'“‘(]?[A-ZÀ-Ý0-9])/s);
  return end ? end[0] : trimmed;
}

interface Answered {
  moment: Moment;
  choice: Choice;
  shown: Choice[];
}

function answered(exercise: Playable, state: RunState): Answered[] {
  const script = scriptOf(exercise, state.perspective);
  return state.answers.flatMap((a) => {
    const moment = script?.moments.find((m) => m.id === a.moment);
    const choice = moment?.choices.find((c) => c.id === a.choice);
    return moment && choice ? [{ moment, choice, shown: shownChoices(moment, state.seed) }] : [];
  });
}

const shown = (list: Choice[], choice: Choice): ShownChoice => ({ id: choice.id, position: list.indexOf(choice), label: choice.label });

/** The recap of every answered moment, in the order played. */
export function recapOf(exercise: Playable, dimensions: readonly Dimension[], state: RunState): MomentRecap[] {
  const names = namesOf(exercise, dimensions);
  return answered(exercise, state).map(({ moment, choice, shown: list }) => {
    const strongest = list.reduce((best, c) => (sum(c) > sum(best) ? c : best), list[0]!);
    const byEffect = (sign: 1 | -1) => names.filter((d) => Math.sign(choice.effects[d.id] ?? 0) === sign);
    return {
      momentId: moment.id,
      title: momentTitle(moment),
      chosen: shown(list, choice),
      gains: byEffect(1),
      costs: byEffect(-1),
      ...(sum(strongest) > sum(choice) ? { stronger: { ...shown(list, strongest), why: strongest.why ?? firstSentence(strongest.feedback) } } : {}),
    };
  });
}

/**
 * The answered moment where the choice made lost most on `dimension` compared with the best
 * choice for it there (ties: the earliest). Undefined when no answer lost anything on it.
 */
export function focusOn(exercise: Playable, dimensions: readonly Dimension[], state: RunState, dimension: string): Focus | undefined {
  let found: (Answered & { loss: number; better: Choice }) | undefined;
  for (const a of answered(exercise, state)) {
    const value = (c: Choice) => c.effects[dimension] ?? 0;
    const better = a.shown.reduce((best, c) => (value(c) > value(best) ? c : best), a.shown[0]!);
    const loss = value(better) - value(a.choice);
    if (loss > 0 && (!found || loss > found.loss)) found = { ...a, loss, better };
  }
  const name = namesOf(exercise, dimensions).find((d) => d.id === dimension);
  if (!found || !name) return undefined;
  return {
    momentId: found.moment.id,
    title: momentTitle(found.moment),
    dimension: name,
    chosen: shown(found.shown, found.choice),
    better: shown(found.shown, found.better),
  };
}

function namesOf(exercise: Playable, dimensions: readonly Dimension[]): DimensionName[] {
  const byId = new Map(dimensions.map((d) => [d.id, d]));
  return exercise.dimensions.map((id) => ({ id, name: byId.get(id)?.name ?? { nl: id, en: id } }));
}
