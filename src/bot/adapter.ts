/**
 * The botbuilder CloudAdapter: authentication from configuration (off without an App ID, for
 * local development), one log line per turn, and an onTurnError that apologises, logs and
 * resets only the conversation's dialog state.
 */
import { AuthenticationError } from 'botframework-connector';
import { StatusCodes } from 'botframework-schema';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { strings } from '../i18n';
import { turnLang } from './language';
import { ConcurrencyError } from '../store/types';
import { withPolicy, type PipelinePolicy } from './outgoing/connector-policy';

const REPEAT_WINDOW_MS = 10 * 60_000;

/** `outgoing` is the one policy every request to the Bot Connector goes through (retries, pacing). */
export function createAdapter(config: Config, conversationState: ConversationState, log: Logger, outgoing: PipelinePolicy): CloudAdapter {
  /** When each conversation last failed a turn (in memory: a restart forgives). */
  const failures = new Map<string, number>();
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MICROSOFT_APP_ID,
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD,
    MicrosoftAppType: config.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID,
    // One custom endpoint makes botbuilder use only the given ones: give the public cloud's for the rest.
    ...(config.BOT_OPENID_METADATA_URL
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
          ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
          ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
          ToChannelFromBotOAuthScope: 'https://api.botframework.com',
          ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
          OAuthUrl: 'https://api.botframework.com',
          CallerId: 'urn:botframework:azure',
          ValidateAuthority: true,
        }
      : {}),
  } as ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0]);
  // A token that fails to verify (bad signature, malformed) throws a plain error inside botbuilder,
  // which it would answer with 500: it is a 401 like any other refused token.
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args) => {
    try {
      const result = await authenticate(...args);
      // Replies within a turn use this factory's clients: through the one outgoing policy.
      return result.connectorFactory ? { ...result, connectorFactory: withPolicy(result.connectorFactory, outgoing) } : result;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
    }
  };
  // Proactive sends, card updates and created conversations use this one.
  const createConnectorFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (identity) => withPolicy(createConnectorFactory(identity), outgoing);
  const adapter = new CloudAdapter(auth);

  // One line per turn: its kind and duration. No message text, no names, no ids.
  adapter.use(async (context: TurnContext, next) => {
    const started = performance.now();
    let outcome = 'ok';
    try {
      await next();
      failures.delete(context.activity.conversation?.id);
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
    // A failed turn saved nothing, so the stored state is as it was. Only when the same
    // conversation fails again right after is its state taken to be what is broken, and reset.
    const conversation = context.activity.conversation?.id ?? '';
    const previous = failures.get(conversation);
    const repeated = !!previous && Date.now() - previous < REPEAT_WINDOW_MS;
    failures.set(conversation, Date.now());
    if (failures.size > 10_000) failures.clear();
    log.error({ err: { name: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack }, conflict, reset: !conflict && repeated }, 'turn failed');
    const t = strings(turnLang(context)).replies;
    try {
      // A write conflict means another turn won the race: the state is fine, only this click is lost.
      if (!conflict && repeated) {
        await conversationState.delete(context);
        failures.delete(conversation);
      }
      await context.sendActivity(conflict ? t.conflict : t.error);
    } catch (followUp) {
      log.error({ err: { message: (followUp as Error).message } }, 'could not apologise after a failed turn');
    }
  };
  return adapter;
}
