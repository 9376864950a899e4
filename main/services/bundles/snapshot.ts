import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Database, PersonTable, ResidentTable } from '../../../db/schema';
import type { Period } from '../../contract/areas/bundles';
import { SERVICE_TYPES, BED_DEVICES, type ServiceType } from '../../contract/areas/station-enums';
import { HOUSEHOLD_CONDITIONS } from '../../contract/areas/renovation-enums';
import type { ExitReason } from '../../contract/areas/welfare-enums';
import { canonicalJson } from '../../bundles/canonical-json';
import {
  REGISTERS,
  SUMMARY_CONTENTS,
  type BundleSummary,
  type ContentsHeader,
  type FamilyBedRecord,
  type InstitutionRecord,
  type PersonRecord,
  type RenovationCaseRecord,
  type ResidentRecord,
  type StationMonthRecord,
  type StationRecord,
} from '../../bundles/content';
import { derive, effectiveSteps, stepFromRow } from '../renovations/derive';
import { subsidiesOf } from '../renovations/plan';
import { abilityByStay, effectiveAssessments } from '../residents/assessments';
import { isChildStay } from '../residents/resident-view';
import { lifecycleOf, stateOn } from '../stations/lifecycle';
import { registeredBedCounts } from '../welfare-homes/occupancy';
import { buildSummary, type CountyIdentity } from './summary';

/**
 * A full snapshot of the county's registers as of a period's end, plus the period's report rows:
 * what a bundle carries, so the city never needs an earlier bundle to read one. Every value is an
 * integer, a string, a boolean or null; dates after the period end are left out; records are
 * sorted by id, so the same database always gives the same bytes. Children's stays carry only the
 * fields the city's tables need (docs/bundle-format.md, "Data files").
 */

export interface SnapshotFile {
  contents: string;
  records: number;
  /** JSON Lines: the header line, then one canonical JSON record per line. */
  plain: Buffer;
}

/** Registers in file order (after the summary). */
export const REGISTER_ORDER = ['stations', 'station_month_stats', 'family_beds', 'institutions', 'residents', 'renovation_cases', 'people'] as const;
type RegisterName = (typeof REGISTER_ORDER)[number];

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A date if it lies on or before the period end, else null (not yet happened as of then). */
function by(end: string, date: string | null): string | null {
  return date !== null && date <= end ? date : null;
}

function inOrder<T extends string>(values: unknown, order: readonly T[]): T[] {
  const present = new Set(Array.isArray(values) ? values : []);
  return order.filter((v) => present.has(v));
}

const PAGE = 500;

/**
 * A register read a page at a time in id order (keyset: ids after the last one), so each page's
 * rows and records die young instead of piling up for the whole register.
 */
async function* pages<R extends { id: string }, T>(read: (after: string, limit: number) => Promise<R[]>, make: (rows: R[]) => Promise<T[]> | T[]): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const rows = await read(after, PAGE);
    if (rows.length === 0) return;
    yield await make(rows);
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await read(ids.slice(i, i + 500))));
  return out;
}

async function stations(db: Kysely<Database>, end: string): Promise<StationRecord[]> {
  const rows = await db.selectFrom('station').selectAll().orderBy('id').execute();
  const endYear = Number(end.slice(0, 4));
  return rows.flatMap((r) => {
    const lifecycle = lifecycleOf(r);
    const state = stateOn(lifecycle, end);
    const undated = Object.values(lifecycle).every((d) => d === null);
    // A station appears once its first step is dated by the period end (an undated one from its task year).
    if (state === null && !(undated && (r.task_year === null || r.task_year <= endYear))) return [];
    return [
      {
        id: r.id,
        name: r.name,
        kind: r.kind,
        townCode: r.town_code,
        villageCode: r.village_code,
        taskYear: r.task_year,
        fundingFen: r.funding_fen,
        state: state ?? 'planned',
        plannedDate: by(end, r.planned_date),
        constructionDate: by(end, r.construction_date),
        completedDate: by(end, r.completed_date),
        acceptedDate: by(end, r.accepted_date),
        operatingDate: by(end, r.operating_date),
        suspendedDate: by(end, r.suspended_date),
        closedDate: by(end, r.closed_date),
        operatingMode: r.operating_mode,
        operatorName: r.operator_name,
        beds: r.beds,
        staff: r.staff,
        services: inOrder(JSON.parse(r.services_json), SERVICE_TYPES),
        medicalPartnerType: r.medical_partner_type,
        tcmBase: by(end, r.tcm_base_date) !== null,
        oneStopSettlement: r.one_stop_settlement === 1,
      },
    ];
  });
}

