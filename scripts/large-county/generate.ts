/**
 * The large-county data set of issue 9 (docs/large-county.md): a data folder that the app, the CLI
 * (`--data`) and the test host open as they are, generated deterministically from a seed. The office
 * and its administrator are made by the services; the masses are bulk-inserted with prepared
 * statements, their derived columns computed by the services' own pure functions.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getDivision } from '../../db/divisions';
import { openDatabase } from '../../db/open';
import { DemoRandom } from '../../main/services/demo/demo-random';
import { createLedgerCore } from '../../main/services/ledger-core';
import { writeAuditTrail } from './audit-trail';
import { idMaker, stampOn, type Gen } from './context';
import { writeInstitutions, planStays, writeStays } from './homes';
import { planPeople, writePeople, type GenPerson } from './people';
import { planCases, writeCapsAndTargets, writeCases } from './renovations';
import { planFamilyBeds, writeFamilyBeds, writeStations, writeStats } from './stations';

/** The administrator of every generated office (a benchmark's data, never a real office's). */
export const LARGE_ADMIN = { username: 'admin', displayName: '基准管理员', password: 'large county 2026', passwordConfirm: 'large county 2026' } as const;

export interface LargeCountyOptions {
  /** The data folder to create (config.json + office.sqlite + its files folder); must not hold an office yet. */
  dataDir: string;
  /** Same seed and scale → the same records. */
  seed?: number;
  /** 1 = the sizes (200 000 people, …); 0.01 for tests. */
  scale?: number;
  /** The county (default 罗定市 445381, the largest of Yunfu). */
  divisionCode?: string;
  /** Called now and then with what is being written and how far it is (0–1). */
  onProgress?(stage: string, fraction: number): void;
}

export interface LargeCountySummary {
  databasePath: string;
  seconds: number;
  /** Rows per table, as counted in the finished database. */
  rows: Record<string, number>;
}

/** The office's creation: the day before the ten years of records begin (a fixed clock, never the wall clock). */
const SETUP_TIME = '2016-11-30T02:00:00.000Z';

async function createOffice(dataDir: string, databasePath: string, divisionCode: string): Promise<void> {
  const clock = { now: () => new Date(SETUP_TIME) };
  const core = createLedgerCore({ dataDir, log: () => {}, clock });
  try {
    const session = core.newSession();
    const call = async (name: string, input: unknown) => {
      const result = await core.dispatch(session, name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      return result.value;
    };
    await call('setup.create', { mode: 'county', divisionCode, officeName: `${getDivision(divisionCode)?.name ?? divisionCode}民政局（基准数据）`, databasePath, admin: LARGE_ADMIN });
    await call('auth.login', { username: LARGE_ADMIN.username, password: LARGE_ADMIN.password });
  } finally {
    core.close();
  }
}

/** Station targets per year and the county's allowance standard: the structure reports compare against. */
function writeStandards(gen: Gen): void {
  const rng = gen.rng('standards');
  const at = stampOn(rng, '2016-12-15');
  const id = gen.id(at);
  gen.db
    .prepare(
      `INSERT INTO allowance_standard (id, effective_from, basic_living_fen, care_self_care_concentrated_fen, care_partial_concentrated_fen, care_complete_concentrated_fen,
         care_self_care_dispersed_fen, care_partial_dispersed_fen, care_complete_dispersed_fen, orphan_concentrated_fen, orphan_dispersed_fen, note, created_at, created_by,
         created_installation) VALUES (?, '2017-01-01', 98000, 30000, 60000, 120000, 15000, 30000, 60000, 160000, 120000, NULL, ?, ?, ?)`,
    )
    .run(id, at, gen.staffId, gen.installationId);
  gen.audit.push({ at, action: 'create', entity: 'allowance-standard', entityId: id, summary: '2017-01-01', after: null });
  const target = gen.db.prepare(
    'INSERT INTO year_target (year, stations, family_beds, home_visits, version, updated_at, updated_by, updated_installation) VALUES (?,?,?,?,1,?,?,?)',
  );
  for (let year = 2017; year <= 2026; year++) {
    const when = stampOn(rng, `${year - 1}-12-20`);
    target.run(year, Math.max(1, Math.round((40 * gen.scale))), Math.max(1, Math.round(2000 * gen.scale)), Math.round(50_000 * gen.scale), when, gen.staffId, gen.installationId);
    gen.audit.push({ at: when, action: 'update', entity: 'year-target', entityId: String(year), summary: String(year), after: null });
  }
}

function countRows(gen: Gen): Record<string, number> {
  const tables = gen.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, Number(gen.db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]));
}

export async function generateLargeCounty(options: LargeCountyOptions): Promise<LargeCountySummary> {
  const started = performance.now();
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  const divisionCode = options.divisionCode ?? '445381';
  const progress = options.onProgress ?? (() => {});
  mkdirSync(options.dataDir, { recursive: true });
  const databasePath = join(options.dataDir, 'office.sqlite');
  progress('office', 0);
  await createOffice(options.dataDir, databasePath, divisionCode);

  const opened = openDatabase(databasePath);
  try {
    const db = opened.sqlite;
    // A fresh file that is thrown away if the run fails: no journal while bulk-inserting (each page is
    // written once, not to the WAL and again at checkpoints); WAL and full sync are restored at the end.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const staff = db.prepare('SELECT id, display_name FROM staff WHERE username = ?').get(LARGE_ADMIN.username) as { id: string; display_name: string };
    const office = db.prepare('SELECT installation_id FROM office').get() as { installation_id: string };
    const gen: Gen = {
      db,
      seed,
      scale,
      rng: (stage) => new DemoRandom(`large-county/${seed}/${scale}/${stage}`),
      id: idMaker(seed),
      staffId: staff.id,
      staffName: staff.display_name,
      installationId: office.installation_id,
      countyCode: divisionCode,
      audit: [],
      progress,
    };
    const people = planPeople(gen, 0.004);
    const stations = writeStations(gen, people);
    const homes = writeInstitutions(gen, people);
    writeStandards(gen);
    writeCapsAndTargets(gen);
    // People are written once every record has said how early it needs them registered.
    const used = new Set<GenPerson>();
    const stays = planStays(gen, people, homes, used);
    const beds = planFamilyBeds(gen, people, stations, used);
    const cases = planCases(gen, people, used);
    writePeople(gen, people);
    writeFamilyBeds(gen, beds);
    writeStays(gen, stays);
    writeCases(gen, cases);
    writeStats(gen, stations);
    writeAuditTrail(gen, LARGE_ADMIN.username);
    progress('analyze', 0);
    // Sampled statistics (as `PRAGMA optimize` gathers them in the app): a full ANALYZE reads every index of a 1.4 GB file.
    db.pragma('analysis_limit = 2000');
    db.exec('ANALYZE');
    db.pragma('optimize');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = countRows(gen);
    return { databasePath, seconds: (performance.now() - started) / 1000, rows };
  } finally {
    opened.close();
  }
}
