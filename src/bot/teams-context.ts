/** What the bot reads off a Teams activity: who, which conversation, how to reach it again, who is in it. */
import { TeamsInfo, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { isValidZone } from '../engine';
import { turnLang } from './language';
import type { ConversationRef } from '../store/types';

/** The participant as runs, votes and enrolments know them: the AAD object id (the Teams id without one). */
export const userKey = (context: TurnContext) => context.activity.from.aadObjectId ?? context.activity.from.id;

/** The key of a channel or chat: a channel's threads share one group exercise at a time. */
export const conversationKey = (context: TurnContext) => context.activity.conversation.id.split(';')[0]!;

/** The Entra tenant of the conversation (a channel's activity carries it in channelData only). */
export function tenantOf(context: TurnContext): string | undefined {
  const a = context.activity;
  return a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** The team of a channel conversation (channelData.team.id), when it is one. */
export function teamIdOf(context: TurnContext): string | undefined {
  const id = (context.activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** An invoke answer that shows a short text instead of a card. */
export const textAnswer = (text: string): AdaptiveCardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as never });

/** Where this conversation can be reached outside a turn, and in which language. */
export function conversationRefOf(context: TurnContext): ConversationRef {
  const a = context.activity;
  const ref = TurnContext.getConversationReference(a);
  return {
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    conversation: { id: a.conversation.id, conversationType: a.conversation.conversationType, tenantId: a.conversation.tenantId, isGroup: a.conversation.isGroup },
    bot: { id: ref.bot?.id ?? a.recipient.id, name: ref.bot?.name },
    locale: turnLang(context),
  };
}

/** The time zone Teams reports for the client (clientInfo), when it is a valid one. */
export function timezoneOf(context: TurnContext): string | undefined {
  const info = (context.activity.entities ?? []).find((e) => e.type === 'clientInfo') as { timezone?: string } | undefined;
  return isValidZone(info?.timezone) ? info!.timezone : undefined;
}

export interface Member {
  id: string;
  aadObjectId?: string;
  name: string;
}

const PAGE = 500;
const LIMIT = 2000;

/** The conversation's members (a team channel: the team's), or undefined when Teams gives no list. */
export async function rosterOf(context: TurnContext): Promise<Member[] | undefined> {
  try {
    const members: Member[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(context, PAGE, token);
      members.push(...page.members.map((m) => ({ id: m.id, aadObjectId: m.aadObjectId, name: m.name })));
      token = page.continuationToken;
    } while (token && members.length < LIMIT);
    return members;
  } catch {
    return undefined; // callers say what they do without a roster
  }
}
