import type { Kysely, Selectable } from 'kysely';
import type { Database, InstitutionBedTable } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { InstitutionBedSlot } from '../../contract/areas/welfare-homes';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta, newMeta } from '../record-meta';
import { isChildStay, listedName } from '../residents/resident-view';
import { getInstitutionRecord } from './institutions';
import { coversDay, registeredBedCounts } from './occupancy';
import { runsPast } from '../residents/period-filters';

type BedRecord = Selectable<InstitutionBedTable>;

/** "2" before "10", "101" before "201": rooms and bed labels as people number them. */
const natural = new Intl.Collator('zh-CN', { numeric: true });

function byRoomAndLabel(a: BedRecord, b: BedRecord): number {
  return natural.compare(a.room, b.room) || natural.compare(a.label, b.label) || (a.id < b.id ? -1 : 1);
}

type Occupant = NonNullable<InstitutionBedSlot['occupant']>;

/**
 * Who holds each bed of the institution on `day`, from the residence periods. `since` is when the
 * occupant took the bed: a leave or a return opens a new period in the same bed, so the chain of
 * adjoining periods in that bed is followed back.
 */
async function occupantsOn(ctx: RequestContext, institutionId: string, day: string): Promise<Map<string, Occupant>> {
  const db = ctx.database();
  const current = await db
    .selectFrom('residence_period')
    .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
    .innerJoin('person', 'person.id', 'resident.person_id')
    .select([
      'residence_period.resident_id',
      'residence_period.bed_id',
      'residence_period.from_date',
      'residence_period.on_leave',
      'resident.category',
      'person.name',
      'person.birth_date',
    ])
    .where('residence_period.institution_id', '=', institutionId)
    .where('residence_period.bed_id', 'is not', null)
    .where('resident.status', '!=', 'void')
    .where(coversDay(day))
    .execute();
  if (current.length === 0) return new Map();
  const earlier = await db
    .selectFrom('residence_period')
    .select(['resident_id', 'bed_id', 'from_date', 'to_date'])
    .where('resident_id', 'in', current.map((c) => c.resident_id))
    .where('institution_id', '=', institutionId)
    .where('from_date', '<', day)
    .execute();
  const role = ctx.actor().role;
  const occupants = new Map<string, Occupant>();
  for (const c of current) {
    let since = c.from_date;
    for (;;) {
      const before = earlier.find((p) => p.resident_id === c.resident_id && p.bed_id === c.bed_id && p.to_date === since);
      if (!before) break;
      since = before.from_date;
    }
    const child = isChildStay(c.category, c.birth_date, day);
    occupants.set(c.bed_id!, { residentId: c.resident_id, name: listedName(c.name, child, role), onLeave: c.on_leave === 1, since });
  }
  return occupants;
}

function toSlot(r: BedRecord, occupant: Occupant | null): InstitutionBedSlot {
  return {
    id: r.id,
    institutionId: r.institution_id,
    room: r.room,
    label: r.label,
    nursing: r.nursing === 1,
    retiredOn: r.retired_on,
    version: r.version,
    occupant,
  };
}

/** The whole register (retired beds too: they keep their history), by room then bed label. */
export async function listBeds(ctx: RequestContext, input: Parsed<'institutionBeds.list'>): Promise<InstitutionBedSlot[]> {
  const db = ctx.database();
  ctx.countyCode();
  const institution = await getInstitutionRecord(db, input.institutionId, 'institutionId');
  const day = input.onDate ?? today(ctx.clock);
  const beds = await db.selectFrom('institution_bed').selectAll().where('institution_id', '=', institution.id).execute();
  const occupants = await occupantsOn(ctx, institution.id, day);
  return beds.sort(byRoomAndLabel).map((b) => toSlot(b, occupants.get(b.id) ?? null));
}

/** What the trail keeps of a bed, with the institution's name for a reader. */
function auditView(r: BedRecord, institutionName: string) {
  return { ...r, institution_name: institutionName };
}

/** Refuses a register that would hold more beds in use than the institution's total. */
async function checkRoomInRegister(ctx: RequestContext, institution: { id: string; total_beds: number }, adding: number, field: string) {
  const registered = (await registeredBedCounts(ctx.database(), today(ctx.clock), institution.id)).get(institution.id) ?? 0;
  if (registered + adding > institution.total_beds) throw new AppError('BED_REGISTER_FULL', field, { total: institution.total_beds });
}

