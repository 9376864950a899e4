/** `npm run test:crash`: the crash harness in full (CRASH_KILLS, default 200; CRASH_SEED to repeat a run). */
import { describeFigures, runCrashHarness } from './harness';

const kills = Number(process.env.CRASH_KILLS ?? 200);
const seed = process.env.CRASH_SEED ? Number(process.env.CRASH_SEED) : undefined;
void runCrashHarness({ kills, seed, log: (line) => console.log(line) }).then((figures) => {
  console.log(describeFigures(figures));
  process.exitCode = figures.failures.length === 0 ? 0 : 1;
});
