/**
 * npm run bench [scenario…]: the project's benchmarks (scripts, not tests). Scenarios:
 *   1on1   N concurrent participants play whole exercises; an echo bot on the same stack is the baseline
 * Settings: BENCH_PARTICIPANTS (50), BENCH_EXERCISES_EACH (3), BENCH_EXERCISE (brand-in-de-sporthal).
 */
import { benchOneOnOne } from './one-on-one';

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const run = (name: string) => wanted.length === 0 || wanted.includes(name);
  if (run('1on1')) {
    const result = await benchOneOnOne({
      participants: Number(process.env.BENCH_PARTICIPANTS ?? 50),
      exercisesEach: Number(process.env.BENCH_EXERCISES_EACH ?? 3),
      exerciseId: process.env.BENCH_EXERCISE ?? 'brand-in-de-sporthal',
    });
    console.log(`\n1:1 practice, ${result.participants} concurrent participants (CPU per turn measured in the bot process):`);
    console.table(result.results);
    const ours = result.results[0]!;
    console.log(`CPU ratio exercise/echo: ${result.cpuRatio} (target ≤ ${result.targets.cpuRatioMax}); p99 ${ours.p99ms} ms (target ≤ ${result.targets.p99MsMax} ms)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