/** Every station's months up to the period end's month: what `station_month_stats` carries. */
function stationMonthsQuery(db: Kysely<Database>, end: string) {
  return db.selectFrom('station_month_stat as s').innerJoin('station as st', 'st.id', 's.station_id').where('s.month', '<=', end.slice(0, 7));
}

/** Twenty stations' months at a time, in id order (`<station id>/<month>`: station ids are UUIDs of one length). */
async function* stationMonths(db: Kysely<Database>, end: string): AsyncGenerator<StationMonthRecord[]> {
  const stationIds = (await db.selectFrom('station').select('id').orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < stationIds.length; i += 20) yield await stationMonthsOf(db, end, stationIds.slice(i, i + 20));
}

async function stationMonthsOf(db: Kysely<Database>, end: string, stationIds: string[]): Promise<StationMonthRecord[]> {
  const rows = await stationMonthsQuery(db, end)
    .leftJoin('stat_month as m', 'm.month', 's.month')
    .select(['s.station_id', 's.month', 's.meals', 's.home_visits', 's.on_site', 's.services_json', 'st.name', 'm.submitted_at'])
    .where('s.station_id', 'in', stationIds)
    .execute();
  return rows
    .map((r) => {
      const services = JSON.parse(r.services_json) as Partial<Record<ServiceType, { home: number; onSite: number }>>;
      return {
        id: `${r.station_id}/${r.month}`,
        stationId: r.station_id,
        stationName: r.name,
        month: r.month,
        homeVisits: r.home_visits,
        onSite: r.on_site,
        meals: r.meals,
        services: SERVICE_TYPES.flatMap((type) => (services[type] ? [{ type, home: services[type].home, onSite: services[type].onSite }] : [])),
        submitted: r.submitted_at !== null,
      };
    })
    .sort(byId);
}

/** Beds installed by the period end: what `family_beds` carries (records and count alike). */
function bedsQuery(db: Kysely<Database>, end: string) {
  return db
    .selectFrom('family_bed as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .innerJoin('station as s', 's.id', 'b.station_id')
    .where('b.install_date', '<=', end);
}

function familyBeds(db: Kysely<Database>, end: string, isChild: ChildTest): AsyncGenerator<FamilyBedRecord[]> {
  const read = (after: string, limit: number) =>
    bedsQuery(db, end)
      .select(['b.id', 'b.person_id', 'b.station_id', 'b.install_date', 'b.devices_json', 'b.end_date', 'b.end_reason', 'p.name as person_name', 'p.birth_date', 's.name as station_name'])
      .where('b.id', '>', after)
      .orderBy('b.id')
      .limit(limit)
      .execute();
  return pages(read, (rows) => rows.map((r): FamilyBedRecord => {
    const endDate = by(end, r.end_date);
    const child = isChild(r.person_id, r.birth_date);
    return {
      id: r.id,
      personId: child ? null : r.person_id,
      personName: child ? null : r.person_name,
      stationId: r.station_id,
      stationName: r.station_name,
      installDate: r.install_date,
      devices: inOrder(JSON.parse(r.devices_json), BED_DEVICES),
      endDate,
      endReason: endDate ? r.end_reason : null,
      active: endDate === null,
    };
  }));
}

async function institutions(db: Kysely<Database>, end: string): Promise<InstitutionRecord[]> {
  const registered = await registeredBedCounts(db, end);
  const rows = await db.selectFrom('institution').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    townCode: r.town_code,
    villageCode: r.village_code,
    operatorName: r.operator_name,
    totalBeds: r.total_beds,
    nursingBeds: r.nursing_beds,
    registeredBeds: registered.get(r.id) ?? 0,
    medicalRoom: r.medical_room === 1,
    medicalStaff: r.medical_staff,
    oneStopSettlement: r.one_stop_settlement === 1,
    closedOn: by(end, r.closed_on),
  }));
}

type ChildTest = (personId: string, birthDate: string | null) => boolean;

/** Stays admitted by the period end, void ones left out: what `residents` carries. */
function staysQuery(db: Kysely<Database>, end: string) {
  return db.selectFrom('resident as r').innerJoin('person as p', 'p.id', 'r.person_id').where('r.status', '!=', 'void').where('r.admitted_on', '<=', end);
}

/** Cases applied for by the period end: what `renovation_cases` carries. */
function casesQuery(db: Kysely<Database>, end: string) {
  return db.selectFrom('renovation_case').where('applied_on', '<=', end);
}

