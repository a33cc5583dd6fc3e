/**
 * Replaces a card the bot sent earlier (Teams: update activity), e.g. an answered moment by its
 * read-only version. The answer already counts when this runs, so a failed edit (the message
 * was deleted, Teams said no) is logged and the conversation goes on.
 */
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

export async function replaceCard(context: TurnContext, activityIds: Iterable<string | undefined>, card: object, log: Logger): Promise<void> {
  for (const id of new Set(activityIds)) {
    if (!id) continue;
    try {
      await context.updateActivity({ type: 'message', id, attachments: [CardFactory.adaptiveCard(card)] });
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'could not replace an answered card');
    }
  }
}
