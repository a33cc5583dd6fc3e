/**
 * The briefing at the start of a run: what the participant (or the group) needs to know before
 * moment 1, and whether it gets a card of its own.
 */
import type { Perspective, Playable } from '../content/schema';
import { scriptOf } from './play';

/**
 * Above this many words the briefing gets its own card before moment 1 (with a Begin button in
 * 1:1 chat). The library's briefings of 150–190 words pushed the first moment's buttons below a
 * 1000 px screen; up to about 80 words the briefing and the buttons fit together (issue 12 §3).
 */
export const BRIEFING_OWN_CARD_ABOVE_WORDS = 80;

export interface Briefing {
  perspective: Perspective;
  /** The participant's own role and the character opposite them: the one line of context every first moment keeps. */
  you: string;
  counterpart: { name: string; function: string };
  text: string;
  words: number;
  /** True when the briefing is shown as its own card before moment 1. */
  ownCard: boolean;
}

export function briefingOf(exercise: Playable, perspective: Perspective): Briefing | undefined {
  const script = scriptOf(exercise, perspective);
  if (!script) return undefined;
  const words = script.briefing.split(/\s+/).filter(Boolean).length;
  return {
    perspective,
    you: script.you,
    counterpart: { ...script.counterpart },
    text: script.briefing,
    words,
    ownCard: words > BRIEFING_OWN_CARD_ABOVE_WORDS,
  };
}
