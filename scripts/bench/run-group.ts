/**
 * One group in its own process (spawned by scripts/bench.ts), so the peak RSS it reports is its
 * own: `node --import tsx scripts/bench/run-group.ts <group> <result.json>`, with the large county's
 * folder in BENCH_DATA_DIR. Writes the GroupResult to <result.json>.
 */
import { writeFileAtomic } from '../../main/services/files';
import { GROUPS } from './groups';
import { benchScale, benchSeed } from './large-data';

async function main() {
  const [name, resultPath] = process.argv.slice(2);
  const group = name ? GROUPS[name] : undefined;
  if (!group || !resultPath) throw new Error(`usage: run-group.ts <${Object.keys(GROUPS).join('|')}> <result.json>`);
  const dataDir = process.env.BENCH_DATA_DIR ?? '';
  if (group.large && !dataDir) throw new Error('BENCH_DATA_DIR is not set (run through scripts/bench.ts)');
  const result = await group.run({ dataDir, seed: benchSeed(), scale: benchScale() });
  writeFileAtomic(resultPath, `${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  // Open handles (a job's timer, the test host's sockets) must not keep a finished group alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
