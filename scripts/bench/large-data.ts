/**
 * The large county every heavy group runs on: generated once per seed, scale and generator version
 * into .cache/large-county-<seed>-<scale>-<hash>/ and reused, so a run does not pay for generation
 * and a changed generator (or schema) regenerates rather than measuring stale data.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../../main/services/files';
import { generateLargeCounty, LARGE_ADMIN } from '../large-county/generate';

export { LARGE_ADMIN };

const ROOT = resolve(__dirname, '../..');

export interface LargeCountyRef {
  dataDir: string;
  seed: number;
  scale: number;
}

export function benchSeed(): number {
  const seed = Number(process.env.BENCH_SEED ?? 1);
  return Number.isInteger(seed) ? seed : 1;
}

export function benchScale(): number {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  return scale > 0 ? scale : 1;
}

/** A short hash of the generator's sources and the migrations: what the data depends on. */
function generatorHash(): string {
  const hash = createHash('sha256');
  for (const dir of ['scripts/large-county', 'db/migrations']) {
    const files = readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.ts'))
      .sort();
    for (const file of files) hash.update(`${dir}/${file}\0`).update(readFileSync(join(ROOT, dir, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

export function largeCountyDir(seed = benchSeed(), scale = benchScale()): string {
  return join(ROOT, '.cache', `large-county-${seed}-${scale}-${generatorHash()}`);
}

/** Written last: a folder without it is an interrupted generation, never reused. */
const COMPLETE = 'bench-complete.json';

/** The folder for this seed and scale, generating it first if missing or unfinished. */
export async function ensureLargeCounty(log: (line: string) => void = () => {}): Promise<LargeCountyRef> {
  const seed = benchSeed();
  const scale = benchScale();
  const dataDir = largeCountyDir(seed, scale);
  if (existsSync(join(dataDir, COMPLETE))) return { dataDir, seed, scale };
  // In place (config.json names the database by its absolute path, so the folder cannot be renamed after).
  rmSync(dataDir, { recursive: true, force: true });
  log(`generating the large county (seed ${seed}, scale ${scale}) into ${dataDir} …`);
  let lastShown = '';
  const summary = await generateLargeCounty({
    dataDir,
    seed,
    scale,
    onProgress(stage, fraction) {
      const shown = `${stage} ${Math.floor(fraction * 10) * 10}%`;
      if (shown !== lastShown) log(`  ${shown}`);
      lastShown = shown;
    },
  });
  writeFileAtomic(join(dataDir, COMPLETE), `${JSON.stringify({ seed, scale, seconds: summary.seconds, rows: summary.rows }, null, 2)}\n`);
  log(`generated in ${summary.seconds.toFixed(1)} s`);
  return { dataDir, seed, scale };
}

/** A throwaway copy of the data folder, for groups that write (the cached one stays as generated). */
export function copyLargeCounty(ref: LargeCountyRef): { dataDir: string; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'welfare-ledger-bench-copy-'));
  const dataDir = join(root, 'data');
  cpSync(ref.dataDir, dataDir, { recursive: true });
  // Point the copy's config at the copy's database (it names the original's by absolute path).
  const configPath = join(dataDir, 'config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { databasePath: string };
  const inside = relative(ref.dataDir, resolve(ref.dataDir, config.databasePath));
  if (!inside.startsWith('..')) writeFileAtomic(configPath, `${JSON.stringify({ ...config, databasePath: join(dataDir, inside) }, null, 2)}\n`);
  return { dataDir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** What the generator reported (rows per table), if this folder came from it. */
export function largeCountySummary(ref: LargeCountyRef): { seconds: number; rows: Record<string, number> } | null {
  const path = join(ref.dataDir, COMPLETE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { seconds: number; rows: Record<string, number> }) : null;
}

/** The database file of a data folder, as config.json names it. */
export function databasePathOf(dataDir: string): string {
  const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { databasePath?: string };
  if (!config.databasePath) throw new Error(`no databasePath in ${dataDir}/config.json`);
  return resolve(dataDir, config.databasePath);
}