/**
 * Who the period's bundle may name: the children (people of a child's stay, or under 18 on the
 * period end — never named or identified outside the children's own fields, whatever register
 * refers to them) and the adults the registers refer to (beds, adult stays, case applicants: the
 * `people` register). Read from narrow columns without touching person rows but the young ones,
 * so the preview counts people exactly as the export writes them, cheaply.
 */
export async function peopleOfPeriod(db: Kysely<Database>, end: string): Promise<{ isChild: ChildTest; adults: Set<string> }> {
  const children = new Set<string>();
  const adults = new Set<string>();
  for (const s of await staysQuery(db, end).select(['r.person_id', 'r.category', 'p.birth_date']).execute()) {
    if (isChildStay(s.category, s.birth_date, end)) children.add(s.person_id);
    else adults.add(s.person_id);
  }
  // Born after 31 December 19 years before the end's year: everyone under 18 on the end, and some older (tested exactly).
  const bornAfter = `${Number(end.slice(0, 4)) - 19}-12-31`;
  for (const p of await db.selectFrom('person').select(['id', 'birth_date']).where('birth_date', '>', bornAfter).execute()) {
    if (isChildStay('other', p.birth_date, end)) children.add(p.id);
  }
  const isChild: ChildTest = (personId, birthDate) => children.has(personId) || isChildStay('other', birthDate, end);
  // bedsQuery's rows without its joins (person and station are NOT NULL foreign keys, so they drop
  // no bed): the joins cost a lookup per bed for ids the bed already holds.
  for (const b of await db.selectFrom('family_bed').select('person_id').where('install_date', '<=', end).execute()) adults.add(b.person_id);
  const applicants = await db
    .selectFrom('renovation_case_person')
    .select('person_id')
    .where('case_id', 'in', casesQuery(db, end).select('id'))
    .execute();
  for (const a of applicants) adults.add(a.person_id);
  for (const id of children) adults.delete(id);
  return { isChild, adults };
}

/** Stays admitted by the period end (void ones left out), each where it stood on that day. */
async function* residents(db: Kysely<Database>, end: string): AsyncGenerator<ResidentRecord[]> {
  const institutionNames = new Map((await db.selectFrom('institution').select(['id', 'name']).execute()).map((i) => [i.id, i.name]));
  const bedLabels = new Map((await db.selectFrom('institution_bed').select(['id', 'room', 'label']).execute()).map((b) => [b.id, `${b.room}-${b.label}`]));
  const read = (after: string, limit: number) =>
    staysQuery(db, end)
      .select(['r.id', 'r.person_id', 'r.category', 'r.support_form', 'r.admitted_on', 'r.exited_on', 'r.exit_reason', 'r.institution_id', 'p.name', 'p.sex', 'p.birth_date'])
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(limit)
      .execute();
  yield* pages(read, (stays) => staysAsOf(db, end, stays, institutionNames, bedLabels));
}

type StayRow = Pick<Selectable<ResidentTable>, 'id' | 'person_id' | 'category' | 'support_form' | 'admitted_on' | 'exited_on' | 'exit_reason' | 'institution_id'> &
  Pick<Selectable<PersonTable>, 'name' | 'sex' | 'birth_date'>;

async function staysAsOf(db: Kysely<Database>, end: string, stays: StayRow[], institutionNames: Map<string, string>, bedLabels: Map<string, string>): Promise<ResidentRecord[]> {
  const ids = stays.map((s) => s.id);
  // The latest period begun by the end, per stay: where the person was (or was last) on that day.
  const periods = await inChunks(ids, (chunk) =>
    db
      .selectFrom('residence_period')
      .select(['resident_id', 'institution_id', 'bed_id', 'from_date', 'to_date', 'on_leave'])
      .where('resident_id', 'in', chunk)
      .where('from_date', '<=', end)
      .orderBy('resident_id')
      .orderBy('from_date')
      .execute(),
  );
  const latest = new Map(periods.map((p) => [p.resident_id, p]));
  const ability = abilityByStay(await inChunks(ids, (chunk) => effectiveAssessments(db, chunk, end)));

  const out: ResidentRecord[] = [];
  for (const s of stays) {
    const period = latest.get(s.id);
    const here = period && (period.to_date === null || period.to_date > end) ? period : null;
    const exitedOn = by(end, s.exited_on);
    const status = here ? (here.on_leave === 1 ? 'leave' : 'present') : exitedOn ? 'exited' : 'present';
    const institutionId = period?.institution_id ?? s.institution_id;
    const common = {
      id: s.id,
      category: s.category,
      sex: s.sex,
      birthYear: s.birth_date ? Number(s.birth_date.slice(0, 4)) : null,
      institutionId,
      institutionName: institutionNames.get(institutionId) ?? '—',
      admittedOn: s.admitted_on,
      exitedOn,
      status,
    } as const;
    if (isChildStay(s.category, s.birth_date, end)) {
      out.push({ ...common, child: true });
      continue;
    }
    const a = ability.get(s.id);
    const bedId = here?.bed_id ?? null;
    out.push({
      ...common,
      child: false,
      personId: s.person_id,
      personName: s.name,
      supportForm: s.support_form,
      bed: bedId ? (bedLabels.get(bedId) ?? null) : null,
      exitReason: exitedOn ? (s.exit_reason as ExitReason | null) : null,
      selfCareLevel: a?.selfCareLevel ?? null,
      gbtLevel: a?.gbtLevel ?? null,
    });
  }
  return out;
}

