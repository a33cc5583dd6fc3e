/**
 * Card payloads (Action.Submit data), validated with zod before any handler runs. Anything
 * that does not parse is answered politely and changes nothing.
 */
import { z } from 'zod';
import { LEVELS, PERSPECTIVES } from '../content/schema';

const id = z.string().min(1).max(100);
/** The catalogue filter's "all" (and an empty input) mean: no filter. */
const emptyAsUndefined = (v: unknown) => (v === '' || v === null || v === 'all' ? undefined : v);

export const CardPayload = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('catalogue'),
    level: z.preprocess(emptyAsUndefined, z.enum(LEVELS).optional()),
    theme: z.preprocess(emptyAsUndefined, id.optional()),
  }),
  z.object({ verb: z.literal('results') }),
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('start'), exerciseId: id, perspective: z.enum(PERSPECTIVES) }),
  z.object({ verb: z.literal('choose'), runId: id, momentId: id, choiceId: id }),
  z.object({ verb: z.literal('next'), runId: id, momentId: id }),
]);
export type CardPayload = z.infer<typeof CardPayload>;

export function parsePayload(value: unknown): CardPayload | undefined {
  const parsed = CardPayload.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const PAYLOAD = Symbol('samenspel.payload');

/** The turn's card payload, validated once per turn and shared by the router and the dialogs. */
export function payloadOf(context: { activity: { value?: unknown }; turnState: Map<unknown, unknown> }): CardPayload | undefined {
  if (!context.turnState.has(PAYLOAD)) context.turnState.set(PAYLOAD, parsePayload(context.activity.value));
  return context.turnState.get(PAYLOAD) as CardPayload | undefined;
}
