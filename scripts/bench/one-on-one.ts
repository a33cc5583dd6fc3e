/**
 * The 1:1 scenario: N concurrent simulated participants play whole exercises over HTTP against
 * the real bot (a child process), with a bare echo bot on the same stack as the baseline.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalConnector } from '../../tests/support/connector';
import { buttons, Participant } from '../../tests/support/teams';
import { benchStoreEnv, startBotProcess, type BotProcess } from './process';
import { round, summarise, type TurnStats } from './stats';

export interface OneOnOneOptions {
  participants: number;
  exercisesEach: number;
  exerciseId: string;
  /** Mean think time between a participant's clicks in the paced phase (ms). */
  thinkMs: number;
}

/** A tiny seeded generator, so that every run makes the same choices. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

async function timed<T>(latencies: number[], call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await call();
  latencies.push(performance.now() - started);
  return result;
}

/** One participant plays `rounds` exercises from catalogue to summary; returns the turns taken. */
async function playExercises(p: Participant, rounds: number, exerciseId: string, random: () => number, latencies: number[], thinkMs = 0): Promise<number> {
  let turns = 0;
  const think = () => (thinkMs > 0 ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + random()))) : undefined);
  for (let r = 0; r < rounds; r++) {
    const perspective = r % 2 === 0 ? 'ambtenaar' : 'bestuurder';
    await think();
    let replies = await timed(latencies, () => p.click({ verb: 'start', exerciseId, perspective }));
    turns++;
    for (;;) {
      const card = replies[0]?.card;
      const options = buttons(card);
      const choices = options.filter((b) => b.data.verb === 'choose');
      // "Verder" after feedback, or "Begin" under a briefing that has a card of its own.
      const next = options.find((b) => b.data.verb === 'next' || b.data.verb === 'begin');
      const pick = choices.length > 0 ? choices[Math.floor(random() * choices.length)]! : next;
      if (!pick) break; // the summary card: no choice and no "Verder"
      await think();
      replies = await timed(latencies, () => p.click(pick.data));
      turns++;
    }
  }
  return turns;
}

async function measure(bot: BotProcess, run: () => Promise<number>, latencies: number[]): Promise<TurnStats> {
  const cpuBefore = bot.cpuMs();
  const started = performance.now();
  const turns = await run();
  return { turns, seconds: (performance.now() - started) / 1000, cpuMs: bot.cpuMs() - cpuBefore, peakRssMiB: bot.peakRssMiB(), latencies };
}

export async function benchOneOnOne(options: OneOnOneOptions) {
  const connector = await new LocalConnector().start();
  // The connector keeps every reply for tests; the benchmark only needs the latest per turn.
  const trim = setInterval(() => connector.sent.splice(0, Math.max(0, connector.sent.length - 5000)), 1000);
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'samenspel-bench-'));
  const results = [];
  try {
    // --- Samenspel -------------------------------------------------------------------------
    const bot = await startBotProcess('src/main.ts', { PORT: '0', HOST: '127.0.0.1', ...benchStoreEnv(dataRoot, 'samenspel'), LOG_LEVEL: 'info', MICROSOFT_APP_ID: '',
      // The bot's own cost is measured: participants who click without thinking exceed Teams' limits per chat.
      OUTGOING_PACING: 'off' });
    const people = Array.from({ length: options.participants }, (_, i) => new Participant(() => bot.url, connector, `p${i}`));
    // Warm-up (JIT, caches, SQLite pages): every participant plays one exercise, unmeasured.
    await Promise.all(people.map((p, i) => playExercises(p, 1, options.exerciseId, seeded(i + 1000), [])));
    const latencies: number[] = [];
    const exercise = await measure(bot, async () => {
      const counts = await Promise.all(people.map((p, i) => playExercises(p, options.exercisesEach, options.exerciseId, seeded(i + 1), latencies)));
      return counts.reduce((a, b) => a + b, 0);
    }, latencies);
    // Paced: the same participants at a human-like pace (think time between clicks), for latency.
    const pacedLatencies: number[] = [];
    const paced = await measure(bot, async () => {
      const counts = await Promise.all(people.map((p, i) => playExercises(p, 1, options.exerciseId, seeded(i + 500), pacedLatencies, options.thinkMs)));
      return counts.reduce((a, b) => a + b, 0);
    }, pacedLatencies);
    await bot.stop();

    // --- Echo baseline: the same number of turns per participant ---------------------------
    const echo = await startBotProcess('scripts/bench/echo-bot.ts', { PORT: '0', ...benchStoreEnv(dataRoot, 'echo') });
    const echoPeople = Array.from({ length: options.participants }, (_, i) => new Participant(() => echo.url, connector, `e${i}`));
    const perPerson = Math.round(exercise.turns / options.participants);
    await Promise.all(echoPeople.map(async (p) => { for (let i = 0; i < 15; i++) await p.say('warm-up'); }));
    const echoLatencies: number[] = [];
    const baseline = await measure(echo, async () => {
      await Promise.all(echoPeople.map(async (p) => { for (let i = 0; i < perPerson; i++) await timed(echoLatencies, () => p.say(`bericht ${randomUUID()}`)); }));
      return perPerson * options.participants;
    }, echoLatencies);
    await echo.stop();

    const a = summarise('samenspel, flat out', exercise);
    const b = summarise('echo baseline, flat out', baseline);
    const c = summarise(`samenspel, paced (~${options.thinkMs} ms think time)`, paced);
    results.push(a, b, c);
    return {
      participants: options.participants,
      results,
      cpuRatio: round(a.cpuMsPerTurn / b.cpuMsPerTurn),
      pacedP99: c.p99ms,
      targets: { cpuRatioMax: 1.5, p99MsMax: 20 },
    };
  } finally {
    clearInterval(trim);
    await connector.stop();
    fs.rmSync(dataRoot, { recursive: true, force: true });
  }
}