async function labelTaken(db: Kysely<Database>, institutionId: string, room: string, labels: readonly string[], selfId: string | null) {
  let query = db
    .selectFrom('institution_bed')
    .select('label')
    .where('institution_id', '=', institutionId)
    .where('room', '=', room)
    .where('label', 'in', labels);
  if (selfId) query = query.where('id', '!=', selfId);
  return (await query.executeTakeFirst())?.label ?? null;
}

export async function addBeds(ctx: RequestContext, input: Parsed<'institutionBeds.add'>): Promise<InstitutionBedSlot[]> {
  const db = ctx.database();
  ctx.countyCode();
  const institution = await getInstitutionRecord(db, input.institutionId, 'institutionId');
  const seen = new Set<string>();
  for (const label of input.labels) {
    if (seen.has(label)) throw new AppError('BED_LABEL_TAKEN', 'labels', { room: input.room, label });
    seen.add(label);
  }
  // Retired beds keep their place in the register: their labels stay taken.
  const taken = await labelTaken(db, institution.id, input.room, input.labels, null);
  if (taken !== null) throw new AppError('BED_LABEL_TAKEN', 'labels', { room: input.room, label: taken });
  await checkRoomInRegister(ctx, institution, input.labels.length, 'labels');
  const added: BedRecord[] = [];
  for (const label of input.labels) {
    const row: BedRecord = { ...newMeta(ctx), institution_id: institution.id, room: input.room, label, nursing: input.nursing ? 1 : 0, retired_on: null };
    await db.insertInto('institution_bed').values(row).execute();
    await recordAudit(ctx, {
      action: 'create',
      entity: 'institution-bed',
      entityId: row.id,
      summary: `${institution.name} ${row.room}-${row.label}`,
      after: auditView(row, institution.name),
    });
    added.push(row);
  }
  return added.sort(byRoomAndLabel).map((b) => toSlot(b, null));
}

/** Renames, re-marks, retires or brings back one bed. */
export async function updateBed(ctx: RequestContext, input: Parsed<'institutionBeds.update'>): Promise<InstitutionBedSlot> {
  const db = ctx.database();
  ctx.countyCode();
  const day = today(ctx.clock);
  const before = await db.selectFrom('institution_bed').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', 'id');
  await assertVersion(db, before, input.version);
  const institution = await getInstitutionRecord(db, before.institution_id);
  const { room, label, nursing, retiredOn } = input.bed;
  if ((room !== before.room || label !== before.label) && (await labelTaken(db, institution.id, room, [label], before.id)) !== null) {
    throw new AppError('BED_LABEL_TAKEN', 'bed.label', { room, label });
  }
  const countedBefore = before.retired_on === null || before.retired_on > day;
  const countedAfter = retiredOn === null || retiredOn > day;
  if (!countedBefore && countedAfter) await checkRoomInRegister(ctx, institution, 1, 'bed.retiredOn');
  if (retiredOn !== null) {
    // Held on or after the retirement day: a period in this bed that has not ended by then.
    const holder = await db
      .selectFrom('residence_period')
      .innerJoin('resident', 'resident.id', 'residence_period.resident_id')
      .innerJoin('person', 'person.id', 'resident.person_id')
      .select(['person.name', 'person.birth_date', 'resident.category'])
      .where('residence_period.bed_id', '=', before.id)
      .where('resident.status', '!=', 'void')
      .where(runsPast('residence_period.to_date', retiredOn))
      .orderBy('residence_period.from_date')
      .executeTakeFirst();
    if (holder) {
      const name = listedName(holder.name, isChildStay(holder.category, holder.birth_date, day), ctx.actor().role);
      throw new AppError('BED_IN_USE_ON_RETIRE', 'bed.retiredOn', { name, date: retiredOn });
    }
  }
  const after: BedRecord = { ...before, room, label, nursing: nursing ? 1 : 0, retired_on: retiredOn, ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('institution_bed').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'institution-bed',
    entityId: before.id,
    summary: `${institution.name} ${after.room}-${after.label}`,
    before: auditView(before, institution.name),
    after: auditView(after, institution.name),
  });
  const occupants = await occupantsOn(ctx, institution.id, day);
  return toSlot(after, occupants.get(after.id) ?? null);
}
