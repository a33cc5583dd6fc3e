/**
 * The saved state of one run through an exercise: plain, serialisable data with a schema
 * version, so that state written by an older release is migrated or cleanly dropped, never misread.
 *
 * Versions: 1 (no seed; choices in file order) → 2 (`seed`: the order of the choices, see order.ts).
 * A version-1 run is read as version 2 with seed null, so it keeps showing the file order it
 * started with and its letters stay the ones the participant saw.
 */
import { z } from 'zod';

export const RUN_STATE_VERSION = 2;

const fields = {
  exerciseId: z.string(),
  perspective: z.enum(['ambtenaar', 'bestuurder']),
  /** The moment waiting for a choice; null once the closing is reached. */
  current: z.string().nullable(),
  answers: z.array(z.object({ moment: z.string(), choice: z.string() })),
};

export const RunState = z.object({
  v: z.literal(RUN_STATE_VERSION),
  ...fields,
  /** Seed of the order in which choices are shown (32-bit unsigned); null: file order. */
  seed: z.number().int().min(0).max(0xffff_ffff).nullable(),
});
export type RunState = z.infer<typeof RunState>;

const RunStateV1 = z.object({ v: z.literal(1), ...fields });

/** Reads state from storage, migrating older versions; anything else reads as undefined. */
export function readRunState(raw: unknown): RunState | undefined {
  const parsed = RunState.safeParse(raw);
  if (parsed.success) return parsed.data;
  const v1 = RunStateV1.safeParse(raw);
  return v1.success ? { ...v1.data, v: RUN_STATE_VERSION, seed: null } : undefined;
}
