/**
 * The crash harness's victim: `node --import tsx tests/crash/writer.ts DB GENERATION`.
 *
 * (The harness runs it bundled by esbuild; `node --import tsx` works too, only slower to start.)
 * Opens a prepared office database (see prepare.ts) through the real core and loops over real
 * requests until it is killed: admissions with a new person, monthly statistics saves, a
 * renovation case and its first workflow steps, and people imports (open + commit + job). Before
 * each request it prints `begin <n> <kind> <key>`, after an ok result `committed <n> <kind> <key>`,
 * written synchronously to fd 1 so that a line printed is a line the harness reads even after a
 * SIGKILL. The key is what the harness looks up in the database (see check.ts).
 *
 * GENERATION (the harness's kill count) makes every ID number of this run unique across runs:
 * the birth date comes from it, the sequence from the action counter.
 */
import { writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Input, Output, RequestName } from '../../main/contract';
import type { JobStatus } from '../../main/contract/areas/jobs';
import { addDays } from '../../main/services/calendar';
import { systemClock, today } from '../../main/services/clock';
import { createLedgerCore } from '../../main/services/ledger-core';
import { idFor } from '../support/id-numbers';
import { csvText } from '../support/imports';
import { CRASH_ADMIN, CRASH_HOME, birthDateOf, statValue, type ActionKind } from './protocol';

const [dbPath, generationText] = process.argv.slice(2);
if (!dbPath || !generationText) throw new Error('usage: writer.ts DB GENERATION');
const generation = Number(generationText);

const core = createLedgerCore({ dataDir: dirname(dbPath), databasePath: dbPath, log: (e) => process.stderr.write(`${String(e)}\n`) });
const session = core.newSession();

async function call<K extends RequestName>(name: K, input: Input<K>): Promise<Output<K>> {
  const result = await core.dispatch(session, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as Output<K>;
}

async function waitJob<T>(job: JobStatus<T>): Promise<T> {
  let status: JobStatus = job;
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 2));
    status = await call('jobs.status', { id: job.id });
  }
  if (status.state !== 'done') throw new Error(`job ${status.kind}: ${status.state} ${status.error?.message ?? ''}`);
  return status.result as T;
}

const say = (line: string) => writeSync(1, `${line}\n`);

let counter = 0;
const birth = birthDateOf(generation);
const nextIdNumber = () => {
  if (counter >= 999) throw new Error('writer: out of ID numbers for this generation');
  return idFor(birth, ++counter);
};

/** Runs one action between its begin and committed lines. */
async function act(n: number, kind: ActionKind, key: string, work: () => Promise<unknown>): Promise<void> {
  say(`begin ${n} ${kind} ${key}`);
  await work();
  say(`committed ${n} ${kind} ${key}`);
}

