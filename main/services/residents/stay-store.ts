import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { isWithin } from '../../../db/divisions';
import type { Database, ResidentEventTable, ResidentTable } from '../../../db/schema';
import { AppError } from '../../contract/errors';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { uuidv7 } from '../records';
import { replay, type Period, type Replay, type StayEvent } from './derive';
import { runsPast } from './period-filters';

export type StayRecord = Selectable<ResidentTable>;
export type EventRecord = Selectable<ResidentEventTable>;

/** The input fields an event's refusals name: where the person, the bed and the institution came from. */
export interface EventFields {
  person: string;
  bed: string;
  institution: string;
}

export async function loadStay(db: Kysely<Database>, id: string): Promise<StayRecord> {
  const row = await db.selectFrom('resident').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'id');
  return row;
}

export async function loadEventRows(db: Kysely<Database>, residentId: string): Promise<EventRecord[]> {
  return db.selectFrom('resident_event').selectAll().where('resident_id', '=', residentId).orderBy('seq').execute();
}

export function toStayEvent(r: EventRecord): StayEvent {
  return {
    id: r.id,
    seq: r.seq,
    kind: r.kind,
    date: r.event_date,
    institutionId: r.institution_id,
    bedId: r.bed_id,
    exitReason: r.exit_reason,
    reversesEventId: r.reverses_event_id,
  };
}

export async function replayStay(db: Kysely<Database>, residentId: string): Promise<Replay> {
  return replay((await loadEventRows(db, residentId)).map(toStayEvent));
}

type NewEvent = Omit<Insertable<ResidentEventTable>, 'seq' | 'id' | 'resident_id' | 'created_at' | 'created_by' | 'created_installation'>;

/** Appends one event to a stay; events are never changed afterwards (the table's triggers see to it). */
export async function appendEvent(ctx: RequestContext, residentId: string, event: NewEvent): Promise<EventRecord> {
  const db = ctx.database();
  const id = uuidv7(ctx.clock.now().getTime());
  await db
    .insertInto('resident_event')
    .values({
      id,
      resident_id: residentId,
      institution_id: null,
      bed_id: null,
      leave_kind: null,
      exit_reason: null,
      reverses_event_id: null,
      reason: null,
      note: null,
      ...event,
      created_at: isoNow(ctx.clock),
      created_by: ctx.session.user?.id ?? null,
      created_installation: ctx.officeInfo().installationId,
    })
    .execute();
  return db.selectFrom('resident_event').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Replays the stay's events and stores the result: the derived columns of `resident` (with `meta`,
 * the version bump of the change) and the stay's residence periods, replaced wholesale.
 */
export async function rebuildStay(
  ctx: RequestContext,
  stay: StayRecord,
  meta: Partial<Pick<StayRecord, 'version' | 'updated_at' | 'updated_by' | 'updated_installation'>>,
): Promise<{ stay: StayRecord; replay: Replay }> {
  const db = ctx.database();
  const result = await replayStay(db, stay.id);
  const s = result.state;
  const derived = {
    status: s.status,
    admitted_on: s.admittedOn,
    exited_on: s.exitedOn,
    exit_reason: s.exitReason,
    institution_id: s.institutionId,
    bed_id: s.bedId,
    leave_since: s.leaveSince,
    ...meta,
  };
  await db.updateTable('resident').set(derived).where('id', '=', stay.id).where('version', '=', stay.version).execute();
  await db.deleteFrom('residence_period').where('resident_id', '=', stay.id).execute();
  if (result.periods.length > 0) {
    await db
      .insertInto('residence_period')
      .values(result.periods.map((p) => periodRow(stay, p)))
      .execute();
  }
  return { stay: { ...stay, ...derived }, replay: result };
}

function periodRow(stay: StayRecord, p: Period) {
  return {
    resident_id: stay.id,
    person_id: stay.person_id,
    institution_id: p.institutionId,
    bed_id: p.bedId,
    from_date: p.from,
    to_date: p.to,
    on_leave: p.onLeave ? 1 : 0,
  };
}

/** [from, to) ranges meet when each starts before the other ends (an open end is the far future). */
const OVERLAP = sql<boolean>`o.from_date < coalesce(m.to_date, '9999-12-31') AND m.from_date < coalesce(o.to_date, '9999-12-31')`;

/**
 * Two rules over the stored periods, checked after every rebuild so that back-dated events and
 * reversals obey them too: one person is never resident in two stays on the same day, and a bed is
 * held by one stay at a time. Periods are [from, to): a bed freed by an exit on D is free on D.
 */
export async function checkOverlaps(db: Kysely<Database>, stay: StayRecord, fields: EventFields): Promise<void> {
  const person = await firstClash(db, stay.id, 'person_id');
  if (person) {
    const other = await otherStay(db, person.resident_id);
    const since = runStart(await periodsOf(db, person.resident_id), person.from_date, (p) => p.institution_id === person.institution_id);
    const institution = await db.selectFrom('institution').select('name').where('id', '=', person.institution_id).executeTakeFirst();
    throw new AppError('PERSON_RESIDENT_ELSEWHERE', fields.person, { name: other.name, institution: institution?.name ?? '', date: since });
  }
  const bed = await firstClash(db, stay.id, 'bed_id');
  if (bed) {
    const other = await otherStay(db, bed.resident_id);
    const since = runStart(await periodsOf(db, bed.resident_id), bed.from_date, (p) => p.bed_id === bed.bed_id);
    throw new AppError('BED_OCCUPIED', fields.bed, { name: other.name, date: since });
  }
}

