/**
 * The order in which a participant sees the choices of a moment. Letters (A, B, C…) on every card,
 * in feedback, recaps and group texts follow this order, so everything that names a choice by
 * letter asks here. Today the order is the file's; the seeded shuffle of issue 12 §1 plugs in
 * here and every caller follows.
 */
import type { Choice, Moment } from '../content/schema';
import type { RunState } from './state';

/** The moment's choices as shown to the participant (or group) whose run `state` is. */
export function shownChoices(_state: Pick<RunState, 'exerciseId' | 'perspective'>, moment: Moment): Choice[] {
  return moment.choices;
}

/** The short name of a moment for texts like "Bij 'De krantenkop' koos je …": its title, else its id as words. */
export function momentTitle(moment: Pick<Moment, 'id' | 'title'>): string {
  if (moment.title) return moment.title;
  const words = moment.id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
