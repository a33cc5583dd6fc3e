/**
 * Follow-up in the conversation: a trainer starts a series after a group exercise, a participant
 * signs up in 1:1 chat, answers micro-exercises, pauses, unsubscribes, asks what is planned; a
 * trainer asks for the series' progress. Sending itself is the scheduler's job.
 */
import { randomUUID } from 'node:crypto';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { FollowupCardViews } from '../../cards/followup-views';
import { letters } from '../../cards/bar';
import type { Library } from '../../content/library';
import type { Perspective } from '../../content/schema';
import { choose, DEFAULT_CADENCE, maxPerWeek, microAnswerProfile, planDeliveries, plannedWeeks, shownChoices, start, summarise, weeklyProgress, type WorkingHours } from '../../engine';
import { perspectiveFor } from '../../followup/next-micro';
import { Reason } from '../../followup/reasons';
import { strings, type Lang } from '../../i18n';
import type { Cadence, Delivery, Enrolment, FollowupStore, GroupStore, RunStore, Series } from '../../store/types';
import { replaceCard } from '../replace-card';
import { conversationKey, conversationRefOf, rosterOf, tenantOf, timezoneOf, userKey } from '../teams-context';

export interface FollowupDeps {
  library: Library;
  followup: FollowupStore;
  groups: GroupStore;
  runs: RunStore;
  views: FollowupCardViews;
  hours: WorkingHours;
  defaultZone: string;
  now: () => Date;
  log: Logger;
  /** After the trainer's report card: their own card with the link to the report page of the series' group session. */
  offerReport?: (context: TurnContext, lang: Lang, groupSessionId: string) => Promise<void>;
}

/** The set-up card's inputs; each may be left out by the Teams client and then takes DEFAULT_CADENCE. */
export interface CadenceInput {
  theme?: string;
  perWeek?: string;
  weeks?: string;
  time?: string;
}

const NOTE_CONTACT_EVERY_MS = 10 * 60_000;

export class FollowupFlow {
  /** When each participant's contact was last refreshed (in memory; a restart refreshes again). */
  private readonly noted = new Map<string, { at: number; zone?: string }>();

  constructor(private readonly deps: FollowupDeps) {}

