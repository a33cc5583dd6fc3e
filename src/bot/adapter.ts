/**
 * The botbuilder CloudAdapter: authentication from configuration (off without an App ID, for
 * local development), one log line per turn, and an onTurnError that apologises, logs and
 * resets only the conversation's dialog state.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { langOf, strings } from '../i18n';
import { ConcurrencyError } from '../store/types';

export function createAdapter(config: Config, conversationState: ConversationState, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
  } as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0]);
  const adapter = new CloudAdapter(auth);

  // One line per turn: its kind and duration. No message text, no names, no ids.
  adapter.use(async (context: TurnContext, next) => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      await next();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      log.info(
        {
          type: context.activity.type,
          name: context.activity.name,
          conversationType: context.activity.conversation?.conversationType,
          card: context.activity.value !== undefined,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
          outcome,
        },
        'turn',
      );
    }
  });

  adapter.onTurnError = async (context, error) => {
    const conflict = error instanceof ConcurrencyError;
    log.error({ err: { name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack }, conflict }, 'turn failed');
    const t = strings(langOf(context.activity.locale)).replies;
    try {
      // A write conflict means another turn won the race: the state is fine, only this click is lost.
      if (!conflict) await conversationState.delete(context);
      await context.sendActivity(conflict ? t.conflict : t.error);
    } catch (followUp) {
      log.error({ err: { message: (followUp as Error).message } }, 'could not apologise after a failed turn');
    }
  };
  return adapter;
}
