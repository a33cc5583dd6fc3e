/**
 * The storyboard of one perspective: every card a participant can see, in the order of play,
 * built by the bot's own engine (start/choose/summarise) and card views (src/cards), so a card
 * here is the same template with the same data as in Teams. Pure apart from the templates.
 */
import type { LoadedPlayable } from '../content/load';
import type { Perspective } from '../content/schema';
import { netScore, type MomentFigures } from '../content/dilemma-figures';
import { briefingOf, choose, start, summarise, type MomentView, type RunState } from '../engine';
import type { Lang } from '../i18n';
import type { Card } from '../cards/render';
import type { CardViews } from '../cards/views';
import { letter } from '../cards/bar';

export interface ChoiceBoard {
  id: string;
  letter: string;
  label: string;
  otherSide: string;
  effects: Record<string, number>;
  /** The moment id that follows, or 'end'. */
  next: string;
  feedbackCard: Card;
}

export interface MomentBoard {
  id: string;
  /** Index in the perspective's moments (the path of its problems). */
  index: number;
  branch: boolean;
  step: number;
  card: Card;
  choices: ChoiceBoard[];
  figures?: MomentFigures;
}

export interface Storyboard {
  perspective: Perspective;
  /** The briefing's own card before moment 1, when the bot shows it so (a long briefing, src/engine/briefing.ts). */
  briefingCard?: Card;
  moments: MomentBoard[];
  /** The summary of an example run that always takes the choice with the highest net score. */
  summaryCard: Card;
}

/** A fixed id: the cards carry it in their buttons' data, and the studio never stores a run. */
const RUN_ID = 'studio';

/**
 * Walks the perspective breadth-first from its first moment, trying every choice, so each
 * reachable moment appears once, at the first point of play where a participant can meet it.
 * Returns undefined when the exercise has no such perspective.
 */
export function storyboard(item: LoadedPlayable, perspective: Perspective, lang: Lang, views: CardViews, figures: MomentFigures[]): Storyboard | undefined {
  // No seed: the choices in file order, so the letters are those the trainer reads in the YAML.
  const started = start(item.exercise, perspective, null);
  if (started.type !== 'started') return undefined;
  const moments = item.exercise.perspectives[perspective]!.moments;
  const queue: { state: RunState; view: MomentView }[] = [{ state: started.state, view: started.view }];
  const seen = new Set<string>();
  const boards: MomentBoard[] = [];
  while (queue.length > 0) {
    const { state, view } = queue.shift()!;
    if (seen.has(view.momentId)) continue;
    seen.add(view.momentId);
    const index = moments.findIndex((m) => m.id === view.momentId);
    const choices = view.choices.map((c, i): ChoiceBoard => {
      const result = choose(item.exercise, state, view.momentId, c.id);
      if (result.type !== 'feedback') throw new Error(`the engine refused choice ${c.id} at ${view.momentId}: ${result.reason}`);
      if (result.next) queue.push({ state: result.state, view: result.next });
      return {
        id: c.id,
        letter: letter(i),
        label: c.label,
        otherSide: result.feedback.otherSide,
        effects: result.feedback.effects,
        next: result.state.current ?? 'end',
        feedbackCard: views.feedback(lang, item, perspective, result.feedback, RUN_ID, result.next === null),
      };
    });
    boards.push({
      id: view.momentId,
      index,
      branch: moments[index]?.branch === true,
      step: view.step,
      card: views.moment(lang, item, view, RUN_ID),
      choices,
      figures: figures.find((f) => f.perspective === perspective && f.id === view.momentId),
    });
  }
  // As in 1:1 chat (src/bot/practice-dialog.ts): a long briefing first, on its own card with Begin.
  const briefing = briefingOf(item.exercise, perspective);
  const briefingCard = briefing?.ownCard ? views.briefing(lang, item, briefing, RUN_ID) : undefined;
  return { perspective, briefingCard, moments: boards, summaryCard: views.summary(lang, item, summarise(item.exercise, item.dimensions, bestRun(item, started.state))) };
}

/** Plays to the end taking, at each moment, the choice with the highest sum of effects (the first on a tie). */
function bestRun(item: LoadedPlayable, first: RunState): RunState {
  const moments = item.exercise.perspectives[first.perspective]!.moments;
  let state = first;
  // A path visits each moment at most once (the checks reject loops), so this ends.
  for (let guard = 0; state.current !== null && guard <= moments.length; guard++) {
    const moment = moments.find((m) => m.id === state.current)!;
    const best = moment.choices.reduce((b, c) => (netScore(c.effects) > netScore(b.effects) ? c : b), moment.choices[0]!);
    const result = choose(item.exercise, state, moment.id, best.id);
    if (result.type !== 'feedback') break;
    state = result.state;
  }
  return state;
}
