/**
 * Every interface string's key and the arguments its message takes, in one place. The texts are in
 * locales/<lang>.yaml as ICU MessageFormat; this file gives each one its TypeScript signature, so
 * `strings(lang).group.chosen(3, 6)` type-checks and a resource file that lacks a key, or uses a
 * placeholder its message does not get, stops start-up (see ./catalog.ts).
 *
 * To add a string: add its key here (text, list, or message<(…) => string>('arg', …) with the
 * argument names in the order of the parameters), then the same key in both locales/nl.yaml and
 * locales/en.yaml using exactly those placeholders. `npm test -- --grep "interface strings"` checks it.
 */

/** One entry of the key tree; F is the type callers see (a string, a list of strings or a function). */
export interface Message<F> {
  readonly kind: 'text' | 'list' | 'message';
  /** Placeholder names, in the order of the function's parameters (after `values` when given). */
  readonly args: readonly string[];
  /** Turns the positional arguments into the message's named values when they differ from args. */
  readonly values?: (...args: never[]) => Record<string, unknown>;
  /** Never set: carries F for the type of `strings()`. */
  readonly signature?: F;
}

/** A text without placeholders. */
const text: Message<string> = { kind: 'text', args: [] };
/** A list of texts without placeholders (a YAML sequence). */
const list: Message<string[]> = { kind: 'list', args: [] };

type Names<P extends unknown[]> = { [K in keyof P]-?: string };

/**
 * A message with placeholders named after F's parameters, in order. An optional argument that is
 * left out (undefined) arrives as the select keyword `none`: `{next, select, none {} other {…}}`.
 */
function message<F extends (...args: never[]) => string>(...args: Names<Parameters<F>>): Message<F> {
  return { kind: 'message', args };
}

/** A message whose named values are computed from the arguments (for a comparison ICU cannot make). */
function derived<F extends (...args: never[]) => string>(args: string[], values: (...a: Parameters<F>) => Record<string, unknown>): Message<F> {
  return { kind: 'message', args, values: values as Message<F>['values'] };
}

