/**
 * Sending outside a turn (follow-up, shared-card edits, announcements). botbuilder runs the
 * callback of continueConversationAsync and createConversationAsync as a turn, and an error in a
 * turn goes to the adapter's onTurnError, which logs it, apologises into the conversation and
 * returns normally: the caller would take a failed send for a sent one. These helpers hand the
 * error back to the caller instead.
 */
import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';

type Logic = (context: TurnContext) => Promise<void>;

/** Runs `logic` in the conversation of `ref`; throws what it threw. */
export async function continueConversation(adapter: CloudAdapter, appId: string, ref: Partial<ConversationReference>, logic: Logic): Promise<void> {
  const outcome: { error?: unknown } = {};
  await adapter.continueConversationAsync(appId, ref, catching(logic, outcome));
  if ('error' in outcome) throw outcome.error;
}

/** Creates a conversation and runs `logic` in it; throws what creating or `logic` threw. */
export async function createConversation(
  adapter: CloudAdapter, appId: string, channelId: string, serviceUrl: string, parameters: ConversationParameters, logic: Logic,
): Promise<void> {
  const outcome: { error?: unknown } = {};
  await adapter.createConversationAsync(appId, channelId, serviceUrl, '', parameters, catching(logic, outcome));
  if ('error' in outcome) throw outcome.error;
}

function catching(logic: Logic, outcome: { error?: unknown }): Logic {
  return async (context) => {
    try {
      await logic(context);
    } catch (error) {
      outcome.error = error;
    }
  };
}
