/**
 * Crash safety: the bot process is killed with SIGKILL (no shutdown at all) in the middle of a
 * 1:1 exercise and in the middle of a group vote burst. After a restart on the same data, no
 * answer that was acknowledged is lost.
 */
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import { LocalConnector } from './support/connector';
import { tempDataDir } from './support/bot';
import { kill, startBotProcess as startProcess } from './support/process';
import { Channel, sharedCardIn } from './support/channel';
import { button, buttons, cardText, choice, letterOf, Participant } from './support/teams';

describe('crash safety (SIGKILL)', function () {
  this.timeout(60_000);
  let connector: LocalConnector;
  let running: ChildProcess | undefined;
  before(async () => (connector = await new LocalConnector().start()));
  afterEach(() => {
    if (running && running.exitCode === null) running.kill('SIGKILL');
  });
  after(async () => connector.stop());

  it('keeps a 1:1 answer that was acknowledged before the kill', async () => {
    const dataDir = tempDataDir();
    let bot = await startProcess(dataDir);
    running = bot.child;
    const anna = new Participant(() => bot.url, connector, 'Anna');
    const first = (await anna.click({ verb: 'start', exerciseId: 'kleine-casus', perspective: 'ambtenaar' }))[0]!.card;
    const feedback = (await anna.click(choice(first, 'laat')))[0]!.card;
    await kill(bot.child);

    bot = await startProcess(dataDir);
    running = bot.child;
    // The answer "laat" (the branch) is kept: "Verder" leads to the branch moment.
    const next = (await anna.click(button(feedback, 'Verder')))[0]!.card;
    assert.match(cardText(next), /Waarom duurt het zo lang\?/);
    await kill(bot.child);
  });

  it('keeps every group vote that was acknowledged before the kill in the middle of a burst', async () => {
    const dataDir = tempDataDir();
    let bot = await startProcess(dataDir);
    running = bot.child;
    const channel = new Channel(() => bot.url, connector, 201);
    const trainer = channel.members[0]!;
    const catalogue = (await channel.mention(trainer, 'groep')).find((s) => s.method === 'POST')!.body.attachments[0].content;
    const shared = sharedCardIn(await channel.submit(trainer, buttons(catalogue)[0]!.data));
    const { sessionId, momentId } = shared.actions[0].data;

    const acknowledged: string[] = [];
    let killing: Promise<void> | undefined;
    await Promise.all(channel.members.slice(1).map(async (member) => {
      try {
        const answer = await channel.invoke(member, 'group.vote', { sessionId, momentId, choiceId: 'vroeg' });
        if (answer.status === 200 && answer.body?.type === 'application/vnd.microsoft.card.adaptive') acknowledged.push(member.id);
        if (acknowledged.length === 60 && !killing) killing = kill(bot.child);
      } catch {
        // the connection died with the process: this vote was never acknowledged
      }
    }));
    await killing;
    assert.ok(acknowledged.length >= 60, `only ${acknowledged.length} votes acknowledged before the kill`);

    bot = await startProcess(dataDir);
    running = bot.child;
    const revealed = await channel.invoke(trainer, 'group.reveal', { sessionId, momentId });
    const counted = Number(/Onthuld · (\d+) keuzes/.exec(cardText(revealed.body?.value))?.[1]);
    assert.ok(counted >= acknowledged.length, `${counted} counted, ${acknowledged.length} acknowledged`);
    // Every acknowledged voter still finds their own choice.
    for (const member of channel.members.filter((m) => acknowledged.includes(m.id)).slice(0, 20)) {
      const view = await channel.invoke(member, 'group.refresh', { sessionId, momentId });
      assert.match(cardText(view.body?.value), new RegExp(`Jij koos ${letterOf(shared, 'vroeg')}\\.`));
    }
    await kill(bot.child);
  });
});
