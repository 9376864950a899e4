/**
 * npm run gen:large -- --out DIR [--seed N] [--scale S] [--county CODE]
 * Generates the large-county data set (docs/large-county.md) into DIR: progress on stderr, then rows per table and seconds.
 */
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateLargeCounty } from './large-county/generate';

const { values } = parseArgs({
  options: { out: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' }, county: { type: 'string' } },
});
const out = values.out ?? '';
if (!out) {
  process.stderr.write('usage: npm run gen:large -- --out DIR [--seed N] [--scale S] [--county CODE]\n');
  process.exit(2);
}

async function main(): Promise<void> {
const started = performance.now();
let lastStage = '';
let lastTenth = -1;
const summary = await generateLargeCounty({
  dataDir: out,
  seed: values.seed ? Number(values.seed) : 1,
  scale: values.scale ? Number(values.scale) : 1,
  ...(values.county ? { divisionCode: values.county } : {}),
  onProgress(stage, fraction) {
    const tenth = Math.floor(fraction * 10);
    if (stage === lastStage && tenth === lastTenth) return;
    lastStage = stage;
    lastTenth = tenth;
    process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${stage.padEnd(20)} ${Math.round(fraction * 100)}%\n`);
  },
});
const width = Math.max(...Object.keys(summary.rows).map((t) => t.length));
for (const [table, n] of Object.entries(summary.rows)) if (n > 0) process.stdout.write(`${table.padEnd(width)}  ${String(n).padStart(10)}\n`);
const mb = (statSync(summary.databasePath).size / 1024 / 1024).toFixed(0);
process.stdout.write(`\n${summary.databasePath}: ${mb} MB in ${summary.seconds.toFixed(1)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