  private format(lang: Lang, date: Date, zone: string): string {
    return new Intl.DateTimeFormat(dateLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(date);
  }

  /** The group session, when it belongs to this conversation and this person led it. */
  private async ledHere(context: TurnContext, sessionId: string) {
    const session = await this.deps.groups.get(sessionId);
    return session && session.conversationId === conversationKey(context) && session.facilitatorId === userKey(context) ? session : undefined;
  }

  /** The trainer's "send follow-up exercises" on the group summary: the set-up card. */
  async setupForGroup(context: TurnContext, lang: Lang, sessionId: string): Promise<void> {
    if (!(await this.ledHere(context, sessionId))) {
      await context.sendActivity(strings(lang).followup.onlyFacilitator);
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.setup(lang, this.deps.library.micros, this.deps.hours, { sessionId }))] });
  }

  setupForSelf(lang: Lang): object {
    return this.deps.views.setup(lang, this.deps.library.micros, this.deps.hours);
  }

  /** Enrols everyone who took part (and, when asked, every member of the channel). */
  async createFromGroup(context: TurnContext, lang: Lang, sessionId: string, input: CadenceInput & { everyone?: string }): Promise<void> {
    const f = strings(lang).followup;
    const session = await this.ledHere(context, sessionId);
    if (!session) {
      await context.sendActivity(f.onlyFacilitator);
      return;
    }
    // Everyone who chose at least once; with "everyone", the channel's roster too.
    const people = new Map<string, string>();
    for (const v of await this.deps.groups.votes(session.id)) if (v.memberId) people.set(v.userId, v.memberId);
    if (input.everyone === 'true') for (const m of (await rosterOf(context)) ?? []) if (!people.has(m.aadObjectId ?? m.id)) people.set(m.aadObjectId ?? m.id, m.id);
    if (people.size === 0) {
      await context.sendActivity(f.nobody);
      return;
    }
    const series = this.series(input, { source: 'group', groupSessionId: session.id, conversationId: session.conversationId, facilitatorId: session.facilitatorId, perspective: session.perspective });
    const a = context.activity;
    const enrolments = [...people].map(([user, member]) => this.enrolment(series, user, member, a.recipient.id, tenantOf(context), a.serviceUrl, this.deps.defaultZone));
    await this.save(series, enrolments);
    await context.sendActivity(f.started(enrolments.length));
  }

  async enrolSelf(context: TurnContext, lang: Lang, input: CadenceInput & { perspective?: string }): Promise<void> {
    const f = strings(lang).followup;
    const user = userKey(context);
    if (await this.isEnrolled(context)) {
      await context.sendActivity(f.alreadyEnrolled);
      return;
    }
    const perspective = input.perspective === 'ambtenaar' || input.perspective === 'bestuurder' ? (input.perspective as Perspective) : undefined;
    const series = this.series(input, { source: 'self', facilitatorId: user, perspective });
    const a = context.activity;
    const enrolment = this.enrolment(series, user, a.from.id, a.recipient.id, a.conversation.tenantId, a.serviceUrl, timezoneOf(context) ?? this.deps.defaultZone);
    enrolment.ref = conversationRefOf(context);
    await this.save(series, [enrolment]);
    await context.sendActivity(f.enrolled);
  }

  private series(input: CadenceInput, extra: Omit<Series, 'id' | 'cadence' | 'createdAt' | 'theme'>): Series {
    // No more per week than there are working days: the welcome and the report then say what really comes.
    const perWeek = clamp(Number(input.perWeek ?? DEFAULT_CADENCE.perWeek), 1, maxPerWeek(this.deps.hours), DEFAULT_CADENCE.perWeek);
    const weeks = clamp(Number(input.weeks ?? DEFAULT_CADENCE.weeks), 1, 12, DEFAULT_CADENCE.weeks);
    // Input.Time sends HH:MM (some clients HH:MM:SS); anything else is the default.
    const time = input.time && /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(input.time) ? input.time.slice(0, 5) : DEFAULT_CADENCE.timeOfDay;
    const theme = input.theme && input.theme !== 'all' && this.deps.library.micros.some((m) => m.exercise.tags.theme.includes(input.theme!)) ? input.theme : undefined;
    return { id: randomUUID(), theme, cadence: { count: perWeek * weeks, perWeek, timeOfDay: time }, createdAt: this.deps.now(), ...extra };
  }

  private enrolment(series: Series, userId: string, memberId: string, botId: string, tenantId: string | undefined, serviceUrl: string, timezone: string): Enrolment {
    return { id: randomUUID(), seriesId: series.id, userId, memberId, botId, tenantId, serviceUrl, timezone, status: 'active', createdAt: this.deps.now() };
  }

  /** Plans each enrolment: the welcome at once, the micro-exercises on working days. */
  private async save(series: Series, enrolments: Enrolment[]): Promise<void> {
    const now = this.deps.now();
    const deliveries: Delivery[] = enrolments.flatMap((e) => [
      this.delivery(series, e, 'welcome', now),
      ...planDeliveries(now, e.timezone, series.cadence as Cadence, this.deps.hours).map((due) => this.delivery(series, e, 'micro', due)),
    ]);
    await this.deps.followup.create(series, enrolments, deliveries);
  }

  private delivery(series: Series, e: Enrolment, kind: Delivery['kind'], dueAt: Date): Delivery {
    return { id: randomUUID(), seriesId: series.id, enrolmentId: e.id, userId: e.userId, kind, dueAt, status: 'planned', attempts: 0 };
  }

  /** A click on a micro-exercise card: feedback once, and the answer counts in the profile. */
  async answer(context: TurnContext, lang: Lang, deliveryId: string, choiceId: string): Promise<void> {
    const f = strings(lang).followup;
    const { followup, library, runs, now } = this.deps;
    const delivery = await followup.delivery(deliveryId);
    const item = delivery?.microId ? library.get(delivery.microId) : undefined;
    if (!delivery || !item || delivery.userId !== userKey(context)) {
      await context.sendActivity(f.notYours);
      return;
    }
    if (delivery.status === 'answered') {
      await context.sendActivity(f.answered);
      return;
    }
    const perspective = perspectiveFor(item, await followup.series(delivery.seriesId));
    // The order the card showed (a delivery sent before choices were shuffled has none: file order).
    const seed = delivery.seed ?? null;
    const started = start(item.exercise, perspective, seed);
    const moment = item.exercise.perspectives[perspective]!.moments[0]!;
    const result = started.type === 'started' ? choose(item.exercise, started.state, moment.id, choiceId) : undefined;
    if (!result || result.type !== 'feedback') {
      await context.sendActivity(strings(lang).replies.badPayload);
      return;
    }
    const profile = summarise(item.exercise, item.dimensions, result.state).profile;
    const score = Math.round(profile.reduce((a, d) => a + d.score, 0) / Math.max(1, profile.length));
    if (!(await followup.answer(delivery.id, choiceId, score, now()))) {
      await context.sendActivity(f.answered);
      return;
    }
    await runs.saveFinished({
      id: `followup:${delivery.id}`, mode: 'followup', userId: delivery.userId, exerciseId: item.exercise.id, perspective, finishedAt: now(),
      answers: result.state.answers, profile: profile.map((d) => ({ dimension: d.id, score: d.score, moments: d.moments })), seed: delivery.seed,
    });
    // The card becomes read-only: the choice marked, no buttons (a click on it later: "your answer stands").
    const answeredCard = this.deps.views.micro(lang, item, perspective, delivery.id, seed, result.feedback.position);
    await replaceCard(context, [context.activity.replyToId, delivery.activityId], answeredCard, this.deps.log);
    const next = (await followup.deliveriesOf(delivery.userId)).find((d) => d.status === 'planned' && d.kind === 'micro');
    const enrolment = await followup.enrolment(delivery.enrolmentId);
    const footer = next ? f.next(this.format(lang, next.dueAt, enrolment?.timezone ?? this.deps.defaultZone)) : f.last;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.feedback(lang, item, perspective, result.feedback, footer))] });
  }

  /**
   * A typed letter ("b", "antwoord B") for the latest micro-exercise the participant has not
   * answered yet. Returns false when there is none (the letter is then not for follow-up).
   * `position`: 0 for A.
   */
  async answerTyped(context: TurnContext, lang: Lang, position: number): Promise<boolean> {
    const pending = (await this.deps.followup.deliveriesOf(userKey(context)))
      .filter((d) => d.kind === 'micro' && d.status === 'sent' && d.microId)
      .sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0))[0];
    const item = pending && this.deps.library.get(pending.microId!);
    if (!pending || !item) return false;
    const perspective = perspectiveFor(item, await this.deps.followup.series(pending.seriesId));
    const moment = item.exercise.perspectives[perspective]!.moments[0]!;
    const choices = shownChoices(moment, pending.seed ?? null);
    const choice = choices[position];
    if (!choice) {
      await context.sendActivity(strings(lang).play.noSuchLetter(letters(lang, choices.length)));
      return true;
    }
    await this.answer(context, lang, pending.id, choice.id);
    return true;
  }

  /** Active or paused enrolments of the participant. */
  private async current(context: TurnContext): Promise<Enrolment[]> {
    return (await this.deps.followup.enrolmentsOf(userKey(context))).filter((e) => e.status === 'active' || e.status === 'paused');
  }

  async isEnrolled(context: TurnContext): Promise<boolean> {
    return (await this.current(context)).length > 0;
  }

  async unsubscribe(context: TurnContext, lang: Lang): Promise<void> {
    const f = strings(lang).followup;
    const enrolments = await this.current(context);
    if (enrolments.length === 0) return void (await context.sendActivity(f.notEnrolled));
    const planned = (await this.deps.followup.deliveriesOf(userKey(context))).filter((d) => d.status === 'planned' || d.status === 'claimed').length;
    await this.deps.followup.setStatus(enrolments.map((e) => e.id), 'stopped', Reason.optedOut);
    await context.sendActivity(f.unsubscribed(planned));
  }

  async pause(context: TurnContext, lang: Lang): Promise<void> {
    const f = strings(lang).followup;
    const enrolments = await this.current(context);
    if (enrolments.length === 0) return void (await context.sendActivity(f.notEnrolled));
    // The whole remaining schedule slides a week, so the spacing between exercises stays as planned.
    const week = 7 * 86_400_000;
    const until = new Date(this.deps.now().getTime() + week);
    for (const e of enrolments) await this.deps.followup.shiftPlanned(e.id, (due) => new Date(due.getTime() + week));
    await this.deps.followup.setStatus(enrolments.map((e) => e.id), 'paused', undefined, until);
    await context.sendActivity(f.paused(this.format(lang, until, enrolments[0]!.timezone)));
  }

  async status(context: TurnContext, lang: Lang): Promise<void> {
    const f = strings(lang).followup;
    const enrolments = await this.current(context);
    if (enrolments.length === 0) return void (await context.sendActivity(f.notEnrolled));
    const mine = (await this.deps.followup.deliveriesOf(userKey(context))).filter((d) => d.kind === 'micro');
    const planned = mine.filter((d) => d.status === 'planned' || d.status === 'claimed');
    const zone = enrolments[0]!.timezone;
    const next = planned[0] ? this.format(lang, planned[0].dueAt, zone) : undefined;
    const done = mine.filter((d) => d.status === 'sent' || d.status === 'answered').length;
    const answered = mine.filter((d) => d.status === 'answered').length;
    const paused = enrolments.find((e) => e.status === 'paused' && e.pausedUntil);
    await context.sendActivity(f.status(planned.length, next, done, answered) + (paused ? f.statusPaused(this.format(lang, paused.pausedUntil!, zone)) : ''));
  }

  /** The trainer's report: in a channel the series started there, in 1:1 chat the latest one. */
  async report(context: TurnContext, lang: Lang): Promise<void> {
    const f = strings(lang).followup;
    const personal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
    const series = await this.deps.followup.latestSeries({ facilitatorId: userKey(context), conversationId: personal ? undefined : conversationKey(context) });
    if (!series || series.source !== 'group') return void (await context.sendActivity(f.noSeries));
    const report = await this.deps.followup.report(series.id);
    const profile = this.spread(await this.deps.followup.answers(series.id));
    const weeks = weeklyProgress(series.createdAt, plannedWeeks(series.cadence), (await this.deps.followup.delivered(series.id)).map((d) => ({ sentAt: d.sentAt, answered: d.status === 'answered' })));
    const date = (d: Date) => new Intl.DateTimeFormat(dateLocale(lang), { day: 'numeric', month: 'long', timeZone: this.deps.defaultZone }).format(d);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(this.deps.views.report(lang, series, report, profile, weeks, date))] });
    if (series.groupSessionId) await this.deps.offerReport?.(context, lang, series.groupSessionId);
  }

  /** The group's spread per dimension over the answered micro-exercises: averages only. */
  private spread(answered: Delivery[]) {
    const totals = new Map<string, { sum: number; n: number; name: { nl: string; en: string } }>();
    for (const d of answered) {
      const item = d.microId ? this.deps.library.get(d.microId) : undefined;
      if (!item || !d.choiceId) continue;
      for (const p of microAnswerProfile(item.exercise, item.dimensions, d.choiceId)) {
        const t = totals.get(p.id) ?? { sum: 0, n: 0, name: p.name };
        totals.set(p.id, { sum: t.sum + p.score, n: t.n + 1, name: p.name });
      }
    }
    return [...totals].map(([id, t]) => ({ id, name: t.name, score: Math.round(t.sum / t.n) }));
  }

  /**
   * 1:1 turns refresh where (and in which time zone) the participant can be reached: when the time
   * zone changed, else at most every ten minutes, so that a busy exercise does not write on every click.
   */
  async noteContact(context: TurnContext): Promise<void> {
    const user = userKey(context);
    const zone = timezoneOf(context);
    const at = Date.now();
    const last = this.noted.get(user);
    if (last && at - last.at < NOTE_CONTACT_EVERY_MS && last.zone === zone) return;
    if (this.noted.size > 50_000) this.noted.clear();
    this.noted.set(user, { at, zone });
    await this.deps.followup.updateContact(user, conversationRefOf(context), zone);
  }

  /**
   * The participant removed the app from their personal scope: their follow-up stops at once
   * (enrolments inactive with reason app-removed, planned deliveries cancelled); the trainer's
   * report counts them under "App verwijderd". Signing up again with "vervolg" starts a new series.
   */
  async appRemoved(context: TurnContext): Promise<void> {
    const enrolments = await this.current(context);
    if (enrolments.length) await this.deps.followup.setStatus(enrolments.map((e) => e.id), 'inactive', Reason.appRemoved);
    this.noted.delete(userKey(context));
  }
}

const dateLocale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'nl-NL');

const clamp = (n: number, min: number, max: number, fallback: number) => (Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback);