async function firstClash(db: Kysely<Database>, residentId: string, on: 'person_id' | 'bed_id') {
  return db
    .selectFrom('residence_period as m')
    .innerJoin('residence_period as o', (join) => join.onRef(`o.${on}`, '=', `m.${on}`).onRef('o.resident_id', '!=', 'm.resident_id'))
    .select(['o.resident_id', 'o.from_date', 'o.institution_id', 'o.bed_id'])
    .where('m.resident_id', '=', residentId)
    .where(OVERLAP)
    .orderBy('o.from_date')
    .limit(1)
    .executeTakeFirst();
}

async function otherStay(db: Kysely<Database>, residentId: string) {
  return db
    .selectFrom('resident as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select(['p.name'])
    .where('r.id', '=', residentId)
    .executeTakeFirstOrThrow();
}

async function periodsOf(db: Kysely<Database>, residentId: string) {
  return db.selectFrom('residence_period').selectAll().where('resident_id', '=', residentId).orderBy('from_date').execute();
}

/** Where an unbroken run of periods that all satisfy `same` and include the one from `from` began. */
function runStart<P extends { from_date: string; to_date: string | null }>(periods: P[], from: string, same: (p: P) => boolean): string {
  let index = periods.findIndex((p) => p.from_date === from);
  while (index > 0) {
    const previous = periods[index - 1]!;
    if (previous.to_date !== periods[index]!.from_date || !same(previous)) break;
    index--;
  }
  return periods[index]?.from_date ?? from;
}

/**
 * The institution and bed chosen for an admission or a move: known, the county's, open on the date;
 * a bed of that institution not retired by then, required when the institution keeps a bed register.
 */
export async function checkPlace(
  ctx: RequestContext,
  place: { institutionId: string; bedId: string | null; date: string },
  fields: EventFields,
): Promise<void> {
  const db = ctx.database();
  const county = ctx.countyCode();
  const institution = await db
    .selectFrom('institution')
    .select(['id', 'town_code', 'closed_on'])
    .where('id', '=', place.institutionId)
    .executeTakeFirst();
  if (!institution) throw new AppError('NOT_FOUND', fields.institution);
  if (institution.town_code && !isWithin(institution.town_code, county)) {
    throw new AppError('DIVISION_OUTSIDE_OFFICE', fields.institution, { code: institution.town_code });
  }
  if (institution.closed_on && institution.closed_on <= place.date) {
    throw new AppError('INSTITUTION_CLOSED', fields.institution, { date: institution.closed_on });
  }
  if (place.bedId) {
    const bed = await db.selectFrom('institution_bed').select(['institution_id', 'retired_on']).where('id', '=', place.bedId).executeTakeFirst();
    if (!bed) throw new AppError('NOT_FOUND', fields.bed);
    if (bed.institution_id !== place.institutionId) throw new AppError('BED_NOT_IN_INSTITUTION', fields.bed);
    if (bed.retired_on && bed.retired_on <= place.date) throw new AppError('BED_RETIRED', fields.bed, { date: bed.retired_on });
    return;
  }
  const inUse = await db
    .selectFrom('institution_bed')
    .select('id')
    .where('institution_id', '=', place.institutionId)
    .where((eb) => eb.or([eb('retired_on', 'is', null), eb('retired_on', '>', place.date)]))
    .executeTakeFirst();
  if (inUse) throw new AppError('BED_REQUIRED', fields.bed);
}

/**
 * No stored period of the stay (ending after `since`, when given) runs into a day its institution is
 * closed or its bed retired: catches a back-dated admission into a bed retired later, and a
 * reversal that would put someone back where nobody may be any more.
 */
export async function checkPlacesStillOpen(db: Kysely<Database>, residentId: string, since: string | null, fields: EventFields): Promise<void> {
  const stillThere = (column: 'i.closed_on' | 'b.retired_on') =>
    sql<boolean>`(m.to_date IS NULL OR m.to_date > ${sql.ref(column)})`;
  let periods = db.selectFrom('residence_period as m').where('m.resident_id', '=', residentId);
  if (since) periods = periods.where(runsPast('m.to_date', since));
  const closed = await periods
    .innerJoin('institution as i', 'i.id', 'm.institution_id')
    .select('i.closed_on')
    .where('i.closed_on', 'is not', null)
    .where(stillThere('i.closed_on'))
    .executeTakeFirst();
  if (closed?.closed_on) throw new AppError('INSTITUTION_CLOSED', fields.institution, { date: closed.closed_on });
  const retired = await periods
    .innerJoin('institution_bed as b', 'b.id', 'm.bed_id')
    .select('b.retired_on')
    .where('b.retired_on', 'is not', null)
    .where(stillThere('b.retired_on'))
    .executeTakeFirst();
  if (retired?.retired_on) throw new AppError('BED_RETIRED', fields.bed, { date: retired.retired_on });
}
