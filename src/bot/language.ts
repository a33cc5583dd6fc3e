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
import { langOf, type Lang } from '../i18n';
import type { ParticipantStore } from '../store/types';

const TURN_LANG = Symbol('samenspel.lang');
/** A stored locale is rewritten at most this often while it stays the same (it dates the row for retention). */
const REFRESH_MS = 30 * 60_000;
const CACHE_LIMIT = 50_000;

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

  constructor(
    private readonly store: ParticipantStore,
    /** INTERFACE_LANGUAGE: one language for everyone, or undefined to follow each participant. */
    private readonly fixed: Lang | undefined,
    private readonly now: () => Date,
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
   * Keeps the locale of the participant's activity, when it carries one. Writes only when it differs
   * from what this instance knows, or every few hours, so a busy exercise does not write per click.
   */
  async remember(context: TurnContext, userId: string): Promise<void> {
    const locale = localeOf(context);
    if (!locale) return;
    const at = this.now().getTime();
    const last = this.known.get(userId);
    if (last && last.locale === locale && at - last.at < REFRESH_MS) return;
    if (this.known.size >= CACHE_LIMIT) this.known.clear();
    this.known.set(userId, { locale, at });
    await this.store.setLocale(userId, locale, new Date(at));
  }

  /** The participant's data is gone ("verwijder mijn gegevens"): forget it here too. */
  forget(userId: string): void {
    this.known.delete(userId);
  }

  /** The language of a proactive message to this participant. */
  async recipient(userId: string, fallback?: Lang): Promise<Lang> {
    if (this.fixed) return this.fixed;
    const stored = await this.store.locale(userId);
    return stored ? langOf(stored) : (fallback ?? 'nl');
  }

  /** The language of a message to a conversation whose language was noted when it started (a channel). */
  conversation(noted: Lang | undefined): Lang {
    return this.fixed ?? noted ?? 'nl';
  }
}
