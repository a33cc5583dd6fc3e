/**
 * Hands the facilitator the link to the report page (src/report), never anyone else. In 1:1 chat
 * the card carries the link. In a channel or group chat the posted card says only that the
 * trainer has a link, and its `refresh` (userIds: the facilitator alone) fetches the facilitator's
 * own view with the link: Teams shows a refreshed card only to the user who fetched it
 * (Universal Actions, user-specific views). A refresh by anyone else gets the shared text.
 */
import { CardFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/render';
import type { Library } from '../content/library';
import type { Lang } from '../i18n';
import { reportLinkCard } from '../report/link-card';
import { signLink } from '../report/link';
import type { GroupSession, GroupStore } from '../store/types';
import { userKey } from './teams-context';

export interface ReportLinkDeps {
  key: Buffer;
  /** The bot's public address (PUBLIC_BASE_URL), known once the server listens. */
  baseUrl: () => string;
  days: number;
  zone: string;
  renderer: CardRenderer;
  library: Library;
  groups: GroupStore;
  now: () => Date;
}

const cardAnswer = (card: object): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as never });

export class ReportLinks {
  constructor(private readonly deps: ReportLinkDeps) {}

  /** The signed URL of the session's report for its facilitator, and when it expires. */
  link(session: GroupSession, lang: Lang): { url: string; expires: Date } {
    const { link, query } = signLink(this.deps.key, session.id, session.facilitatorId, this.deps.now(), this.deps.days);
    return { url: `${this.deps.baseUrl()}/report/${encodeURIComponent(session.id)}?${query}${lang === 'en' ? '&lang=en' : ''}`, expires: new Date(link.exp * 1000) };
  }

  private title(session: GroupSession): string {
    return this.deps.library.get(session.exerciseId)?.exercise.title ?? session.exerciseId;
  }

  /** Sends the link card in this conversation; the turn is the facilitator's (their finish click, their "vervolg rapport"). */
  async offer(context: TurnContext, lang: Lang, session: GroupSession): Promise<void> {
    const personal = (context.activity.conversation.conversationType ?? 'personal') === 'personal';
    const { zone, renderer } = this.deps;
    const card = personal
      ? reportLinkCard(renderer, lang, { sessionId: session.id, title: this.title(session), link: this.link(session, lang), userIds: [], zone })
      : reportLinkCard(renderer, lang, { sessionId: session.id, title: this.title(session), userIds: [context.activity.from.id], zone });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }

  /** The card's refresh (verb report.link): the link for the session's facilitator, the shared text for anyone else. */
  async refresh(context: TurnContext, lang: Lang, sessionId: string): Promise<AdaptiveCardInvokeResponse> {
    const session = await this.deps.groups.get(sessionId);
    const { zone, renderer } = this.deps;
    const title = session ? this.title(session) : '';
    if (!session || userKey(context) !== session.facilitatorId) return cardAnswer(reportLinkCard(renderer, lang, { sessionId, title, userIds: [], zone }));
    // The refreshed view keeps the refresh, so the facilitator's client keeps fetching their own view.
    return cardAnswer(reportLinkCard(renderer, lang, { sessionId, title, link: this.link(session, lang), userIds: [context.activity.from.id], zone }));
  }
}
