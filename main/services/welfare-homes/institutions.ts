import type { Kysely, Selectable } from 'kysely';
import type { Database, InstitutionTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { Institution, InstitutionRow } from '../../contract/areas/welfare-homes';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { nameSearch, searchMode } from '../paging';
import { namePinyin } from '../people/pinyin';
import { checkTownAndVillage, divisionName } from '../places';
import { assertVersion, bumpedMeta, newMeta, staffName } from '../record-meta';
import { isChildStay, listedName } from '../residents/resident-view';
import { occupancyOn, registeredBedCounts, type Occupancy } from './occupancy';
import { runsPast } from '../residents/period-filters';

type InstitutionRecord = Selectable<InstitutionTable>;
type InstitutionInput = Parsed<'institutions.create'>['institution'];

function toRow(r: InstitutionRecord, registeredBeds: number, occupancy: Occupancy | undefined): InstitutionRow {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    townCode: r.town_code,
    townName: divisionName(r.town_code),
    totalBeds: r.total_beds,
    nursingBeds: r.nursing_beds,
    registeredBeds,
    residents: occupancy?.residents ?? 0,
    onLeave: occupancy?.onLeave ?? 0,
    closedOn: r.closed_on,
    version: r.version,
  };
}

async function toInstitution(db: Kysely<Database>, r: InstitutionRecord, day: string): Promise<Institution> {
  const beds = await registeredBedCounts(db, day, r.id);
  const occupancy = await occupancyOn(db, day, r.id);
  return {
    ...toRow(r, beds.get(r.id) ?? 0, occupancy.get(r.id)),
    villageCode: r.village_code,
    villageName: divisionName(r.village_code),
    address: r.address,
    operatorName: r.operator_name,
    operatorCreditCode: r.operator_credit_code,
    medicalRoom: r.medical_room === 1,
    medicalStaff: r.medical_staff,
    oneStopSettlement: r.one_stop_settlement === 1,
    licenseNumber: r.license_number,
    registeredOn: r.registered_on,
    licenseAuthority: r.license_authority,
    notes: r.notes,
    updatedAt: r.updated_at,
    updatedByName: await staffName(db, r.updated_by),
  };
}

/** By pinyin; closed institutions (closed on or before today) only when asked for. */
export async function listInstitutions(ctx: RequestContext, input: Parsed<'institutions.list'>): Promise<InstitutionRow[]> {
  const db = ctx.database();
  ctx.countyCode();
  const day = today(ctx.clock);
  let query = db.selectFrom('institution').selectAll();
  if (!input.includeClosed) query = query.where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', day)]));
  const byName = nameSearch(searchMode(input.query, { idTail: false }));
  if (byName) query = query.where(byName);
  const rows = await query.orderBy('name_pinyin').orderBy('id').execute();
  const beds = await registeredBedCounts(db, day);
  const occupancy = await occupancyOn(db, day);
  return rows.map((r) => toRow(r, beds.get(r.id) ?? 0, occupancy.get(r.id)));
}

export async function getInstitutionRecord(db: Kysely<Database>, id: string, field = 'id'): Promise<InstitutionRecord> {
  const row = await db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', field);
  return row;
}

export async function getInstitution(ctx: RequestContext, input: Parsed<'institutions.get'>): Promise<Institution> {
  const db = ctx.database();
  ctx.countyCode();
  return toInstitution(db, await getInstitutionRecord(db, input.id), today(ctx.clock));
}

/** Town optional; when given, a town or street of the office's county, and the village (if any) inside it. */
function checkPlace(input: InstitutionInput, county: string): void {
  checkTownAndVillage(county, {
    townCode: input.townCode ?? null,
    villageCode: input.villageCode ?? null,
    fields: { town: 'institution.townCode', village: 'institution.villageCode' },
    townRequired: false,
  });
}

