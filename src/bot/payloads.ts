/**
 * Card payloads (Action.Submit data), validated with zod before any handler runs. Anything
 * that does not parse is answered politely and changes nothing.
 */
import { z } from 'zod';
import { DIFFICULTIES, LEVELS, PERSPECTIVES } from '../content/schema';

const id = z.string().min(1).max(100);
/** The catalogue filter's "all" (and an empty input) mean: no filter. */
const emptyAsUndefined = (v: unknown) => (v === '' || v === null || v === 'all' ? undefined : v);

export const CardPayload = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('catalogue'),
    level: z.preprocess(emptyAsUndefined, z.enum(LEVELS).optional()),
    theme: z.preprocess(emptyAsUndefined, id.optional()),
    difficulty: z.preprocess(emptyAsUndefined, z.enum(DIFFICULTIES).optional()),
  }),
  z.object({ verb: z.literal('results') }),
  z.object({ verb: z.literal('privacy.forget') }),
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('start'), exerciseId: id, perspective: z.enum(PERSPECTIVES) }),
  z.object({ verb: z.literal('choose'), runId: id, momentId: id, choiceId: id }),
  z.object({ verb: z.literal('next'), runId: id, momentId: id }),
  // Group exercises: the catalogue's start buttons, and the Action.Submit fallbacks of the shared card.
  z.object({ verb: z.literal('group.catalogue') }),
  z.object({
    verb: z.literal('group.start'),
    exerciseId: id,
    perspective: z.enum(PERSPECTIVES),
    showMissing: z.enum(['true', 'false']).optional(),
  }),
  z.object({ verb: z.literal('group.vote'), sessionId: id, momentId: id, choiceId: id }),
  // Follow-up: the trainer's set-up after a group exercise, a participant's sign-up, a micro-exercise answer.
  z.object({ verb: z.literal('followup.setup'), sessionId: id }),
  z.object({
    verb: z.literal('followup.create'), sessionId: id, theme: id.optional(), perWeek: z.string().max(2), weeks: z.string().max(2),
    time: z.string().max(5), everyone: z.enum(['true', 'false']).optional(),
  }),
  z.object({
    verb: z.literal('followup.enrol'), theme: id.optional(), perWeek: z.string().max(2), weeks: z.string().max(2),
    time: z.string().max(5), perspective: z.enum(['ambtenaar', 'bestuurder', 'either']).optional(), sessionId: z.string().optional(),
  }),
  z.object({ verb: z.literal('micro.choose'), deliveryId: id, choiceId: id }),
  z.object({ verb: z.literal('group.reveal'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.next'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.finish'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.missing'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.refresh'), sessionId: id, momentId: id }),
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

/** Universal Actions (Action.Execute) on the shared group card: the verb and its data. */
export const GroupAction = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('group.vote'), data: z.object({ sessionId: id, momentId: id, choiceId: id }) }),
  z.object({ verb: z.enum(['group.reveal', 'group.next', 'group.finish', 'group.missing', 'group.refresh']), data: z.object({ sessionId: id, momentId: id }) }),
]);
export type GroupAction = z.infer<typeof GroupAction>;

export function parseGroupAction(value: unknown): GroupAction | undefined {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const parsed = GroupAction.safeParse({ verb: action?.verb, data: action?.data });
  return parsed.success ? parsed.data : undefined;
}