const CASE_CHUNK = 250;

/**
 * Cases applied for by the period end, replayed from their steps dated by then — 250 cases
 * at a time (in id order), so their 300 000-odd steps are never all in memory at once.
 */
async function* renovationCases(db: Kysely<Database>, end: string, isChild: ChildTest): AsyncGenerator<RenovationCaseRecord[]> {
  const ids = (await casesQuery(db, end).select('id').orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += CASE_CHUNK) {
    const chunk = ids.slice(i, i + CASE_CHUNK);
    const cases = await db.selectFrom('renovation_case').selectAll().where('id', 'in', chunk).orderBy('id').execute();
    const steps = await db
      .selectFrom('renovation_step as s')
      .select(['s.id', 's.seq', 's.case_id', 's.step', 's.step_date', 's.corrects_step_id', 's.amount_fen'])
      .where('s.case_id', 'in', chunk)
      .where('s.step_date', '<=', end)
      .orderBy('s.seq')
      .execute();
    const stepsByCase = new Map<string, (ReturnType<typeof stepFromRow> & { amountFen: number | null })[]>();
    for (const r of steps) {
      const list = stepsByCase.get(r.case_id) ?? [];
      list.push({ ...stepFromRow(r), amountFen: r.amount_fen });
      stepsByCase.set(r.case_id, list);
    }
    const people = await db
      .selectFrom('renovation_case_person as cp')
      .innerJoin('person as p', 'p.id', 'cp.person_id')
      .select(['cp.case_id', 'cp.person_id', 'p.name', 'p.birth_date'])
      .where('cp.case_id', 'in', chunk)
      .orderBy('cp.case_id')
      .orderBy('cp.position')
      .execute();
    const applicants = new Map<string, { id: string; name: string }[]>();
    for (const p of people) {
      if (isChild(p.person_id, p.birth_date)) continue;
      const list = applicants.get(p.case_id) ?? [];
      list.push({ id: p.person_id, name: p.name });
      applicants.set(p.case_id, list);
    }
    const subsidies = await subsidiesOf(db, cases);
    yield cases.map((c) => {
      const caseSteps = stepsByCase.get(c.id) ?? [];
      const derived = derive(caseSteps);
      const standing = effectiveSteps(caseSteps);
      const signed = standing.some((s) => s.step === 'plan_signed');
      const who = applicants.get(c.id) ?? [];
      return {
        id: c.id,
        caseNumber: c.case_number,
        category: c.category,
        conditions: inOrder(JSON.parse(c.conditions_json), HOUSEHOLD_CONDITIONS),
        townCode: c.town_code,
        villageCode: c.village_code,
        planYear: c.plan_year,
        appliedOn: derived.appliedOn,
        state: derived.state,
        stateDate: derived.stateDate,
        applicantIds: who.map((a) => a.id),
        applicantName: who[0]?.name ?? null,
        subsidyFen: signed ? (subsidies.get(c.id) ?? 0) : null,
        paidFen: standing.reduce((sum, s) => (s.step === 'paid' ? sum + (s.amountFen ?? 0) : sum), 0),
      };
    });
  }
}

/** The adults the other registers refer to (peopleOfPeriod), in id order, a chunk at a time. */
async function* people(db: Kysely<Database>, adults: Set<string>): AsyncGenerator<PersonRecord[]> {
  const ids = [...adults].sort();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('person')
      .select(['id', 'name', 'id_number', 'sex', 'birth_date', 'hukou_division_code'])
      .where('id', 'in', ids.slice(i, i + 500))
      .orderBy('id')
      .execute();
    yield rows.map((r) => ({ id: r.id, name: r.name, idNumber: r.id_number, sex: r.sex, birthDate: r.birth_date, hukouCode: r.hukou_division_code }));
  }
}