/** Everything the schema cannot check (or would only refuse without naming the field). */
async function checkInstitution(ctx: RequestContext, input: InstitutionInput, selfId: string | null): Promise<void> {
  const db = ctx.database();
  let same = db.selectFrom('institution').select('id').where('name', '=', input.name);
  if (selfId) same = same.where('id', '!=', selfId);
  if (await same.executeTakeFirst()) throw new AppError('INSTITUTION_NAME_TAKEN', 'institution.name', { name: input.name });
  checkPlace(input, ctx.countyCode());
  if (input.nursingBeds > input.totalBeds) {
    throw new AppError('NURSING_BEDS_OVER_TOTAL', 'institution.nursingBeds', { total: input.totalBeds });
  }
  if (selfId) {
    // The bed register counts beds not retired; the total may not fall below it.
    const registered = (await registeredBedCounts(db, today(ctx.clock), selfId)).get(selfId) ?? 0;
    if (input.totalBeds < registered) throw new AppError('TOTAL_BEDS_BELOW_REGISTER', 'institution.totalBeds', { registered });
    if (input.closedOn !== null) await checkEmptyWhenClosed(ctx, selfId, input.closedOn);
  }
}

/** Nobody may still live in (or be on leave from) an institution on or after the day it closes. */
async function checkEmptyWhenClosed(ctx: RequestContext, institutionId: string, closedOn: string): Promise<void> {
  const resident = await ctx
    .database()
    .selectFrom('residence_period')
    .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
    .innerJoin('person', 'person.id', 'resident.person_id')
    .select(['person.name', 'person.birth_date', 'resident.category'])
    .where('residence_period.institution_id', '=', institutionId)
    .where('resident.status', '!=', 'void')
    .where(runsPast('residence_period.to_date', closedOn))
    .orderBy('residence_period.from_date')
    .executeTakeFirst();
  if (!resident) return;
  const name = listedName(resident.name, isChildStay(resident.category, resident.birth_date, today(ctx.clock)), ctx.actor().role);
  throw new AppError('INSTITUTION_STILL_OCCUPIED', 'institution.closedOn', { name, date: closedOn });
}

function institutionColumns(input: InstitutionInput) {
  const { full, initials } = namePinyin(input.name);
  return {
    name: input.name,
    name_pinyin: full,
    name_initials: initials,
    type: input.type,
    town_code: input.townCode ?? null,
    village_code: input.villageCode ?? null,
    address: input.address ?? null,
    operator_name: input.operatorName ?? null,
    operator_credit_code: input.operatorCreditCode ?? null,
    total_beds: input.totalBeds,
    nursing_beds: input.nursingBeds,
    medical_room: input.medicalRoom ? 1 : 0,
    medical_staff: input.medicalStaff,
    one_stop_settlement: input.oneStopSettlement ? 1 : 0,
    license_number: input.licenseNumber ?? null,
    registered_on: input.registeredOn,
    license_authority: input.licenseAuthority ?? null,
    closed_on: input.closedOn,
    notes: input.notes ?? null,
  };
}

/** What the trail keeps: the fields a clerk edits, with division names a reader can follow. */
function auditView(r: InstitutionRecord) {
  const { name_pinyin: _p, name_initials: _i, ...rest } = r;
  return { ...rest, town_name: divisionName(r.town_code), village_name: divisionName(r.village_code) };
}

export async function createInstitution(ctx: RequestContext, input: Parsed<'institutions.create'>): Promise<Institution> {
  const db = ctx.database();
  await checkInstitution(ctx, input.institution, null);
  const row: InstitutionRecord = { ...newMeta(ctx), ...institutionColumns(input.institution) };
  await db.insertInto('institution').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'institution', entityId: row.id, summary: row.name, after: auditView(row) });
  return toInstitution(db, row, today(ctx.clock));
}

export async function updateInstitution(ctx: RequestContext, input: Parsed<'institutions.update'>): Promise<Institution> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await getInstitutionRecord(db, input.id);
  await assertVersion(db, before, input.version);
  await checkInstitution(ctx, input.institution, before.id);
  const after: InstitutionRecord = { ...before, ...institutionColumns(input.institution), ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('institution').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'institution',
    entityId: before.id,
    summary: after.name,
    before: auditView(before),
    after: auditView(after),
  });
  return toInstitution(db, after, today(ctx.clock));
}
