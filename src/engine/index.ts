/**
 * The pure exercise engine: no botbuilder, restify, fs or database. The bot layer drives it.
 */
export { RUN_STATE_VERSION, RunState, readRunState } from './state';
export {
  start,
  choose,
  currentView,
  feedbackFor,
  isFinished,
  otherPerspective,
  perspectivesOf,
  scriptOf,
  type ChooseRejection,
  type ChooseResult,
  type Feedback,
  type MomentView,
  type StartResult,
} from './play';
export { resultsOf, type CaseResults, type ProfileLine, type Results, type RoleResult, type RunRecord } from './results';
export { briefingOf, BRIEFING_OWN_CARD_ABOVE_WORDS, type Briefing } from './briefing';
export { summarise, WEAK_BELOW, type DimensionScore, type Summary } from './summary';
export { END, successor, reachableMoments } from './flow';
export { choiceOrder, momentTitle, positionOf, shownChoices } from './order';
export { firstSentence, focusOn, recapOf, type DimensionName, type Focus, type MomentRecap, type ShownChoice } from './recap';
export { microAnswerProfile, plannedWeeks, weekNumber, weeklyProgress, WEEK_MS, type WeekProgress } from './progress';
export { groupChoice, groupProfile, participantRuns, spreadOf, type GroupVote, type Spread } from './group';
export {
  DEFAULT_CADENCE,
  deliveryDays,
  isValidZone,
  MAX_DELIVERIES,
  maxPerWeek,
  nextWorkingMoment,
  pickMicro,
  planDeliveries,
  workingDays,
  POOR_BELOW,
  SPACING_DAYS,
  type AnswerHistory,
  type Cadence,
  type MicroCandidate,
  type WorkingHours,
} from './followup';
