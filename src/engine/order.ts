/**
 * The order in which a moment's choices are shown. Content lists the strongest choice first in
 * most moments (issue 12: 100 of 106), so showing file order lets "always pick A" win. Every
 * moment is therefore shown in a shuffled order that depends only on a seed stored with the run
 * (1:1 run state, group session, follow-up delivery) and the moment's id: the same run shows the
 * same order on every card, after a restart, on every instance. A content author can pin a
 * moment's order with `order: fixed` (e.g. a scale from mild to strong).
 *
 * PRNG: pure-rand's xoroshiro128+ with its unbiased `uniformInt`, in a Fisher–Yates shuffle.
 * Seeds are 32-bit unsigned integers drawn by the bot layer (node:crypto): the engine stays pure.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Choice, Moment } from '../content/schema';

/** FNV-1a (32 bit) of a moment id, so each moment of one run gets its own order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The indices of `moment.choices` in the order shown. `seed` null means file order: a run
 * saved before choices were shuffled keeps the letters it showed. Deterministic in (seed, moment id).
 */
export function choiceOrder(moment: Pick<Moment, 'id' | 'choices' | 'order'>, seed: number | null): number[] {
  const order = moment.choices.map((_, i) => i);
  if (seed === null || moment.order === 'fixed') return order;
  // pure-rand seeds xoroshiro's state with the seed itself (its first output is ~seed): spread
  // the bits with MurmurHash3's finaliser first and let the generator run a few steps.
  const rng = xoroshiro128plus(fmix32(seed ^ hash(moment.id)) | 0);
  for (let i = 0; i < 8; i++) rng.next();
  for (let i = order.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The moment's choices in the order shown (A, B, C, D). */
export function shownChoices(moment: Pick<Moment, 'id' | 'choices' | 'order'>, seed: number | null): Choice[] {
  return choiceOrder(moment, seed).map((i) => moment.choices[i]!);
}

/** The 0-based position (A = 0) at which a choice is shown, or -1 when the moment has no such choice. */
export function positionOf(moment: Pick<Moment, 'id' | 'choices' | 'order'>, seed: number | null, choiceId: string): number {
  return shownChoices(moment, seed).findIndex((c) => c.id === choiceId);
}

/** The short name of a moment for texts like "Bij 'De krantenkop' koos je …": its title, else its id as words. */
export function momentTitle(moment: Pick<Moment, 'id' | 'title'>): string {
  if (moment.title) return moment.title;
  const words = moment.id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
