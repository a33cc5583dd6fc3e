/**
 * How one moment leads to the next. Shared by the engine (to play) and the content checks (to
 * prove every moment is reachable and every path ends in the closing).
 *
 * Rules: a choice's `next` wins; else the moment's `next`; else the next main-line moment in
 * the list (branch moments are skipped); after the last one comes the closing ("end").
 */
import type { Choice, Moment } from '../content/schema';

export const END = 'end';

/** The moment id that follows `choice` at `moments[index]`, or END. */
export function successor(moments: readonly Moment[], index: number, choice: Choice): string {
  const explicit = choice.next ?? moments[index]?.next;
  if (explicit) return explicit;
  for (let i = index + 1; i < moments.length; i++) {
    if (!moments[i]!.branch) return moments[i]!.id;
  }
  return END;
}

/** The ids reachable from the first moment, in the order they are first met. */
export function reachableMoments(moments: readonly Moment[]): Set<string> {
  const seen = new Set<string>();
  const byId = new Map(moments.map((m, i) => [m.id, i]));
  const stack = moments.length > 0 ? [0] : [];
  while (stack.length > 0) {
    const index = stack.pop()!;
    const moment = moments[index]!;
    if (seen.has(moment.id)) continue;
    seen.add(moment.id);
    for (const choice of moment.choices) {
      const next = byId.get(successor(moments, index, choice));
      if (next !== undefined) stack.push(next);
    }
  }
  return seen;
}