export const keys = {
  welcome: {
    title: text,
    intro: text,
    bullets: list,
    commands: text,
    groupCommands: text,
    catalogue: text,
    results: text,
  },
  catalogue: {
    title: text,
    shown: derived<(n: number, total: number) => string>(['n', 'total', 'all'], (n, total) => ({ n, total, all: n === total })),
    level: text,
    theme: text,
    difficulty: text,
    all: text,
    filter: text,
    none: text,
    playAs: message<(p: string) => string>('p'),
    minutes: message<(m: number) => string>('m'),
  },
  perspective: { ambtenaar: text, bestuurder: text },
  levels: { gemeente: text, provincie: text, rijk: text, waterschap: text },
  difficulties: { instap: text, gevorderd: text, ervaren: text },
  moment: {
    progress: message<(step: number, steps: number, p: string) => string>('step', 'steps', 'p'),
    roles: message<(you: string, name: string, fn: string) => string>('you', 'name', 'fn'),
    question: text,
  },
  briefing: {
    subtitle: message<(p: string) => string>('p'),
    begin: text,
    groupSubtitle: message<(p: string) => string>('p'),
    groupRoles: message<(you: string, name: string, fn: string) => string>('you', 'name', 'fn'),
    groupNext: text,
  },
  feedback: {
    otherSide: message<(name: string) => string>('name'),
    continue: text,
    toSummary: text,
  },
  summary: {
    title: text,
    subtitle: message<(title: string, p: string) => string>('title', 'p'),
    strongest: text,
    weakest: text,
    tip: text,
    reflection: text,
    another: text,
    results: text,
    playOther: message<(p: string) => string>('p'),
    recapTitle: text,
    recapHeading: message<(i: number, title: string) => string>('i', 'title'),
    youChose: message<(letter: string, label: string) => string>('letter', 'label'),
    gains: message<(names: string) => string>('names'),
    costs: message<(names: string) => string>('names'),
    neutral: text,
    stronger: message<(letter: string, why: string) => string>('letter', 'why'),
    wasStrongest: text,
    focus: message<(title: string, letter: string, label: string, dimension: string, better: string) => string>('title', 'letter', 'label', 'dimension', 'better'),
  },
  results: {
    title: text,
    intro: message<(n: number) => string>('n'),
    profile: text,
    history: text,
    catalogue: text,
    change: derived<(delta: number, p: string) => string>(['delta', 'p', 'same'], (delta, p) => ({ delta, p, same: delta === 0 })),
    what: message<(title: string, p: string, group: boolean, partial: boolean) => string>('title', 'p', 'group', 'partial'),
    cases: text,
    caseColumn: text,
    asRole: message<(p: string) => string>('p'),
    notPlayed: text,
    cutShort: text,
    partialNote: text,
  },
  /** Titles, axes and rows of the chart elements on cards (src/cards/charts.ts) and of their text fallbacks. */
  charts: {
    spread: text,
    score: text,
    bothRoles: message<(title: string) => string>('title'),
    scoreValue: message<(score: number) => string>('score'),
    weeks: text,
    week: message<(n: number) => string>('n'),
    count: text,
    weekRow: message<(delivered: number, answered: number) => string>('delivered', 'answered'),
  },
  group: {
    catalogueTitle: text,
    intro: text,
    showMissing: text,
    progress: message<(step: number, steps: number, p: string) => string>('step', 'steps', 'p'),
    // A member count of 0 means Teams gave no roster: shown as no count, like a left-out one.
    chosen: derived<(n: number, m?: number) => string>(['n', 'm'], (n, m) => ({ n, m: m || undefined })),
    revealed: message<(n: number) => string>('n'),
    yourChoice: message<(letter: string) => string>('letter'),
    yourChoiceRevealed: message<(letter: string) => string>('letter'),
    bar: message<(count: number, percent: number) => string>('count', 'percent'),
    reveal: text,
    next: text,
    finish: text,
    missing: text,
    debriefTitle: text,
    trainerNotes: text,
    trainerNotesShow: text,
    background: text,
    disputed: text,
    trainerDebrief: text,
    onlyFacilitator: text,
    notTrainer: text,
    alreadyRunning: message<(title: string) => string>('title'),
    stale: text,
    finished: text,
    otherConversation: text,
    recorded: text,
    missingNone: text,
    missingList: message<(names: string) => string>('names'),
    missingUnknown: text,
    missingOff: text,
    summaryTitle: text,
    summarySubtitle: message<(title: string, p: string, n: number) => string>('title', 'p', 'n'),
    moment: message<(i: number, says: string) => string>('i', 'says'),
    profile: text,
    debrief: text,
    idleEnded: message<(title: string, minutes: number) => string>('title', 'minutes'),
    useInChannel: text,
    hint: text,
    start: text,
  },
  followup: {
    setupTitle: text,
    setupIntroGroup: text,
    setupIntroSelf: text,
    theme: text,
    allThemes: text,
    role: text,
    either: text,
    perWeek: text,
    times: message<(n: number) => string>('n'),
    weeks: text,
    weeksN: message<(n: number) => string>('n'),
    time: text,
    everyone: text,
    submitGroup: text,
    submitSelf: text,
    welcome: message<(count: number, perWeek: number, weeks: number, time: string) => string>('count', 'perWeek', 'weeks', 'time'),
    started: message<(n: number) => string>('n'),
    nobody: text,
    enrolled: text,
    alreadyEnrolled: text,
    header: message<(minutes: number) => string>('minutes'),
    word: message<(word: string) => string>('word'),
    question: text,
    footer: text,
    otherSide: message<(name: string) => string>('name'),
    next: message<(when: string) => string>('when'),
    last: text,
    answered: text,
    notYours: text,
    unsubscribed: message<(n: number) => string>('n'),
    notEnrolled: text,
    paused: message<(until: string) => string>('until'),
    stoppedAlsoFollowup: text,
    status: message<(planned: number, next: string | undefined, done: number, answered: number) => string>('planned', 'next', 'done', 'answered'),
    statusPaused: message<(until: string) => string>('until'),
    reportTitle: text,
    reportSubtitle: message<(created: string, perWeek: number, weeks: number) => string>('created', 'perWeek', 'weeks'),
    facts: { enrolled: text, delivered: text, answered: text, optedOut: text, removed: text, inactive: text, failed: text, planned: text },
    failures: text,
    profile: text,
    noSeries: text,
    onlyFacilitator: text,
    button: text,
    /** Failure codes of src/followup/reasons.ts as phrases; `status` is an HTTP status, `reason` another phrase. */
    reasons: {
      optedOut: text,
      appRemoved: text,
      unreachable: message<(status: string) => string>('status'),
      rejected: message<(status: string) => string>('status'),
      throttled: text,
      server: message<(status: string) => string>('status'),
      network: text,
      noMicro: text,
      ended: text,
      waiting: text,
      leaseExpired: text,
      gaveUp: message<(reason: string) => string>('reason'),
      other: text,
    },
  },
  /** The trainer studio (npm run studio): web pages for trainers, not cards. */
  studio: {
    title: text,
    intro: text,
    pack: text,
    exercise: text,
    level: text,
    difficulty: text,
    themes: text,
    perspectives: text,
    minutes: text,
    status: text,
    ok: text,
    problems: message<(n: number) => string>('n'),
    figures: text,
    figuresLine: message<(moments: number, close: number, costs: number, longest: number, dominating: number) => string>('moments', 'close', 'costs', 'longest', 'dominating'),
    brokenFiles: text,
    back: text,
    storyboard: text,
    branchMap: text,
    branchMapHint: text,
    sideBySide: text,
    dark: text,
    live: text,
    moment: message<(step: number, id: string) => string>('step', 'id'),
    branch: text,
    choice: message<(letter: string) => string>('letter'),
    otherSide: text,
    effects: text,
    next: message<(target: string) => string>('target'),
    end: text,
    gap: message<(gap: number) => string>('gap'),
    dominating: message<(letter: string) => string>('letter'),
    noDominating: text,
    easy: text,
    summary: text,
    trainerNotes: text,
    notFound: text,
    card: text,
    /** Issue 15: whose values fill in the {{variables}}; the pack chooser. */
    valuesFrom: text,
    valuesOf: message<(pack: string) => string>('pack'),
    defaultValues: message<(pack: string) => string>('pack'),
    ownValues: text,
    clientValues: message<(pack: string, base: string) => string>('pack', 'base'),
    variables: text,
    variable: text,
    value: text,
    briefing: text,
  },
  privacy: {
    confirmTitle: text,
    confirmText: text,
    yes: text,
    no: text,
    done: text,
  },
  replies: {
    stopped: message<(title: string) => string>('title'),
    nothingToStop: text,
    nothingToRestart: text,
    replaced: message<(title: string) => string>('title'),
    status: message<(title: string, p: string, step: number, steps: number) => string>('title', 'p', 'step', 'steps'),
    statusFeedback: message<(title: string) => string>('title'),
    statusIdle: text,
    statusBriefing: message<(title: string) => string>('title'),
    hintBegin: text,
    hintChoose: text,
    hintContinue: text,
    unknownText: text,
    staleCard: text,
    finishedCard: text,
    alreadyChosen: text,
    resent: text,
    badPayload: text,
    incompletePayload: message<(fields: string) => string>('fields'),
    unknownExercise: text,
    error: text,
    notForTenant: text,
    conflict: text,
  },
  /** Choosing on a moment: answered cards, typed letters, help in the middle of an exercise (issue 12). */
  play: {
    yourChoice: message<(letter: string) => string>('letter'),
    helpChoose: message<(title: string, p: string, step: number, steps: number, letters: string) => string>('title', 'p', 'step', 'steps', 'letters'),
    helpContinue: message<(title: string, p: string) => string>('title', 'p'),
    noSuchLetter: message<(letters: string) => string>('letters'),
  },
};

/** The type of a key tree once its messages are compiled: what `strings(lang)` returns. */
export type Compiled<T> = T extends Message<infer F> ? F : { [K in keyof T]: Compiled<T[K]> };
