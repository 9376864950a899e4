import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
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

async function stationMonths(db: Kysely<Database>, end: string): Promise<StationMonthRecord[]> {
  const rows = await db
    .selectFrom('station_month_stat as s')
    .innerJoin('station as st', 'st.id', 's.station_id')
    .leftJoin('stat_month as m', 'm.month', 's.month')
    .select(['s.station_id', 's.month', 's.meals', 's.home_visits', 's.on_site', 's.services_json', 'st.name', 'm.submitted_at'])
    .where('s.month', '<=', end.slice(0, 7))
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

async function familyBeds(db: Kysely<Database>, end: string, isChild: ChildTest): Promise<FamilyBedRecord[]> {
  const rows = await db
    .selectFrom('family_bed as b')
    .innerJoin('person as p', 'p.id', 'b.person_id')
    .innerJoin('station as s', 's.id', 'b.station_id')
    .select(['b.id', 'b.person_id', 'b.station_id', 'b.install_date', 'b.devices_json', 'b.end_date', 'b.end_reason', 'p.name as person_name', 'p.birth_date', 's.name as station_name'])
    .where('b.install_date', '<=', end)
    .orderBy('b.id')
    .execute();
  return rows.map((r) => {
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
  });
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

interface StaysRead {
  records: ResidentRecord[];
  /** People of adult stays (the people register carries them). */
  adults: Set<string>;
  /** People of children's stays: never in the people register. */
  children: Set<string>;
}

/** Stays admitted by the period end (void ones left out), each where it stood on that day. */
async function residents(db: Kysely<Database>, end: string): Promise<StaysRead> {
  const stays = await db
    .selectFrom('resident as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.category', 'r.support_form', 'r.admitted_on', 'r.exited_on', 'r.exit_reason', 'r.institution_id', 'p.name', 'p.sex', 'p.birth_date'])
    .where('r.status', '!=', 'void')
    .where('r.admitted_on', '<=', end)
    .orderBy('r.id')
    .execute();
  // The latest period begun by the end, per stay: where the person was (or was last) on that day.
  const periods = await db
    .selectFrom('residence_period')
    .select(['resident_id', 'institution_id', 'bed_id', 'from_date', 'to_date', 'on_leave'])
    .where('from_date', '<=', end)
    .orderBy('resident_id')
    .orderBy('from_date')
    .execute();
  const latest = new Map(periods.map((p) => [p.resident_id, p]));
  const institutionNames = new Map((await db.selectFrom('institution').select(['id', 'name']).execute()).map((i) => [i.id, i.name]));
  const bedLabels = new Map((await db.selectFrom('institution_bed').select(['id', 'room', 'label']).execute()).map((b) => [b.id, `${b.room}-${b.label}`]));
  const ability = abilityByStay(await inChunks(stays.map((s) => s.id), (ids) => effectiveAssessments(db, ids, end)));

  const out: StaysRead = { records: [], adults: new Set(), children: new Set() };
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
      out.children.add(s.person_id);
      out.records.push({ ...common, child: true });
      continue;
    }
    out.adults.add(s.person_id);
    const a = ability.get(s.id);
    const bedId = here?.bed_id ?? null;
    out.records.push({
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

interface CasesRead {
  records: RenovationCaseRecord[];
  applicants: Set<string>;
}

/** Cases applied for by the period end, replayed from their steps dated by then. */
async function renovationCases(db: Kysely<Database>, end: string, isChild: ChildTest): Promise<CasesRead> {
  const cases = await db.selectFrom('renovation_case').selectAll().where('applied_on', '<=', end).orderBy('id').execute();
  const steps = await db
    .selectFrom('renovation_step as s')
    .innerJoin('renovation_case as c', 'c.id', 's.case_id')
    .select(['s.id', 's.seq', 's.case_id', 's.step', 's.step_date', 's.corrects_step_id', 's.amount_fen'])
    .where('c.applied_on', '<=', end)
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
    .innerJoin('renovation_case as c', 'c.id', 'cp.case_id')
    .innerJoin('person as p', 'p.id', 'cp.person_id')
    .select(['cp.case_id', 'cp.person_id', 'p.name', 'p.birth_date'])
    .where('c.applied_on', '<=', end)
    .orderBy('cp.case_id')
    .orderBy('cp.position')
    .execute();
  const applicants = new Map<string, { id: string; name: string }[]>();
  for (const p of people) {
    if (!isChild(p.person_id, p.birth_date)) applicants.set(p.case_id, [...(applicants.get(p.case_id) ?? []), { id: p.person_id, name: p.name }]);
  }
  const subsidies = await subsidiesOf(db, cases);

  const out: CasesRead = { records: [], applicants: new Set() };
  for (const c of cases) {
    const caseSteps = stepsByCase.get(c.id) ?? [];
    const derived = derive(caseSteps);
    const standing = effectiveSteps(caseSteps);
    const signed = standing.some((s) => s.step === 'plan_signed');
    const who = applicants.get(c.id) ?? [];
    for (const a of who) out.applicants.add(a.id);
    out.records.push({
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
    });
  }
  return out;
}

/** The adults the other registers refer to (they only ever refer to adults). */
async function people(db: Kysely<Database>, referenced: Set<string>, isChild: ChildTest): Promise<PersonRecord[]> {
  const rows = await inChunks([...referenced].sort(), (chunk) =>
    db.selectFrom('person').select(['id', 'name', 'id_number', 'sex', 'birth_date', 'hukou_division_code']).where('id', 'in', chunk).execute(),
  );
  return rows
    .filter((r) => !isChild(r.id, r.birth_date))
    .map((r) => ({ id: r.id, name: r.name, idNumber: r.id_number, sex: r.sex, birthDate: r.birth_date, hukouCode: r.hukou_division_code }))
    .sort(byId);
}

/** JSON Lines: the header, then one canonical JSON record per line (each checked against its schema). */
export function dataFile(contents: string, county: string, period: string, records: readonly object[]): SnapshotFile {
  const header: ContentsHeader = { contents, county, period, records: records.length };
  const lines = [canonicalJson(header)];
  for (const r of records) lines.push(canonicalJson(r));
  return { contents, records: records.length, plain: Buffer.from(`${lines.join('\n')}\n`, 'utf8') };
}

function checked(name: RegisterName, records: readonly object[]): readonly object[] {
  const schema = REGISTERS[name]!.schema;
  for (const r of records) {
    const result = schema.safeParse(r);
    // What the city would refuse is never written: a failure here is a bug on this side.
    if (!result.success) throw new Error(`bundle register ${name}: record ${(r as { id?: string }).id} does not fit: ${JSON.stringify(result.error.issues[0])}`);
  }
  return records;
}

/**
 * Reads the summary and every register as of the period end (from `db`: the caller's snapshot
 * transaction) and encodes them; `onStep` is called after each file for a progress bar.
 */
export async function buildSnapshot(
  db: Kysely<Database>,
  county: CountyIdentity,
  period: Period,
  onStep: (contents: string) => void = () => undefined,
): Promise<{ summary: BundleSummary; files: SnapshotFile[] }> {
  const end = period.end;
  const file = (contents: string, records: readonly object[]) => {
    const f = dataFile(contents, county.code, period.label, records);
    onStep(contents);
    return f;
  };
  const summary = await buildSummary(db, county, period);
  const files = [file(SUMMARY_CONTENTS, [summary])];
  const stays = await residents(db, end);
  // A child — under 18 on the period end, or the person of a child's stay — is never named or
  // identified outside the children's own fields, whatever register refers to them.
  const isChild: ChildTest = (personId, birthDate) => stays.children.has(personId) || isChildStay('other', birthDate, end);
  const beds = await familyBeds(db, end, isChild);
  const cases = await renovationCases(db, end, isChild);
  const registers: Record<RegisterName, () => Promise<readonly object[]>> = {
    stations: () => stations(db, end),
    station_month_stats: () => stationMonths(db, end),
    family_beds: () => Promise.resolve(beds),
    institutions: () => institutions(db, end),
    residents: () => Promise.resolve(stays.records),
    renovation_cases: () => Promise.resolve(cases.records),
    people: () => people(db, new Set([...beds.flatMap((b) => (b.personId ? [b.personId] : [])), ...stays.adults, ...cases.applicants]), isChild),
  };
  for (const name of REGISTER_ORDER) files.push(file(name, checked(name, await registers[name]())));
  return { summary, files };
}

/** The number of snapshot files (summary + registers), for a progress bar's total. */
export const SNAPSHOT_FILES = REGISTER_ORDER.length + 1;
