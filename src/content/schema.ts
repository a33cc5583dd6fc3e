/**
 * The content format trainers write in dialogs/. These zod schemas are the single source of
 * truth: the TypeScript types below are inferred from them, and the validator reports their
 * messages to trainers. Limits are chosen so that one moment fits comfortably on a Teams card.
 */
import { z } from 'zod';
import { withoutPlaceholders } from './variables';

export const TOO_LONG = 'is too long for a Teams card';

export const LIMITS = {
  title: 80,
  summary: 200,
  briefing: 1200,
  says: 700,
  context: 700,
  choiceLabel: 140,
  feedback: 700,
  otherSide: 400,
  tip: 400,
  question: 300,
  /** Trainer notes are read on a trainer-only card, so a little longer than a briefing. */
  background: 1500,
  name: 80,
  why: 200,
  /** A variable's value (pack.yaml): a name, a function or a place, not a paragraph. */
  variableValue: 120,
} as const;

/** Ids appear in card payloads and file names: keep them plain. */
const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'use lower-case letters, digits and single hyphens only (for example "pers-belt-brand")',
  });

/**
 * A text shown on a card, at most `max` characters. A text with {{variables}} is measured without
 * them here; filled in with each pack's values it is measured again (src/content/tailoring.ts).
 */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .refine((value) => withoutPlaceholders(value).length <= max, { error: `${TOO_LONG}: keep it to ${max} characters or fewer` });

/** How hard an exercise plays, apart from the tier of government in `tags.level`: closer dilemmas are harder. */
export const DIFFICULTIES = ['instap', 'gevorderd', 'ervaren'] as const;
export const Difficulty = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof Difficulty>;

export const LEVELS = ['gemeente', 'provincie', 'rijk', 'waterschap'] as const;
export const PERSPECTIVES = ['ambtenaar', 'bestuurder'] as const;
export const Level = z.enum(LEVELS);
export const Perspective = z.enum(PERSPECTIVES);
export type Level = z.infer<typeof Level>;
export type Perspective = z.infer<typeof Perspective>;

/** Effect of one choice on the dimensions: a small integer per dimension, -2 (costs) … +2 (gains). */
export const Effects = z.record(id, z.number().int().min(-2).max(2));

export const Choice = z.strictObject({
  id,
  label: text(LIMITS.choiceLabel),
  feedback: text(LIMITS.feedback),
  /** What the other role heard, saw or thought when this choice was made. */
  otherSide: text(LIMITS.otherSide),
  effects: Effects,
  /** Optional branch: the id of a later moment that follows only this choice, or "end". */
  next: id.optional(),
  /**
   * Optional: one sentence on why this choice is the stronger one, shown in the summary's recap
   * to a participant who chose otherwise. Without it the recap uses its feedback's first sentence.
   */
  why: text(LIMITS.why).optional(),
});

export const Moment = z.strictObject({
  id,
  /** Optional short name for the summary ("De krantenkop"); without it the id is used ("de-krantenkop" → "De krantenkop"). */
  title: text(LIMITS.name).optional(),
  /** What the bot's character says or does. */
  says: text(LIMITS.says),
  context: text(LIMITS.context).optional(),
  /** A branch moment is only reached through a choice's `next`; the main line skips it. */
  branch: z.boolean().default(false),
  /** Where to go after this moment when the choice names no `next` (default: the next main-line moment). */
  next: id.optional(),
  /**
   * An intended easy moment, where one choice may dominate the others (issue 14): the validator
   * then does not report the dominating choice. Use it sparingly, e.g. for a warm-up moment.
   */
  easy: z.boolean().optional(),
  /**
   * How the choices are shown: shuffled per run (default, so the strongest is not always A), or
   * `fixed` in the order written here, for a moment whose choices form a scale (mild → strong).
   */
  order: z.enum(['shuffled', 'fixed']).optional(),
  choices: z
    .array(Choice)
    .min(2, { error: 'a moment needs 2 to 4 choices: add a choice' })
    .max(4, { error: 'a moment needs 2 to 4 choices: remove or merge choices' }),
});

export const Character = z.strictObject({
  name: text(LIMITS.name),
  /** Function, e.g. "wethouder Ruimtelijke Ordening en Wonen" or "senior beleidsadviseur". */
  function: text(LIMITS.name),
});

export const Closing = z.strictObject({
  /** One tip per dimension, shown when the participant scored weak on it. */
  tips: z.record(id, text(LIMITS.tip)),
  /** A question for the participant to reflect on after the summary. */
  reflection: text(LIMITS.question),
  /** Questions a trainer can use for the group debrief. */
  debrief: z.array(text(LIMITS.question)).min(1, { error: 'give at least one debrief question' }),
});

export const PerspectiveScript = z.strictObject({
  /** Who the bot plays in this perspective. */
  counterpart: Character,
  /** The participant's own role, e.g. "beleidsadviseur Wonen". */
  you: text(LIMITS.name),
  /** What the participant needs to know at the start. */
  briefing: text(LIMITS.briefing),
  moments: z.array(Moment).min(1, { error: 'a perspective needs at least one moment' }),
  closing: Closing,
});

export const Tags = z.strictObject({
  theme: z.array(id).min(1, { error: 'give at least one theme' }),
  level: Level,
});

