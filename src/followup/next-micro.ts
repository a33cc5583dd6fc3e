/** Which micro-exercise a participant gets next, and in which role: the store's history fed to the engine. */
import type { Library } from '../content/library';
import type { LoadedPlayable } from '../content/load';
import type { Perspective } from '../content/schema';
import { perspectivesOf, pickMicro } from '../engine';
import type { Delivery, FollowupStore, RunStore, Series } from '../store/types';

export interface MicroChoice {
  item: LoadedPlayable;
  perspective: Perspective;
}

/** The series' role when the micro-exercise has it, else the micro-exercise's first role. */
export function perspectiveFor(item: LoadedPlayable, series: Series | undefined): Perspective {
  const available = perspectivesOf(item.exercise);
  return series?.perspective && available.includes(series.perspective) ? series.perspective : available[0]!;
}

export async function chooseMicro(
  deps: { library: Library; followup: FollowupStore; runs: RunStore },
  delivery: Delivery,
  series: Series | undefined,
  now: Date,
): Promise<MicroChoice | undefined> {
  const pool = deps.library.micros.filter((m) => !series?.theme || m.exercise.tags.theme.includes(series.theme));
  const own = await deps.followup.deliveriesOf(delivery.userId);
  const history = own
    .filter((d) => d.status === 'answered' && d.microId && d.answeredAt)
    .map((d) => ({ microId: d.microId!, answeredAt: d.answeredAt!, score: d.score ?? 50 }));
  const sent = own.filter((d) => d.microId && d.status === 'sent').map((d) => d.microId!);
  // The participant's profile: the average per dimension over everything they finished.
  const totals = new Map<string, { sum: number; n: number }>();
  for (const run of await deps.runs.listByUser(delivery.userId, 200)) {
    for (const p of run.profile) {
      const t = totals.get(p.dimension) ?? { sum: 0, n: 0 };
      totals.set(p.dimension, { sum: t.sum + p.score, n: t.n + 1 });
    }
  }
  const profile = new Map([...totals].map(([d, t]) => [d, t.sum / t.n]));
  const id = delivery.microId ?? pickMicro(pool.map((m) => ({ id: m.exercise.id, dimensions: m.exercise.dimensions })), history, profile, now, sent);
  const item = id ? deps.library.get(id) : undefined;
  return item ? { item, perspective: perspectiveFor(item, series) } : undefined;
}
