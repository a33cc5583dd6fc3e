/**
 * The card that carries the report link (cards/report-link.json), apart from the group's cards.
 * With a `url` it is the facilitator's own view (their 1:1 chat, or their refresh of the card in
 * the channel); without, the text everyone else in the channel sees: no link, no figures.
 */
import type { Card, CardRenderer } from '../cards/render';
import { strings, type Lang } from '../i18n';

export interface LinkCardData {
  sessionId: string;
  title: string;
  /** The signed link and when it ends; absent in the shared view. */
  link?: { url: string; expires: Date };
  /** Teams user ids (29:…) whose client fetches the personal view by refresh: the facilitator only. */
  userIds: string[];
  zone: string;
}

export function reportLinkCard(renderer: CardRenderer, lang: Lang, data: LinkCardData): Card {
  const t = strings(lang).report.card;
  const until = data.link ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: data.zone }).format(data.link.expires) : '';
  return renderer.render('report-link', {
    t: { title: t.title, open: t.open },
    sessionId: data.sessionId,
    userIds: data.userIds,
    text: data.link ? t.ready(data.title) : t.shared,
    url: data.link?.url ?? '',
    valid: data.link ? t.valid(until) : '',
  });
}