/** For the trainer only (group exercise, studio): never shown to participants. */
export const TrainerNotes = z.strictObject({
  /** The legal and procedural background, naming the article or rule (e.g. art. 169 Gemeentewet). */
  background: text(LIMITS.background),
  /** Points that trainers and participants dispute: where reasonable people score differently. */
  disputed: z.array(text(LIMITS.question)).min(1, { error: 'name at least one point trainers or participants dispute' }),
  /** Questions for the debrief of the whole case. */
  debriefQuestions: z.array(text(LIMITS.question)).min(1, { error: 'give at least one debrief question' }),
});

const exerciseFields = {
  id,
  title: text(LIMITS.title),
  summary: text(LIMITS.summary),
  language: z.enum(['nl', 'en']).default('nl'),
  minutes: z.number().int().min(1).max(60),
  tags: Tags,
  dimensions: z.array(id).min(1, { error: 'name at least one dimension this exercise trains' }),
  /** Optional for now (issue 14): becomes required once the whole library has one. */
  difficulty: Difficulty.optional(),
  trainerNotes: TrainerNotes.optional(),
};

export const Exercise = z.strictObject({
  ...exerciseFields,
  perspectives: z
    .strictObject({ ambtenaar: PerspectiveScript.optional(), bestuurder: PerspectiveScript.optional() })
    .refine((p) => p.ambtenaar || p.bestuurder, {
      error: 'give at least one perspective: ambtenaar or bestuurder',
    }),
});

/** Micro-exercises are exercises with a single moment, used for follow-up after a workshop. */
const MicroScript = PerspectiveScript.extend({
  moments: z.array(Moment).length(1, { error: 'a micro-exercise has exactly one moment: keep one and remove the others' }),
  /** Optional: the feedback after the one choice is the heart of a micro-exercise. */
  closing: Closing.optional(),
});
export const MICRO_KINDS = ['situatie', 'woordbetekenis'] as const;
export const MicroExercise = z.strictObject({
  ...exerciseFields,
  kind: z.enum(MICRO_KINDS),
  /** For the word-meaning kind: the word that means different things to the two roles. */
  word: z.string().trim().min(1).max(40).optional(),
  perspectives: z
    .strictObject({
      ambtenaar: MicroScript.optional(),
      bestuurder: MicroScript.optional(),
    })
    .refine((p) => p.ambtenaar || p.bestuurder, {
      error: 'give at least one perspective: ambtenaar or bestuurder',
    }),
});

export const Dimension = z.strictObject({
  id,
  name: z.strictObject({ nl: text(LIMITS.name), en: text(LIMITS.name) }),
  description: text(LIMITS.tip),
  /** Default tip when a participant is weak on this dimension and the exercise gives none. */
  tip: text(LIMITS.tip),
});

export const DimensionSet = z.strictObject({
  dimensions: z.array(Dimension).min(1),
});

/** A theme exercises are tagged with (tags.theme), with its name in both interface languages. */
export const Theme = z.strictObject({
  id,
  name: z.strictObject({ nl: text(LIMITS.name), en: text(LIMITS.name) }),
});

export const ThemeSet = z.strictObject({
  themes: z.array(Theme).min(1),
});

/**
 * A pack's own file, `dialogs/<pack>/pack.yaml` (issue 15): the variables its exercises may use as
 * `{{name}}`, each with a default and a line for trainers, and per-exercise defaults; or, for a
 * client pack, the pack it tailors and the values it sets (see README, Tailoring a case).
 */
const variableValue = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(LIMITS.variableValue, { error: `keep a value to ${LIMITS.variableValue} characters or fewer: it fills in a name, a function or a place` });
export const VariableValues = z.record(id, variableValue);

export const Variable = z.strictObject({
  /** A line for trainers: what the value is and how it must fit the sentence ("een de-woord"). */
  description: text(LIMITS.question),
  default: variableValue,
});

export const PackFile = z.strictObject({
  /** What this pack is, for trainers (shown in the studio's pack chooser). */
  description: text(LIMITS.question).optional(),
  /** A client pack: offers the exercises of this pack with its own values instead of copying them. */
  tailors: id.optional(),
  /** Variables this pack's exercises may use, with their defaults. */
  variables: z.record(id, Variable).optional(),
  /** Values for the tailored pack's variables (only with `tailors`). */
  values: VariableValues.optional(),
  /** Per exercise id: values that apply to that exercise only, over the pack-wide ones. */
  exercises: z.record(id, VariableValues).optional(),
});

export type Variable = z.infer<typeof Variable>;
export type PackFile = z.infer<typeof PackFile>;

export type Choice = z.infer<typeof Choice>;
export type Moment = z.infer<typeof Moment>;
export type Character = z.infer<typeof Character>;
export type Closing = z.infer<typeof Closing>;
export type MicroScript = z.infer<typeof MicroScript>;
export type PerspectiveScript = z.infer<typeof PerspectiveScript>;
export type Exercise = z.infer<typeof Exercise>;
export type MicroExercise = z.infer<typeof MicroExercise>;
export type Dimension = z.infer<typeof Dimension>;
export type TrainerNotes = z.infer<typeof TrainerNotes>;
export type DimensionSet = z.infer<typeof DimensionSet>;
export type Theme = z.infer<typeof Theme>;
/** What the engine plays: a full exercise or a micro-exercise (one moment). */
export type Playable = Exercise | MicroExercise;
