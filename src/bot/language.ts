/**
 * The language of every message, from the best source available:
 *   1. INTERFACE_LANGUAGE, when it fixes one (local trials, organisations that want one language);
 *   2. the activity's own locale (Teams sends the client's on messages and clicks);
 *   3. the participant's stored locale, kept from their latest activity that carried one, in 1:1
 *      chat, a channel or a group chat (Teams leaves it out of some conversationUpdate events);
 *   4. Dutch.
 * Proactive messages (follow-up welcome and deliveries) take the recipient's: 1, 3, then what was
 * known when their chat was opened, then Dutch.
 */
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { langOf, type Lang } from '../i18n';
import type { ParticipantStore } from '../store/types';

const TURN_LANG = Symbol('samenspel.lang');
/** A stored locale is rewritten at most this often while it stays the same (it dates the row for retention). */
const REFRESH_MS = 30 * 60_000;
const CACHE_LIMIT = 50_000;
/** New or changed locales are written together, this long after the first of them (off the turn's path). */
const FLUSH_MS = 1000;

/** The language decided for this turn (by ParticipantLanguages.decide), else the activity's. */
export function turnLang(context: TurnContext): Lang {
  return (context.turnState.get(TURN_LANG) as Lang | undefined) ?? langOf(context.activity.locale);
}

/** The locale tag an activity carries (Teams puts it on the activity, older clients in clientInfo). */
export function localeOf(context: TurnContext): string | undefined {
  const a = context.activity;
  const info = (a.entities ?? []).find((e) => e.type === 'clientInfo') as { locale?: unknown } | undefined;
  const tag = typeof a.locale === 'string' && a.locale.trim() ? a.locale : typeof info?.locale === 'string' ? info.locale : undefined;
  return tag?.trim().slice(0, 35) || undefined;
}

export class ParticipantLanguages {
  /** What this instance last wrote or read per participant (a turn without a locale reads the store). */
  private readonly known = new Map<string, { locale: string; at: number }>();
  /** Locales to write at the next flush (a vote burst becomes one statement, not one per voter). */
  private readonly pending = new Map<string, string>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ParticipantStore,
    /** INTERFACE_LANGUAGE: one language for everyone, or undefined to follow each participant. */
    private readonly fixed: Lang | undefined,
    private readonly now: () => Date,
    private readonly log?: Logger,
  ) {}

  /** The language of an activity without the store (a refused tenant leaves nothing, not even a read). */
  ofActivity(context: TurnContext): Lang {
    return this.fixed ?? langOf(localeOf(context));
  }

  /** Decides the language of this turn and keeps it in the turn (see turnLang). */
  async decide(context: TurnContext, userId: string): Promise<Lang> {
    const lang = this.fixed ?? (await this.fromActivityOrStore(context, userId));
    context.turnState.set(TURN_LANG, lang);
    return lang;
  }

  private async fromActivityOrStore(context: TurnContext, userId: string): Promise<Lang> {
    const locale = localeOf(context);
    if (locale) return langOf(locale);
    const stored = this.known.get(userId)?.locale ?? (await this.store.locale(userId));
    return langOf(stored);
  }

  /**
   * Keeps the locale of the participant's activity, when it carries one: only when it differs from
   * what this instance knows, or every 30 minutes (it dates the row for retention), and written
   * within a second together with others, not in the turn. A locale lost to a crash in that second
   * is learnt again from their next activity.
   */
  remember(context: TurnContext, userId: string): void {
    const locale = localeOf(context);
    if (!locale) return;
    const at = this.now().getTime();
    const last = this.known.get(userId);
    if (last && last.locale === locale && at - last.at < REFRESH_MS) return;
    if (this.known.size >= CACHE_LIMIT) this.known.clear();
    this.known.set(userId, { locale, at });
    this.pending.set(userId, locale);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what remember() collected; at shutdown, and by the timer. Never throws. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const entries = [...this.pending].map(([userId, locale]) => ({ userId, locale }));
    this.pending.clear();
    const previous = this.flushing;
    this.flushing = (async () => {
      await previous;
      await this.store.setLocales(entries, this.now()).catch((error: Error) => this.log?.warn({ err: { message: error.message } }, 'could not store participant locales'));
    })();
    await this.flushing;
  }

  /**
   * The participant's data is going ("verwijder mijn gegevens"): nothing of theirs is written after
   * this resolves. Call it before deleting their rows.
   */
  async forget(userId: string): Promise<void> {
    this.known.delete(userId);
    this.pending.delete(userId);
    await this.flushing;
  }

  /** The language of a proactive message to this participant. */
  async recipient(userId: string, fallback?: Lang): Promise<Lang> {
    if (this.fixed) return this.fixed;
    const stored = this.known.get(userId)?.locale ?? (await this.store.locale(userId));
    return stored ? langOf(stored) : (fallback ?? 'nl');
  }

  /** The language of a message to a conversation whose language was noted when it started (a channel). */
  conversation(noted: Lang | undefined): Lang {
    return this.fixed ?? noted ?? 'nl';
  }
}
