import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, StationTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { AuditRow } from '../../contract/areas/audit';
import {
  LIFECYCLE_STEPS,
  SERVICE_TYPES,
  type LifecycleStep,
  type ServiceType,
  type Station,
  type StationKind,
  type StationPage,
  type StationRow,
} from '../../contract/areas/stations';
import { AppError } from '../../contract/errors';
import { recordAudit, toAuditRow } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { afterCursor, decodeCursor, keysetPage, nameSearch, searchMode } from '../paging';
import { namePinyin } from '../people/pinyin';
import { checkTownAndVillage, divisionName } from '../places';
import { assertVersion, bumpedMeta, newMeta, staffName } from '../record-meta';
import { checkLifecycleOrder, lifecycleOf, stateOn } from './lifecycle';

type StationRecord = Selectable<StationTable>;
type StationInput = Parsed<'stations.create'>['station'];

/** Comprehensive centres belong in a town of their own kind; the labels only fill the message. */
const REQUIRED_TOWN_KIND: Partial<Record<StationKind, 'street' | 'town'>> = {
  street_centre: 'street',
  town_centre: 'town',
};

function toRow(r: StationRecord, day: string): StationRow {
  const lifecycle = lifecycleOf(r);
  const state = stateOn(lifecycle, day);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    townCode: r.town_code,
    townName: divisionName(r.town_code),
    villageName: divisionName(r.village_code),
    state,
    stateDate: state ? lifecycle[state] : null,
    taskYear: r.task_year,
    operatingMode: r.operating_mode,
    operatorName: r.operator_name,
    updatedAt: r.updated_at,
  };
}

async function toStation(db: Kysely<Database>, r: StationRecord, day: string): Promise<Station> {
  return {
    ...toRow(r, day),
    villageCode: r.village_code,
    address: r.address,
    fundingFen: r.funding_fen,
    lifecycle: lifecycleOf(r),
    operatorCreditCode: r.operator_credit_code,
    floorArea: r.floor_area,
    beds: r.beds,
    staff: r.staff,
    services: JSON.parse(r.services_json) as ServiceType[],
    medicalPartnerName: r.medical_partner_name,
    medicalPartnerType: r.medical_partner_type,
    medicalAgreementStart: r.medical_agreement_start,
    medicalAgreementEnd: r.medical_agreement_end,
    tcmBaseDate: r.tcm_base_date,
    oneStopSettlement: r.one_stop_settlement === 1,
    notes: r.notes,
    version: r.version,
    createdAt: r.created_at,
    updatedByName: await staffName(db, r.updated_by),
  };
}

/** SQL twin of stateOn: the latest step (in step order) dated on or before `day`. */
function stateSql(day: string) {
  const latestFirst = [...LIFECYCLE_STEPS].reverse();
  const whens = latestFirst.map((step) => sql`WHEN ${sql.ref(`${step}_date`)} <= ${day} THEN ${step}`);
  return sql<LifecycleStep | null>`(CASE ${sql.join(whens, sql` `)} END)`;
}

export async function listStations(ctx: RequestContext, input: Parsed<'stations.list'>): Promise<StationPage> {
  const db = ctx.database();
  ctx.countyCode();
  const day = today(ctx.clock);
  const limit = input.limit ?? 50;
  let base = db.selectFrom('station');
  if (input.kind) base = base.where('kind', '=', input.kind);
  if (input.townCode) base = base.where('town_code', '=', input.townCode);
  if (input.state) base = base.where(stateSql(day), '=', input.state);
  if (input.operatingMode) base = base.where('operating_mode', '=', input.operatingMode);
  if (input.taskYear) base = base.where('task_year', '=', input.taskYear);
  const byName = nameSearch(searchMode(input.query, { idTail: false }));
  if (byName) base = base.where(byName);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let query = base.selectAll().orderBy('name_pinyin').orderBy('id').limit(limit + 1);
  const after = decodeCursor(input.after);
  if (after) query = query.where(afterCursor(after, 'name_pinyin'));
  const page = keysetPage(await query.execute(), limit, (r) => [r.name_pinyin, r.id]);
  return { rows: page.rows.map((r) => toRow(r, day)), nextCursor: page.nextCursor, total: Number(total) };
}

async function getRecord(db: Kysely<Database>, id: string): Promise<StationRecord> {
  const row = await db.selectFrom('station').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'id');
  return row;
}

export async function getStation(ctx: RequestContext, input: Parsed<'stations.get'>): Promise<Station> {
  const db = ctx.database();
  ctx.countyCode();
  return toStation(db, await getRecord(db, input.id), today(ctx.clock));
}

/** Newest first; the list is short (one entry per save), so it is not paged. */
export async function stationHistory(ctx: RequestContext, input: Parsed<'stations.history'>): Promise<AuditRow[]> {
  const db = ctx.database();
  ctx.countyCode();
  await getRecord(db, input.id);
  const rows = await db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity', '=', 'station')
    .where('entity_id', '=', input.id)
    .orderBy('seq', 'desc')
    .execute();
  return rows.map(toAuditRow);
}

