/**
 * A group exercise played through the bot's endpoint up to the trainer's report link: shared by
 * tests/report.test.ts and the browser test tests/report-page.test.ts.
 */
import assert from 'node:assert/strict';
import type { App } from '../../src/app';
import type { LocalConnector, SentActivity } from './connector';
import { Channel, sharedCardIn } from './channel';
import { buttons, cardText, Participant } from './teams';

export const posts = (sent: SentActivity[]) => sent.filter((s) => s.method === 'POST');
export const cardOf = (s: { body: any } | undefined) => s?.body.attachments?.[0]?.content;

/** The report-link card among what the bot posted (its refresh names the verb report.link). */
export function linkCardIn(sent: SentActivity[]): any {
  return posts(sent).map(cardOf).find((c) => c?.refresh?.action?.verb === 'report.link' || c?.actions?.some((a: any) => a.type === 'Action.OpenUrl'));
}

export const urlOf = (card: any): string | undefined => card?.actions?.find((a: any) => a.type === 'Action.OpenUrl')?.url;

export interface Workshop {
  sessionId: string;
  /** What the bot posted when the trainer pressed Afronden. */
  finished: SentActivity[];
}

/**
 * The trainer starts the fixture case (two moments for the ambtenaar); on each moment the voters
 * pick `pick(i, moment)` and the trainer reveals and moves on; after the last, Afronden.
 */
export async function playWorkshop(channel: Channel, voters: number, pick: (i: number, momentId: string) => string): Promise<Workshop> {
  const trainer = channel.members[0]!;
  const catalogue = cardOf(posts(await channel.mention(trainer, 'groep'))[0]);
  const start = buttons(catalogue).find((b) => b.data.verb === 'group.start' && b.data.perspective === 'ambtenaar')!.data;
  let shared = sharedCardIn(await channel.submit(trainer, start));
  const sessionId: string = shared.actions[0].data.sessionId;
  for (;;) {
    const momentId: string = shared.actions[0].data.momentId;
    for (const [i, m] of channel.members.slice(1, 1 + voters).entries()) await channel.invoke(m, 'group.vote', { sessionId, momentId, choiceId: pick(i, momentId) });
    await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    const mark = channel.mark();
    await channel.invoke(trainer, 'group.next', { sessionId, momentId });
    const sent = channel.sentSince(mark);
    const next = posts(sent).map(cardOf).find((c) => c?.actions?.some((a: any) => a.verb === 'group.vote'));
    if (!next) {
      // The last moment: "next" ends the exercise as "finish" does (the summary, then the link card).
      return { sessionId, finished: sent };
    }
    shared = next;
  }
}

/** The trainer's own view of the link card (the refresh Teams makes for them), and the URL in it. */
export async function trainerLink(channel: Channel, sessionId: string): Promise<string> {
  const answer = await channel.invoke(channel.members[0]!, 'report.link', { sessionId });
  const url = urlOf(answer.body?.value);
  assert.ok(url, `the trainer's view has a link: ${JSON.stringify(answer.body)}`);
  return url;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; headers: Headers }> {
  const res = await fetch(url, { headers });
  // ignoreBOM keeps a byte-order mark in the text (the CSV's), where res.text() would drop it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, headers: res.headers };
}

export const csvUrl = (pageUrl: string) => pageUrl.replace(/\/report\/([^/?]+)\?/, '/report/$1/figures.csv?');

/** The CSV as rows of cells (RFC 4180 quoting; the separator given), without the BOM. */
export function parseCsv(text: string, sep: string): string[][] {
  assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 BOM');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) row.push(cell), (cell = '');
    else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  return rows;
}

/**
 * The trainer starts follow-up (once a week for `weeks.length` weeks, 09:30); at each `at` (set
 * through `setNow`, the bot's clock) the scheduler sends, and voter i answers `answers[i]` (a
 * choice id of the fixture micro-exercise) in their 1:1 chat.
 */
export async function followupSeries(bot: App, channel: Channel, connector: LocalConnector, sessionId: string, voters: number, setNow: (iso: string) => void, weeks: { at: string; answers: string[] }[]): Promise<void> {
  const trainer = channel.members[0]!;
  const setup = cardOf(posts(await channel.submit(trainer, { verb: 'followup.setup', sessionId }))[0]);
  await channel.submit(trainer, { ...buttons(setup)[0]!.data, theme: 'all', perWeek: '1', weeks: String(weeks.length), time: '09:30', everyone: 'false' });
  await bot.scheduler.tick();
  // Each participant's 1:1 chat: the one the bot created, and, once they answered there, their own (follow-up then uses that one).
  const people = channel.members.slice(1, 1 + voters).map((m) => ({ member: m, chat: new Participant(() => bot.url, connector, 'p', 'nl-NL', { id: m.id, aadObjectId: m.aadObjectId }) }));
  for (const week of weeks) {
    setNow(week.at);
    await bot.scheduler.tick();
    for (const [i, choiceId] of week.answers.entries()) {
      const { member, chat } = people[i]!;
      const micro = [...connector.toMember(member.id), ...connector.sent.filter((s) => s.conversationId === chat.conversationId && s.method === 'POST')]
        .map(cardOf)
        .filter((c) => buttons(c).some((b) => b.data.verb === 'micro.choose'))
        .at(-1);
      const data = buttons(micro).find((b) => b.data.choiceId === choiceId)!.data;
      assert.match(cardText((await chat.click(data))[0]?.card), /^Jouw keuze/);
    }
  }
}

export type { App };
