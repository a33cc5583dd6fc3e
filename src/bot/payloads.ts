/**
 * Card payloads (Action.Submit data), validated with zod before any handler runs. Anything
 * that does not parse is answered politely and changes nothing.
 *
 * Teams clients leave out the keys of inputs that are empty (Input.Time on desktop, a ChoiceSet
 * with nothing chosen, a Toggle on some clients), or send them as "". So every card input is
 * optional here and means its default when absent or empty; the handler applies the default (the
 * one the card preselects). The button's own data (ids) is required. A known verb with a field
 * missing or not one of its values gets an answer naming the field; only an unknown verb gets the
 * "button not recognised" answer (readPayload).
 */
import { z } from 'zod';
import { DIFFICULTIES, LEVELS, PERSPECTIVES } from '../content/schema';

const id = z.string().min(1).max(100);
/** The catalogue filter's "all" (and an empty input) mean: no filter. */
const emptyAsUndefined = (v: unknown) => (v === '' || v === null || v === 'all' ? undefined : v);
/** A card input: absent or empty means "the default" (undefined); a value that is not one of its own is named in the answer. */
const input = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

export const CardPayload = z.discriminatedUnion('verb', [
  z.object({
    verb: z.literal('catalogue'),
    level: input(z.enum(LEVELS)),
    theme: input(id),
    difficulty: input(z.enum(DIFFICULTIES)),
  }),
  z.object({ verb: z.literal('results') }),
  z.object({ verb: z.literal('privacy.forget') }),
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('start'), exerciseId: id, perspective: z.enum(PERSPECTIVES) }),
  z.object({ verb: z.literal('choose'), runId: id, momentId: id, choiceId: id }),
  z.object({ verb: z.literal('next'), runId: id, momentId: id }),
  z.object({ verb: z.literal('begin'), runId: id }),
  // Group exercises: the catalogue's start buttons, and the Action.Submit fallbacks of the shared card.
  z.object({ verb: z.literal('group.catalogue') }),
  z.object({
    verb: z.literal('group.start'),
    exerciseId: id,
    perspective: z.enum(PERSPECTIVES),
    showMissing: input(z.enum(['true', 'false'])),
  }),
  z.object({ verb: z.literal('group.vote'), sessionId: id, momentId: id, choiceId: id }),
  // Follow-up: the trainer's set-up after a group exercise, a participant's sign-up, a micro-exercise answer.
  z.object({ verb: z.literal('followup.setup'), sessionId: id }),
  z.object({
    verb: z.literal('followup.create'), sessionId: id, theme: input(id), perWeek: input(z.string().max(2)), weeks: input(z.string().max(2)),
    time: input(z.string().max(8)), everyone: input(z.enum(['true', 'false'])),
  }),
  z.object({
    verb: z.literal('followup.enrol'), theme: input(id), perWeek: input(z.string().max(2)), weeks: input(z.string().max(2)),
    time: input(z.string().max(8)), perspective: input(z.enum(['ambtenaar', 'bestuurder', 'either'])), sessionId: z.string().optional(),
  }),
  z.object({ verb: z.literal('micro.choose'), deliveryId: id, choiceId: id }),
  z.object({ verb: z.literal('group.reveal'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.next'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.finish'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.missing'), sessionId: id, momentId: id }),
  z.object({ verb: z.literal('group.refresh'), sessionId: id, momentId: id }),
]);
export type CardPayload = z.infer<typeof CardPayload>;

const VERBS: ReadonlySet<string> = new Set(CardPayload.options.map((o) => o.shape.verb.value));

/**
 * What a click carried: the payload; or, for a known verb, the fields that are missing or malformed
 * (their keys, e.g. ["momentId"]); or, for anything else, unknown.
 */
export type PayloadReading = { payload: CardPayload } | { verb: CardPayload['verb']; missing: string[] } | { unknown: true };

/** The missing fields as a message shows them: "momentId", "choiceId". */
export const fieldNames = (fields: string[]) => fields.map((f) => `"${f}"`).join(', ');

export function readPayload(value: unknown): PayloadReading {
  const parsed = CardPayload.safeParse(value);
  if (parsed.success) return { payload: parsed.data };
  const verb = (value as { verb?: unknown } | null | undefined)?.verb;
  if (typeof verb !== 'string' || !VERBS.has(verb)) return { unknown: true };
  return { verb: verb as CardPayload['verb'], missing: [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))] };
}

const PAYLOAD = Symbol('samenspel.payload');

/** The turn's card payload, read once per turn and shared by the router and the dialogs. */
export function readingOf(context: { activity: { value?: unknown }; turnState: Map<unknown, unknown> }): PayloadReading {
  if (!context.turnState.has(PAYLOAD)) context.turnState.set(PAYLOAD, readPayload(context.activity.value));
  return context.turnState.get(PAYLOAD) as PayloadReading;
}

/** The turn's valid card payload, if any. */
export function payloadOf(context: { activity: { value?: unknown }; turnState: Map<unknown, unknown> }): CardPayload | undefined {
  const reading = readingOf(context);
  return 'payload' in reading ? reading.payload : undefined;
}

/** Sets the turn's payload: a typed choice goes the same way as the click it stands for. */
export function usePayload(context: { turnState: Map<unknown, unknown> }, payload: CardPayload): void {
  context.turnState.set(PAYLOAD, { payload } satisfies PayloadReading);
}

/** Universal Actions (Action.Execute) on the shared group card: the verb and its data. */
const TRAINER_VERBS = ['group.reveal', 'group.next', 'group.finish', 'group.missing', 'group.refresh'] as const;
export const GroupAction = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('group.vote'), data: z.object({ sessionId: id, momentId: id, choiceId: id }) }),
  z.object({ verb: z.enum(TRAINER_VERBS), data: z.object({ sessionId: id, momentId: id }) }),
]);
export type GroupAction = z.infer<typeof GroupAction>;

const GROUP_VERBS: ReadonlySet<string> = new Set(['group.vote', ...TRAINER_VERBS]);

/** An Action.Execute: the action; or, for a known verb, the data fields missing; or unknown. */
export function readGroupAction(value: unknown): { action: GroupAction } | { verb: string; missing: string[] } | { unknown: true } {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const parsed = GroupAction.safeParse({ verb: action?.verb, data: action?.data });
  if (parsed.success) return { action: parsed.data };
  if (typeof action?.verb !== 'string' || !GROUP_VERBS.has(action.verb)) return { unknown: true };
  return { verb: action.verb, missing: [...new Set(parsed.error.issues.map((i) => String(i.path[1] ?? i.path[0] ?? '?')))] };
}


/** The refresh of the report-link card (cards/report-link.json): shows the facilitator their link. */
const ReportLinkAction = z.object({ verb: z.literal('report.link'), data: z.object({ sessionId: id }) });

/** The report-link refresh: its session; `missing` when the verb is ours but the data is not; undefined for any other verb. */
export function readReportLinkAction(value: unknown): { sessionId: string } | { missing: string[] } | undefined {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  if (action?.verb !== 'report.link') return undefined;
  const parsed = ReportLinkAction.safeParse({ verb: action.verb, data: action.data });
  return parsed.success ? { sessionId: parsed.data.data.sessionId } : { missing: ['sessionId'] };
}