/** JSON Lines: the header, then one canonical JSON record per line. */
export function dataFile(contents: string, county: string, period: string, records: readonly object[]): SnapshotFile {
  return encodeChunks(contents, county, period, [records.map((r) => canonicalJson(r)).join('\n')], records.length);
}

function encodeChunks(contents: string, county: string, period: string, chunks: readonly string[], records: number): SnapshotFile {
  const header: ContentsHeader = { contents, county, period, records };
  const parts = [Buffer.from(`${canonicalJson(header)}\n`, 'utf8')];
  for (const chunk of chunks) if (chunk.length > 0) parts.push(Buffer.from(`${chunk}\n`, 'utf8'));
  return { contents, records, plain: Buffer.concat(parts) };
}

/**
 * A register's file from its records, chunk by chunk: each record is checked against the city's
 * schema (what the city would refuse is never written: a failure here is a bug on this side) and
 * encoded at once, so only the encoded lines outlive their chunk.
 */
async function registerFile(name: RegisterName, county: string, period: string, chunks: AsyncIterable<readonly object[]> | Iterable<readonly object[]>): Promise<SnapshotFile> {
  const schema = REGISTERS[name]!.schema;
  const encoded: string[] = [];
  let records = 0;
  for await (const chunk of chunks) {
    for (const r of chunk) {
      const result = schema.safeParse(r);
      if (!result.success) throw new Error(`bundle register ${name}: record ${(r as { id?: string }).id} does not fit: ${JSON.stringify(result.error.issues[0])}`);
    }
    encoded.push(chunk.map((r) => canonicalJson(r)).join('\n'));
    records += chunk.length;
  }
  return encodeChunks(name, county, period, encoded, records);
}

/**
 * The period's files in bundle order (summary, then each register), read from `db` (the caller's
 * snapshot transaction) one at a time: a caller that seals and drops each file before asking for
 * the next holds one register's records at most.
 */
export async function* snapshotFiles(db: Kysely<Database>, county: CountyIdentity, period: Period): AsyncGenerator<SnapshotFile> {
  const end = period.end;
  const label = period.label;
  yield dataFile(SUMMARY_CONTENTS, county.code, label, [await buildSummary(db, county, period)]);
  const { isChild, adults } = await peopleOfPeriod(db, end);
  const registers: Record<RegisterName, () => AsyncIterable<readonly object[]> | Iterable<readonly object[]>> = {
    stations: async function* () {
      yield await stations(db, end);
    },
    station_month_stats: () => stationMonths(db, end),
    family_beds: () => familyBeds(db, end, isChild),
    institutions: async function* () {
      yield await institutions(db, end);
    },
    residents: () => residents(db, end),
    renovation_cases: () => renovationCases(db, end, isChild),
    people: () => people(db, adults),
  };
  for (const name of REGISTER_ORDER) yield await registerFile(name, county.code, label, registers[name]());
}

/** Every file at once (tests, small offices): the summary parsed back, and the files. */
export async function buildSnapshot(db: Kysely<Database>, county: CountyIdentity, period: Period): Promise<{ summary: BundleSummary; files: SnapshotFile[] }> {
  const files: SnapshotFile[] = [];
  for await (const file of snapshotFiles(db, county, period)) files.push(file);
  const summaryLine = files[0]!.plain.toString('utf8').split('\n')[1]!;
  return { summary: JSON.parse(summaryLine) as BundleSummary, files };
}

/**
 * What the period's bundle carries, counted without building it: the summary and each file's
 * record count, from the same queries and the same people rule as snapshotFiles (a test compares
 * the two on demo data and a generated county).
 */
export async function snapshotCounts(db: Kysely<Database>, county: CountyIdentity, period: Period): Promise<{ summary: BundleSummary; counts: Record<string, number> }> {
  const end = period.end;
  const count = async <DB, TB extends keyof DB>(query: SelectQueryBuilder<DB, TB, object>) => Number(((await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()) as { n: number }).n);
  const summary = await buildSummary(db, county, period);
  const { adults } = await peopleOfPeriod(db, end);
  const counts: Record<RegisterName | typeof SUMMARY_CONTENTS, number> = {
    [SUMMARY_CONTENTS]: 1,
    stations: (await stations(db, end)).length,
    station_month_stats: await count(stationMonthsQuery(db, end)),
    family_beds: await count(bedsQuery(db, end)),
    institutions: await count(db.selectFrom('institution')),
    residents: await count(staysQuery(db, end)),
    renovation_cases: await count(casesQuery(db, end)),
    people: adults.size,
  };
  return { summary, counts };
}

/** The number of snapshot files (summary + registers), for a progress bar's total. */
export const SNAPSHOT_FILES = REGISTER_ORDER.length + 1;
