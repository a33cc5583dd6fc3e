/**
 * Sends a follow-up delivery to a participant's 1:1 chat: through the stored conversation
 * reference, or by creating the 1:1 conversation (tenant id + user id) the first time: two
 * requests, each paced and retried by the outgoing policy. What still fails after its retries is
 * translated for the scheduler: 429 honours Retry-After; 412, 5xx and network errors are tried
 * again later; 403 and 404 mean the app was removed or the user is gone.
 */
import { randomInt } from 'node:crypto';
import { CardFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { FollowupCardViews } from '../../cards/followup-views';
import type { Library } from '../../content/library';
import { plannedWeeks } from '../../engine';
import { strings, type Lang } from '../../i18n';
import { chooseMicro } from '../../followup/next-micro';
import { Reason } from '../../followup/reasons';
import { SendFailure, type DeliverySender } from '../../followup/scheduler';
import { SendCancelled } from '../../outgoing/context';
import { continueConversation, createConversation } from '../outgoing/proactive';
import type { ParticipantLanguages } from '../language';
import type { ConversationRef, Delivery, Enrolment, FollowupStore, RunStore, SentDelivery } from '../../store/types';

export interface SenderDeps {
  adapter: CloudAdapter;
  appId: string;
  library: Library;
  followup: FollowupStore;
  runs: RunStore;
  views: FollowupCardViews;
  /** The recipient's language (their stored locale), not the trainer's. */
  languages: Pick<ParticipantLanguages, 'recipient'>;
  now: () => Date;
}

export class TeamsDeliverySender implements DeliverySender {
  constructor(private readonly deps: SenderDeps) {}

  async send(delivery: Delivery, enrolment: Enrolment): Promise<SentDelivery> {
    const { followup, views, now } = this.deps;
    const lang: Lang = await this.deps.languages.recipient(enrolment.userId, enrolment.ref?.locale);
    const series = await followup.series(delivery.seriesId);
    let activity: Partial<Activity>;
    let microId: string | undefined;
    let seed: number | undefined;
    if (delivery.kind === 'welcome') {
      const cadence = series?.cadence ?? { count: 0, perWeek: 1, timeOfDay: '09:30' };
      activity = { type: 'message', text: strings(lang).followup.welcome(cadence.count, cadence.perWeek, plannedWeeks(cadence), cadence.timeOfDay) };
    } else {
      const choice = await chooseMicro(this.deps, delivery, series, now());
      if (!choice) throw new SendFailure('drop', Reason.noMicro);
      microId = choice.item.exercise.id;
      // Its own choice order, stored with the delivery so the answer and its card use the same letters.
      seed = randomInt(2 ** 32);
      activity = { type: 'message', attachments: [CardFactory.adaptiveCard(views.micro(lang, choice.item, choice.perspective, delivery.id, seed))] };
    }
    let activityId: string | undefined;
    try {
      if (enrolment.ref) {
        await continueConversation(this.deps.adapter, this.deps.appId, enrolment.ref as Partial<ConversationReference>, async (context) => {
          activityId = (await context.sendActivity(activity))?.id;
        });
      } else {
        activityId = await this.createAndSend(enrolment, activity, lang);
      }
    } catch (error) {
      throw error instanceof SendCancelled ? error : classify(error);
    }
    return { microId, seed, activityId };
  }

  private async createAndSend(enrolment: Enrolment, activity: Partial<Activity>, lang: Lang): Promise<string | undefined> {
    let activityId: string | undefined;
    const parameters = {
      isGroup: false,
      bot: { id: enrolment.botId, name: 'Samenspel' },
      members: [{ id: enrolment.memberId, name: '' }],
      tenantId: enrolment.tenantId,
      channelData: { tenant: { id: enrolment.tenantId } },
    };
    await createConversation(this.deps.adapter, this.deps.appId, 'msteams', enrolment.serviceUrl, parameters as never, async (context) => {
      const ref = TurnContext.getConversationReference(context.activity);
      const stored: ConversationRef = {
        serviceUrl: enrolment.serviceUrl,
        channelId: 'msteams',
        conversation: { id: ref.conversation!.id, conversationType: 'personal', tenantId: enrolment.tenantId },
        bot: { id: enrolment.botId, name: 'Samenspel' },
        locale: lang,
      };
      await this.deps.followup.setRef(enrolment.id, stored);
      activityId = (await context.sendActivity(activity))?.id;
    });
    return activityId;
  }
}

/** Teams' answer, as the scheduler needs it. */
export function classify(error: unknown): SendFailure {
  const e = error as { statusCode?: number; response?: { headers?: { get?(name: string): string | undefined } }; message?: string };
  const status = e.statusCode;
  if (status === 429) {
    const header = e.response?.headers?.get?.('retry-after');
    const seconds = header ? Number(header) : NaN;
    return new SendFailure('retry', Reason.throttled, Number.isFinite(seconds) ? seconds * 1000 : undefined, true);
  }
  if (status === 403 || status === 404) return new SendFailure('permanent', Reason.unreachable(status));
  if (status === 400) return new SendFailure('drop', Reason.rejected(status));
  if (status) return new SendFailure('retry', Reason.server(status));
  return new SendFailure('retry', Reason.network);
}
