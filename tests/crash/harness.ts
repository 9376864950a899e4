import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { CrashModel, verifyAfterKill, type Finding } from './check';
import { prepareCrashOffice } from './prepare';
import { parseLine, type ActionLine } from './protocol';

const ROOT = join(__dirname, '..', '..');
/** Inside node_modules so that the bundle's bare imports (better-sqlite3, exceljs …) resolve; one per harness process. */
const WRITER_BUNDLE = join(ROOT, 'node_modules', '.cache', 'welfare-ledger-crash', `writer-${process.pid}.cjs`);

/**
 * The writer bundled into one file (packages left external): plain node starts it in a fraction of
 * what tsx needs to transform the service tree on every start, and the harness starts it once per
 * kill. esbuild comes with tsx and vite.
 */
function bundleWriter(): string {
  buildSync({ entryPoints: [join(__dirname, 'writer.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', outfile: WRITER_BUNDLE, logLevel: 'error' });
  return WRITER_BUNDLE;
}

export interface CrashOptions {
  kills: number;
  /** Seed of the kill delays (printed, so a failing run can be repeated). */
  seed?: number;
  log?: (line: string) => void;
  /** Leave the database in place (the caller removes `dir`): for tests of the checks themselves. */
  keepDatabase?: boolean;
}

export interface CrashFigures {
  /** The random kills asked for, plus the closing one. */
  kills: number;
  survived: number;
  committedVerified: number;
  /** Kills that caught an action in flight (begun, not reported). */
  inFlightAtKill: number;
  medianCycleMs: number;
  prepareMs: number;
  /** Per failed kill: its number and what was wrong. */
  failures: { kill: number; findings: Finding[] }[];
  seed: number;
  dir: string;
  dbPath: string;
  model: CrashModel;
}

/**
 * The closing kill comes after this many committed actions rather than after a delay: two rounds
 * of every kind (a case, then its first step), whatever the machine's speed, so that a run on a
 * loaded machine still leaves every kind of record to check.
 */
const CLOSING_ACTIONS = 8;

/** mulberry32: a tiny seeded PRNG, so a run's kill delays can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts the writer on the database, waits until it is ready (logged in, set up), lets it work for
 * `delayMs`, kills it with SIGKILL and returns the lines it printed. A writer that dies on its own
 * (a refused request, a crash) is a failure of the run, reported with its stderr.
 */
function runWriter(writer: string, dbPath: string, generation: number, until: { delayMs: number } | { committed: number }): Promise<{ lines: string[]; error: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [writer, dbPath, String(generation)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const kill = () => {
        killed = true;
        child.kill('SIGKILL');
      };
      if ('committed' in until) {
        if (!killed && (out.match(/^committed /gm)?.length ?? 0) >= until.committed) kill();
      } else if (!timer && /^ready /m.test(out)) timer = setTimeout(kill, until.delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = out.split('\n').filter(Boolean);
      const failed = lines.find((l) => l.startsWith('failed '));
      const error = killed && signal === 'SIGKILL' && !failed ? null : `writer ended by itself (code ${code}, signal ${signal}): ${failed ?? ''} ${err.slice(-2000)}`;
      resolve({ lines, error });
    });
  });
}

/** The whole harness: prepare once, then `kills` cycles (and a closing one) of run, kill, verify on the same growing database. */
export async function runCrashHarness(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const next = random(seed);
  const started = Date.now();
  const writer = bundleWriter();
  const { dir, dbPath } = await prepareCrashOffice();
  const prepareMs = Date.now() - started;
  log(`bundled the writer and prepared ${dbPath} in ${prepareMs} ms; seed ${seed}`);
  const model = new CrashModel();
  const cycles: number[] = [];
  const failures: CrashFigures['failures'] = [];
  let inFlightAtKill = 0;
  try {
    for (let kill = 1; kill <= options.kills + 1; kill++) {
      const cycleStart = Date.now();
      const delayMs = Math.round(20 + next() * 380);
      const run = await runWriter(writer, dbPath, kill, kill > options.kills ? { committed: CLOSING_ACTIONS } : { delayMs });
      const actions = run.lines.map(parseLine).filter((l): l is ActionLine => l !== null);
      const committed = new Set(actions.filter((a) => a.phase === 'committed').map((a) => a.n));
      if (actions.some((a) => a.phase === 'begin' && !committed.has(a.n))) inFlightAtKill++;
      const findings = [...(run.error ? [run.error] : []), ...verifyAfterKill(dbPath, model, actions)];
      cycles.push(Date.now() - cycleStart);
      if (findings.length > 0) failures.push({ kill, findings });
      log(`kill ${kill}/${options.kills + 1} ${kill > options.kills ? `after ${CLOSING_ACTIONS} actions` : `after ${delayMs} ms`}: ${committed.size} committed, ${findings.length === 0 ? 'ok' : findings.join(' | ')}`);
    }
  } finally {
    rmSync(writer, { force: true });
    if (failures.length === 0 && !options.keepDatabase) rmSync(dir, { recursive: true, force: true });
    else log(`database kept for inspection: ${dbPath}`);
  }
  const sorted = [...cycles].sort((a, b) => a - b);
  return {
    kills: options.kills + 1,
    survived: options.kills + 1 - failures.length,
    committedVerified: model.committed.length,
    inFlightAtKill,
    medianCycleMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    prepareMs,
    failures,
    seed,
    dir,
    dbPath,
    model,
  };
}

export function describeFigures(f: CrashFigures): string {
  return [
    `kills survived / performed: ${f.survived} / ${f.kills}`,
    `committed actions verified: ${f.committedVerified} (kills with an action in flight: ${f.inFlightAtKill})`,
    `median kill cycle: ${f.medianCycleMs} ms (start writer, work 20–400 ms, SIGKILL, verify); prepare: ${f.prepareMs} ms`,
    `seed: ${f.seed} (CRASH_SEED=${f.seed} repeats the kill delays)`,
  ].join('\n');
}
