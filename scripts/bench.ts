/**
 * npm run bench — timings that are goals, not tests (tests never assert timings).
 *
 * Generates (or reuses) the large county in .cache/ (scripts/bench/large-data.ts), then runs each
 * group in its own child process so each reports its own peak RSS, prints one table per group
 * (name | median ms | p95 ms | target | met?) and writes bench-results.json with every figure.
 * The groups, what they measure and their goals: scripts/bench/groups/*.ts.
 *
 * `npm run bench -- lists reports` runs some groups (BENCH_GROUPS=lists,reports also works);
 * BENCH_REPEAT (default 20 for lists, 5 for the others), BENCH_SCALE (default 1) and BENCH_SEED
 * (default 1) pass through to the groups and the generator; BENCH_MARKDOWN=path also writes the
 * tables as Markdown (for the README's Performance section).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../main/services/files';
import { GROUPS } from './bench/groups';
import { benchScale, benchSeed, ensureLargeCounty, largeCountySummary } from './bench/large-data';
import type { GroupResult } from './bench/result';
import { markdownGroup, printGroup } from './bench/table';

const RUNNER = resolve(__dirname, 'bench/run-group.ts');

async function main() {
  const asked = [...process.argv.slice(2), ...(process.env.BENCH_GROUPS ?? '').split(',')].map((g) => g.trim()).filter(Boolean);
  const unknown = asked.filter((g) => !(g in GROUPS));
  if (unknown.length) throw new Error(`unknown group ${unknown.join(', ')}: choose from ${Object.keys(GROUPS).join(', ')}`);
  const names = Object.keys(GROUPS).filter((g) => asked.length === 0 || asked.includes(g));

  const large = names.some((g) => GROUPS[g]!.large) ? await ensureLargeCounty((line) => console.log(line)) : null;
  const scratch = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-results-'));
  const results: GroupResult[] = [];
  const failed: string[] = [];
  try {
    for (const name of names) {
      console.log(`running ${name} …`);
      const resultPath = join(scratch, `${name}.json`);
      const child = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, name, resultPath], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_DATA_DIR: large?.dataDir ?? '' },
      });
      if (child.status !== 0) {
        failed.push(name);
        console.error(`group ${name} failed (exit ${child.status ?? child.signal})`);
        continue;
      }
      const result = JSON.parse(readFileSync(resultPath, 'utf8')) as GroupResult;
      results.push(result);
      printGroup(result);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const misses = results.flatMap((g) => [...g.rows.filter((r) => r.met === false).map((r) => `${g.group}: ${r.name}`), ...(g.peakRssMb > 400 ? [`${g.group}: peak RSS ${g.peakRssMb} MB`] : [])]);
  console.log(`\n${misses.length === 0 ? `every target met (${results.length} group(s) ran)` : `${misses.length} target(s) missed:\n  ${misses.join('\n  ')}`}${failed.length ? `\nfailed groups: ${failed.join(', ')}` : ''}`);
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? '', platform: `${process.platform} ${process.arch}` };
  const dataSet = large ? { seed: large.seed, scale: large.scale, dataDir: large.dataDir, generated: largeCountySummary(large) } : { seed: benchSeed(), scale: benchScale() };
  writeFileAtomic('bench-results.json', `${JSON.stringify({ at: new Date().toISOString(), machine, dataSet, groups: results, misses, failed }, null, 2)}\n`);
  if (process.env.BENCH_MARKDOWN) writeFileAtomic(process.env.BENCH_MARKDOWN, `${results.map(markdownGroup).join('\n\n')}\n`);
  if (failed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
