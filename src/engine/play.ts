/**
 * The exercise state machine. Pure: content and state in, new state and results out.
 * start → view → choose (→ feedback) … → summary.
 */
import type { Choice, Moment, Perspective, Playable, PerspectiveScript, MicroScript } from '../content/schema';
import { END, successor } from './flow';
import { positionOf, shownChoices } from './order';
import { RUN_STATE_VERSION, type RunState } from './state';

export interface MomentView {
  exerciseId: string;
  perspective: Perspective;
  momentId: string;
  /** 1-based position of this moment in the participant's path. */
  step: number;
  /** Number of moments in the participant's path as far as it is known now. */
  steps: number;
  counterpart: { name: string; function: string };
  says: string;
  context?: string;
  /** The choices in the order shown: letter A is the first. */
  choices: { id: string; label: string }[];
}

export interface Feedback {
  momentId: string;
  choiceId: string;
  /** 0-based position at which the choice was shown (A = 0): the letter the participant saw. */
  position: number;
  label: string;
  text: string;
  otherSide: string;
  effects: Record<string, number>;
}

export type StartResult =
  | { type: 'started'; state: RunState; view: MomentView }
  | { type: 'rejected'; reason: 'no-such-perspective' };

export type ChooseResult =
  | { type: 'feedback'; state: RunState; feedback: Feedback; next: MomentView | null }
  | { type: 'rejected'; reason: ChooseRejection; state: RunState };

export type ChooseRejection =
  /** The state belongs to another exercise or perspective than the one given. */
  | 'wrong-exercise'
  /** The run already reached its closing. */
  | 'finished'
  /** The choice is for a moment that is no longer (or not yet) current: an old card. */
  | 'not-current'
  /** The moment is current but has no such choice. */
  | 'unknown-choice';

type Script = PerspectiveScript | MicroScript;

export function scriptOf(exercise: Playable, perspective: Perspective): Script | undefined {
  return exercise.perspectives[perspective];
}

export function perspectivesOf(exercise: Playable): Perspective[] {
  return (['ambtenaar', 'bestuurder'] as const).filter((p) => exercise.perspectives[p]);
}

/** The perspective to play next for "play the same case as the other role", if the case has it. */
export function otherPerspective(exercise: Playable, perspective: Perspective): Perspective | undefined {
  const other: Perspective = perspective === 'ambtenaar' ? 'bestuurder' : 'ambtenaar';
  return exercise.perspectives[other] ? other : undefined;
}

/**
 * A new run. `seed` (32-bit unsigned, see order.ts `newSeed`) fixes the order in which every
 * moment's choices are shown for this run; null shows file order.
 */
export function start(exercise: Playable, perspective: Perspective, seed: number | null): StartResult {
  const script = scriptOf(exercise, perspective);
  const first = script?.moments[0];
  if (!script || !first) return { type: 'rejected', reason: 'no-such-perspective' };
  const state: RunState = { v: RUN_STATE_VERSION, exerciseId: exercise.id, perspective, current: first.id, answers: [], seed };
  return { type: 'started', state, view: viewOf(exercise, script, state, first)! };
}

/** The moment waiting for a choice, or null when the run is finished (or the state does not fit). */
export function currentView(exercise: Playable, state: RunState): MomentView | null {
  const script = scriptOf(exercise, state.perspective);
  if (!script || state.exerciseId !== exercise.id || state.current === null) return null;
  const moment = script.moments.find((m) => m.id === state.current);
  return moment ? viewOf(exercise, script, state, moment) : null;
}

export function isFinished(state: RunState): boolean {
  return state.current === null;
}

export function choose(exercise: Playable, state: RunState, momentId: string, choiceId: string): ChooseResult {
  const reject = (reason: ChooseRejection): ChooseResult => ({ type: 'rejected', reason, state });
  const script = scriptOf(exercise, state.perspective);
  if (!script || state.exerciseId !== exercise.id) return reject('wrong-exercise');
  if (state.current === null) return reject('finished');
  if (momentId !== state.current) return reject('not-current');
  const index = script.moments.findIndex((m) => m.id === momentId);
  const moment = script.moments[index];
  if (!moment) return reject('wrong-exercise');
  const choice = moment.choices.find((c) => c.id === choiceId);
  if (!choice) return reject('unknown-choice');

  const nextId = successor(script.moments, index, choice);
  const next: RunState = {
    ...state,
    current: nextId === END ? null : nextId,
    answers: [...state.answers, { moment: momentId, choice: choiceId }],
  };
  const nextMoment = script.moments.find((m) => m.id === next.current);
  return {
    type: 'feedback',
    state: next,
    feedback: feedbackOf(moment, choice, state.seed),
    next: nextMoment ? viewOf(exercise, script, next, nextMoment) : null,
  };
}

/** The feedback of answers already given, e.g. to show a choice again after a double click. */
export function feedbackFor(exercise: Playable, state: RunState, momentId: string): Feedback | undefined {
  const answer = state.answers.find((a) => a.moment === momentId);
  const moment = scriptOf(exercise, state.perspective)?.moments.find((m) => m.id === momentId);
  const choice = moment?.choices.find((c) => c.id === answer?.choice);
  return moment && choice ? feedbackOf(moment, choice, state.seed) : undefined;
}

function feedbackOf(moment: Moment, choice: Choice, seed: number | null): Feedback {
  return {
    momentId: moment.id,
    choiceId: choice.id,
    position: positionOf(moment, seed, choice.id),
    label: choice.label,
    text: choice.feedback,
    otherSide: choice.otherSide,
    effects: { ...choice.effects },
  };
}

function viewOf(exercise: Playable, script: Script, state: RunState, moment: Moment): MomentView {
  const mainLine = script.moments.filter((m) => !m.branch).length;
  const branchesOnPath = script.moments.filter(
    (m) => m.branch && (m.id === state.current || state.answers.some((a) => a.moment === m.id)),
  ).length;
  return {
    exerciseId: exercise.id,
    perspective: state.perspective,
    momentId: moment.id,
    step: state.answers.length + 1,
    steps: mainLine + branchesOnPath,
    counterpart: { ...script.counterpart },
    says: moment.says,
    ...(moment.context ? { context: moment.context } : {}),
    choices: shownChoices(moment, state.seed).map((c) => ({ id: c.id, label: c.label })),
  };
}
