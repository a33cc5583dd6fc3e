/**
 * The group scenario: 300 participants in one channel vote within one second on the shared card
 * (Action.Execute invokes against the real bot, a child process). Reports the invoke latency,
 * the shared-card edits the connector received, and the votes counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalConnector } from '../../tests/support/connector';
import { Channel, sharedCardIn } from '../../tests/support/channel';
import { buttons, cardText } from '../../tests/support/teams';
import { benchStoreEnv, startBotProcess } from './process';
import { percentile, round } from './stats';

export async function benchGroup(voters: number, spreadMs: number) {
  const connector = await new LocalConnector().start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-bench-group-'));
  const bot = await startBotProcess('src/main.ts', { PORT: '0', HOST: '127.0.0.1', ...benchStoreEnv(dataDir, 'group'), LOG_LEVEL: 'info', MICROSOFT_APP_ID: '' });
  try {
    const channel = new Channel(() => bot.url, connector, voters + 1);
    const [trainer, ...people] = channel.members;
    const catalogue = (await channel.mention(trainer!, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    const start = buttons(catalogue).find((b) => b.data.exerciseId === 'brand-in-de-sporthal' && b.data.perspective === 'ambtenaar')!.data;
    // The group start posts the briefing first, then the shared moment card.
    const shared = sharedCardIn(await channel.submit(trainer!, start));
    const vote = shared.actions.find((a: { verb: string }) => a.verb === 'group.vote');
    const { sessionId, momentId } = vote.data;
    const choices = shared.actions.filter((a: { verb: string }) => a.verb === 'group.vote').map((a: { data: { choiceId: string } }) => a.data.choiceId);

    const mark = channel.mark();
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(people.map((member, i) => new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        const t0 = performance.now();
        channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: choices[i % choices.length] })
          .then((answer) => {
            latencies.push(performance.now() - t0);
            if (answer.body?.type !== 'application/vnd.microsoft.card.adaptive') reject(new Error(`vote ${i} answered ${JSON.stringify(answer.body)}`));
            else resolve();
          }, reject);
      }, (i * spreadMs) / people.length);
    })));
    const burstSeconds = (performance.now() - started) / 1000;
    // Let the coalesced edits settle (one per second at most), then count them.
    await new Promise((r) => setTimeout(r, 2500));
    const edits = channel.sentSince(mark).filter((s) => s.method === 'PUT');
    const lastEdit = cardText(edits.at(-1)?.body.attachments?.[0]?.content);
    const reveal = await channel.invoke(trainer!, 'group.reveal', { sessionId, momentId });
    const counted = Number(/(\d+) keuzes/.exec(cardText(reveal.body?.value))?.[1] ?? NaN);
    const span = (edits.length > 1 ? (Date.parse(String(edits.at(-1)!.receivedAt)) - Date.parse(String(edits[0]!.receivedAt))) / 1000 : 0);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      voters: people.length,
      burstSeconds: round(burstSeconds),
      p50ms: round(percentile(sorted, 50)),
      p99ms: round(percentile(sorted, 99)),
      counted,
      countedPercent: round((counted / people.length) * 100),
      edits: edits.length,
      editSpanSeconds: round(span),
      // Teams' limit is per conversation; the promise is at most one edit per second per group exercise.
      maxEditsInAnySecond: connector.maxInWindow(1000, (r) => r.method === 'PUT' && r.conversationId.startsWith(channel.channelId)),
      lastEditShowsExactCount: lastEdit.includes(`${people.length} van de ${people.length + 1} hebben gekozen`),
      peakRssMiB: round(bot.peakRssMiB()),
    };
  } finally {
    await bot.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