/** Town and village (see checkTownAndVillage); a comprehensive centre's town must be of its own kind. */
function checkPlace(input: StationInput, county: string): void {
  const town = checkTownAndVillage(county, {
    townCode: input.townCode ?? null,
    villageCode: input.villageCode ?? null,
    fields: { town: 'station.townCode', village: 'station.villageCode' },
    townRequired: input.kind !== 'county_centre',
  });
  const required = REQUIRED_TOWN_KIND[input.kind];
  if (town && required && town.townKind !== required) {
    // Codes, not words: the message puts them in the reader's language.
    throw new AppError('TOWN_WRONG_KIND', 'station.townCode', { kind: input.kind, townKind: required });
  }
}

/** The checks that need no database: place, step order, agreement dates (the import runs them on every row). */
export function checkStationFields(input: StationInput, county: string): void {
  checkPlace(input, county);
  checkLifecycleOrder(input.lifecycle);
  const { medicalAgreementStart: start, medicalAgreementEnd: end } = input;
  if (start && end && end < start) throw new AppError('AGREEMENT_END_BEFORE_START', 'station.medicalAgreementEnd');
}

/** Everything the schema cannot check: place, step order, agreement dates, a name unique in its town. */
async function checkStation(ctx: RequestContext, input: StationInput, selfId: string | null): Promise<void> {
  checkStationFields(input, ctx.countyCode());
  // Same key as the unique index station_name_town, which stays the backstop.
  let same = ctx
    .database()
    .selectFrom('station')
    .select('id')
    .where('name', '=', input.name)
    .where(sql<string>`ifnull(town_code, '')`, '=', input.townCode ?? '');
  if (selfId) same = same.where('id', '!=', selfId);
  if (await same.executeTakeFirst()) throw new AppError('STATION_NAME_TAKEN', 'station.name', { name: input.name });
}

function stationColumns(input: StationInput) {
  const { full, initials } = namePinyin(input.name);
  const lifecycle = input.lifecycle;
  return {
    name: input.name,
    name_pinyin: full,
    name_initials: initials,
    kind: input.kind,
    town_code: input.townCode ?? null,
    village_code: input.villageCode ?? null,
    address: input.address ?? null,
    task_year: input.taskYear ?? null,
    funding_fen: input.fundingFen ?? null,
    planned_date: lifecycle.planned,
    construction_date: lifecycle.construction,
    completed_date: lifecycle.completed,
    accepted_date: lifecycle.accepted,
    operating_date: lifecycle.operating,
    suspended_date: lifecycle.suspended,
    closed_date: lifecycle.closed,
    operating_mode: input.operatingMode ?? null,
    operator_name: input.operatorName ?? null,
    operator_credit_code: input.operatorCreditCode ?? null,
    floor_area: input.floorArea ?? null,
    beds: input.beds ?? null,
    staff: input.staff ?? null,
    // Each service once, in catalogue order, so equal selections store equal JSON.
    services_json: JSON.stringify(SERVICE_TYPES.filter((type) => input.services.includes(type))),
    medical_partner_name: input.medicalPartnerName ?? null,
    medical_partner_type: input.medicalPartnerType ?? null,
    medical_agreement_start: input.medicalAgreementStart ?? null,
    medical_agreement_end: input.medicalAgreementEnd ?? null,
    tcm_base_date: input.tcmBaseDate ?? null,
    one_stop_settlement: input.oneStopSettlement ? 1 : 0,
    notes: input.notes ?? null,
  };
}

/** What the audit trail keeps: the fields a clerk edits (with division names a reader can follow), not the search columns. */
function auditView(r: StationRecord) {
  const { name_pinyin: _p, name_initials: _i, services_json, ...rest } = r;
  return {
    ...rest,
    town_name: divisionName(r.town_code),
    village_name: divisionName(r.village_code),
    services: JSON.parse(services_json) as ServiceType[],
  };
}

export async function createStation(ctx: RequestContext, input: Parsed<'stations.create'>): Promise<Station> {
  const db = ctx.database();
  await checkStation(ctx, input.station, null);
  const row: StationRecord = { ...newMeta(ctx), ...stationColumns(input.station) };
  await db.insertInto('station').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'station', entityId: row.id, summary: row.name, after: auditView(row) });
  return toStation(db, row, today(ctx.clock));
}

export async function updateStation(ctx: RequestContext, input: Parsed<'stations.update'>): Promise<Station> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await getRecord(db, input.id);
  await assertVersion(db, before, input.version);
  await checkStation(ctx, input.station, before.id);
  const after: StationRecord = { ...before, ...stationColumns(input.station), ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('station').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'station',
    entityId: before.id,
    summary: after.name,
    before: auditView(before),
    after: auditView(after),
  });
  return toStation(db, after, today(ctx.clock));
}