async function main() {
  const login = await call('auth.login', CRASH_ADMIN);
  if (login.status !== 'ok') throw new Error(`login: ${login.status}`);
  const day = today(systemClock);
  const homes = await call('institutions.list', {});
  const home = homes.find((h) => h.name === CRASH_HOME);
  if (!home) throw new Error(`no institution ${CRASH_HOME}: prepare the database first`);
  // Cells a statistics save may write: operating stations in months of this year up to now.
  const cells: { stationId: string; month: string }[] = [];
  for (let m = 1; `${day.slice(0, 4)}-${String(m).padStart(2, '0')}` <= day.slice(0, 7); m++) {
    const month = `${day.slice(0, 4)}-${String(m).padStart(2, '0')}`;
    const sheet = await call('stats.month', { month });
    if (!sheet.submitted) cells.push(...sheet.rows.filter((r) => r.operating).map((r) => ({ stationId: r.stationId, month })));
  }
  if (cells.length === 0) throw new Error('no station operating this year');
  // Carry on with a case an earlier run left half way, so that steps are taken even in short runs.
  const steps = ['town_reviewed', 'county_reviewed', 'publicised', 'assessed'] as const;
  let renovation: { id: string; version: number; steps: number } | null = null;
  for (const [index, state] of (['applied', ...steps.slice(0, -1)] as const).entries()) {
    const open = await call('renovations.list', { state, query: '崩改', limit: 1 });
    if (open.rows[0]) renovation = { id: open.rows[0].id, version: (await call('renovations.get', { id: open.rows[0].id })).version, steps: index };
  }
  say(`ready ${generation}`);

  for (let n = 1; ; n++) {
    // Each run starts with another kind of action, so that every kind is caught mid-way by kills.
    switch ((n + generation) % 4) {
      case 1: {
        const idNumber = nextIdNumber();
        await act(n, 'admit', idNumber, () =>
          call('residents.admit', {
            admission: {
              person: { name: `崩测${n}`, idNumber },
              institutionId: home.id,
              bedId: null,
              admittedOn: day,
              details: { category: 'tekun_elderly', supportForm: 'concentrated', schoolingExtension: false },
              assessment: { method: 'six_task', assessedOn: day, assessor: '崩溃测试', failedTasks: ['bathe'] },
            },
          }),
        );
        break;
      }
      case 2: {
        const cell = cells[(generation * 37 + n) % cells.length]!;
        const value = statValue(generation, n);
        await act(n, 'stat', `${cell.stationId}:${cell.month}:${value}`, () =>
          call('stats.save', { month: cell.month, rows: [{ stationId: cell.stationId, meals: n, services: { visiting: { home: value, onSite: n } } }] }),
        );
        break;
      }
      case 3: {
        if (!renovation || renovation.steps === steps.length) {
          const idNumber = nextIdNumber();
          const person = await call('people.create', { person: { name: `崩改${n}`, idNumber } });
          const household: Input<'renovations.create'>['application']['household'] = {
            personIds: [person.person.id],
            category: 'tekun_dispersed',
            conditions: ['advanced_age'],
            townCode: '445302102',
            villageCode: '445302102202',
            address: '水东村一巷 3 号',
            phone: '13800000000',
            planYear: Number(day.slice(0, 4)),
          };
          let saved: Output<'renovations.create'> | undefined;
          await act(n, 'case', idNumber, async () => {
            saved = await call('renovations.create', { application: { household, appliedOn: addDays(day, -10), responsible: '崩溃测试', note: null } });
          });
          renovation = { id: saved!.case.id, version: saved!.case.version, steps: 0 };
        } else {
          const step = steps[renovation.steps]!;
          const base = { date: addDays(day, -9 + renovation.steps), responsible: '崩溃测试', note: null };
          const current: { id: string; version: number; steps: number } = renovation;
          let saved: Output<'renovations.step'> | undefined;
          await act(n, 'step', `${current.id}:${step}`, async () => {
            saved = await call('renovations.step', {
              id: current.id,
              version: current.version,
              step: step === 'assessed' ? { step, ...base, abilityLevel: 'partial', needs: '卫生间无扶手' } : { step, ...base },
            });
          });
          renovation = { id: current.id, version: saved!.case.version, steps: current.steps + 1 };
        }
        break;
      }
      default: {
        const rows = [0, 1, 2].map((i) => [`崩导${n}${'甲乙丙'[i]}`, nextIdNumber()]);
        const bytes = Buffer.from(csvText(['姓名', '身份证号'], rows), 'utf8');
        const sha = createHash('sha256').update(bytes).digest('hex');
        await act(n, 'import', sha, async () => {
          const info = await call('imports.open', { register: 'people', fileName: `crash-${generation}-${n}.csv`, contentBase64: bytes.toString('base64') });
          const report = await waitJob(await call('imports.commit', { token: info.token, mapping: info.mapping, allOrNothing: true, locale: 'zh-CN' }));
          if (!report.committed || report.counts.create !== 3) throw new Error(`import: ${JSON.stringify(report.counts)}`);
        });
      }
    }
  }
}

main().catch((error: unknown) => {
  say(`failed ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
