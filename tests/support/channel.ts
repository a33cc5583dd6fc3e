/** A Teams channel with many members, for group exercises: mentions, submits and Action.Execute invokes. */
import { randomUUID } from 'node:crypto';
import type { LocalConnector, Member, SentActivity } from './connector';
import { TENANT, teamsActivity } from './teams';

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: any } | undefined;
}

/** The shared moment card among what the bot posted (after the briefing card a group start posts first). */
export function sharedCardIn(sent: SentActivity[]): any {
  const card = sent.filter((s) => s.method === 'POST').map((s) => s.body.attachments?.[0]?.content).find((c) => c?.actions?.some((a: { verb?: string }) => a.verb === 'group.vote'));
  if (!card) throw new Error(`no shared moment card among ${sent.length} activities`);
  return card;
}

export class Channel {
  readonly teamId = `19:team-${randomUUID()}@thread.tacv2`;
  readonly channelId = `19:chan-${randomUUID()}@thread.tacv2`;
  readonly members: Member[];

  constructor(private readonly botUrl: () => string, private readonly connector: LocalConnector, size: number, readonly locale = 'nl-NL') {
    this.members = Array.from({ length: size }, (_, i) => ({ id: `29:user-${i}-${randomUUID()}`, name: `Deelnemer ${i + 1}`, aadObjectId: randomUUID() }));
    connector.members.set(this.teamId, this.members);
  }

  private activity(member: Member, extra: Record<string, unknown>): Record<string, unknown> {
    const { locale = this.locale, ...from } = member;
    return teamsActivity(this.connector.url, locale, from, {
      conversation: { id: `${this.channelId};messageid=1700000000000`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: this.teamId }, channel: { id: this.channelId } },
      ...extra,
    });
  }

  private async post(activity: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.botUrl()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  }

  /** What the bot posted or edited in this channel since `from` (an index into connector.sent). */
  sentSince(from: number): SentActivity[] {
    return this.connector.sent.slice(from).filter((s) => s.conversationId.startsWith(this.channelId));
  }

  mark(): number {
    return this.connector.sent.length;
  }

  async mention(member: Member, text: string): Promise<SentActivity[]> {
    const from = this.mark();
    await this.post(this.activity(member, {
      text: `<at>Samenspel</at> ${text}`,
      entities: [{ type: 'mention', text: '<at>Samenspel</at>', mentioned: { id: '28:samenspel-bot', name: 'Samenspel' } }],
    }));
    return this.sentSince(from);
  }

  /** Any activity from `member` in this channel (an event such as installationUpdate); what the bot posted. */
  async send(member: Member, extra: Record<string, unknown>): Promise<SentActivity[]> {
    const from = this.mark();
    await this.post(this.activity(member, extra));
    return this.sentSince(from);
  }

  async submit(member: Member, value: Record<string, unknown>): Promise<SentActivity[]> {
    const from = this.mark();
    await this.post(this.activity(member, { value }));
    return this.sentSince(from);
  }

  async invoke(member: Member, verb: string, data: Record<string, unknown>): Promise<InvokeAnswer> {
    const res = await this.post(this.activity(member, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    }));
    return { status: res.status, body: res.text ? JSON.parse(res.text) : undefined };
  }
}
