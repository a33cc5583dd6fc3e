/**
 * The saved state of one run through an exercise: plain, serialisable data with a schema
 * version, so that state written by an older release is migrated or cleanly dropped, never misread.
 */
import { z } from 'zod';

export const RUN_STATE_VERSION = 1;

export const RunState = z.object({
  v: z.literal(RUN_STATE_VERSION),
  exerciseId: z.string(),
  perspective: z.enum(['ambtenaar', 'bestuurder']),
  /** The moment waiting for a choice; null once the closing is reached. */
  current: z.string().nullable(),
  answers: z.array(z.object({ moment: z.string(), choice: z.string() })),
});
export type RunState = z.infer<typeof RunState>;

/** Reads state from storage; anything that is not current, valid state reads as undefined. */
export function readRunState(raw: unknown): RunState | undefined {
  const parsed = RunState.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
