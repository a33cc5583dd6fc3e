/**
 * Teams-shaped activities sent to the bot's real HTTP endpoint, and helpers to read the
 * replies: participants "say" and "click"; the bot's cards come back as a transcript.
 */
import { randomUUID } from 'node:crypto';
import type { LocalConnector, SentActivity } from './connector';

export const TENANT = '72f988bf-0000-4000-8000-000000000001';

/** A Teams-shaped activity from `from` to the bot; `extra` sets the conversation and anything else. */
export function teamsActivity(serviceUrl: string, locale: string, from: { id: string; name: string; aadObjectId: string }, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    locale,
    from,
    recipient: { id: '28:samenspel-bot', name: 'Samenspel' },
    ...extra,
  };
}

export interface Reply {
  /** The message id Teams gave it. */
  id?: string;
  text?: string;
  card?: Record<string, any>;
  raw: Record<string, any>;
}

export class Participant {
  readonly aadObjectId: string;
  readonly userId: string;
  readonly conversationId = `a:${randomUUID()}`;

  constructor(
    private readonly botUrl: () => string,
    private readonly connector: LocalConnector,
    readonly name = 'Deelnemer',
    readonly locale = 'nl-NL',
    /** The same person as a channel member, for their 1:1 chat. */
    identity?: { id: string; aadObjectId: string },
  ) {
    this.aadObjectId = identity?.aadObjectId ?? randomUUID();
    this.userId = identity?.id ?? `29:${randomUUID()}`;
  }

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return teamsActivity(this.connector.url, this.locale, { id: this.userId, name: this.name, aadObjectId: this.aadObjectId }, {
      conversation: { id: this.conversationId, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      entities: [{ type: 'clientInfo', locale: this.locale, timezone: 'Europe/Amsterdam' }],
      ...extra,
    });
  }

  /** Cards the bot replaced (updated in place) during the latest turn, with the message id each replaced. */
  updates: (Reply & { activityId: string })[] = [];

  /**
   * Posts an activity and returns the HTTP status and the replies (new messages) the bot sent
   * during the turn; the messages it replaced in that turn are in `updates`.
   */
  async send(activity: Record<string, unknown>): Promise<{ status: number; replies: Reply[] }> {
    const before = this.connector.sent.length;
    const res = await fetch(`${this.botUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
    const mine = this.connector.sent.slice(before).filter((s) => s.conversationId === this.conversationId);
    this.updates = mine.filter((s) => s.method === 'PUT').map((s) => ({ ...toReply(s), activityId: s.activityId! }));
    return { status: res.status, replies: mine.filter((s) => s.method === 'POST').map(toReply) };
  }

  async say(text: string): Promise<Reply[]> {
    return (await this.send(this.activity({ text }))).replies;
  }

  /** A click on a card's button; with the card's message id, as Teams sends it (replyToId). */
  async click(data: Record<string, unknown> | unknown, onCard?: Reply): Promise<Reply[]> {
    return (await this.send(this.activity({ value: data, ...(onCard?.id ? { replyToId: onCard.id } : {}) }))).replies;
  }

  async install(): Promise<Reply[]> {
    const a = await this.send(this.activity({ type: 'installationUpdate', action: 'add' }));
    const b = await this.send(
      this.activity({ type: 'conversationUpdate', membersAdded: [{ id: '28:samenspel-bot' }, { id: this.userId }] }),
    );
    return [...a.replies, ...b.replies];
  }
}

function toReply(sent: SentActivity): Reply {
  const attachment = sent.body.attachments?.[0];
  return { id: sent.id, text: sent.body.text, card: attachment?.content, raw: sent.body };
}

/**
 * All visible text of a card, in order, for simple assertions: as a client that does not render
 * chart elements shows it, that is with each chart's `fallback` in its place (see charts.ts).
 */
export function cardText(card: Record<string, any> | undefined): string {
  const out: string[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string' && node.type.startsWith('Chart.')) return walk(node.fallback);
    if (typeof node.text === 'string') out.push(node.text);
    if (node.type === 'FactSet') node.facts?.forEach((f: any) => out.push(`${f.title}: ${f.value}`));
    for (const key of ['body', 'items', 'columns', 'actions']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return out.join('\n');
}

/** The card's submit buttons: title and data, including those inside ActionSets. */
export function buttons(card: Record<string, any> | undefined): { title: string; data: Record<string, any> }[] {
  const out: { title: string; data: Record<string, any> }[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Submit') out.push({ title: node.title, data: node.data });
    if (node.type === 'Action.Execute') out.push({ title: node.title, data: { verb: node.verb, ...node.data } });
    for (const key of ['body', 'items', 'columns', 'actions']) if (node[key]) walk(node[key]);
  };
  walk(card);
  return out;
}

/** The button for one choice (by its id in the content), wherever the shuffle put it. */
export function choice(card: Record<string, any> | undefined, choiceId: string): Record<string, any> {
  return choiceButton(card, choiceId).data;
}

/** The letter a choice is shown under on the card. */
export function letterOf(card: Record<string, any> | undefined, choiceId: string): string {
  return choiceButton(card, choiceId).title;
}

function choiceButton(card: Record<string, any> | undefined, choiceId: string) {
  const found = buttons(card).find((b) => b.data?.choiceId === choiceId);
  if (!found) throw new Error(`no button for choice "${choiceId}" on the card; buttons: ${buttons(card).map((b) => `${b.title}=${b.data?.choiceId}`).join(', ')}`);
  return found;
}

export function button(card: Record<string, any> | undefined, title: string): Record<string, any> {
  const found = buttons(card).find((b) => b.title === title);
  if (!found) throw new Error(`no button "${title}" on the card; buttons: ${buttons(card).map((b) => b.title).join(', ')}`);
  return found.data;
}
