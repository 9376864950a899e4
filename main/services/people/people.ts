import type { Kysely, Selectable } from 'kysely';
import type { Database, PersonTable, RecordMeta } from '../../../db/schema';
import { fullName, getDivision, isWithin } from '../../../db/divisions';
import type { Parsed } from '../../contract';
import type { Person, PersonPage, PersonRow, PersonSaved } from '../../contract/areas/people';
import { AppError } from '../../contract/errors';
import { maySeeIdNumbers, maySeeIdNumbersInLists, shownIdNumber } from '../../contract/roles';
import { localDate } from '../../contract/validators/dates';
import { recordAudit } from '../audit/audit';
import type { RequestContext } from '../context';
import { afterCursor, decodeCursor, keysetPage, personSearch, searchMode } from '../paging';
import { assertVersion, bumpedMeta, newMeta, staffName } from '../record-meta';
import { namePinyin } from './pinyin';

type PersonRecord = Selectable<PersonTable>;
type Warning = PersonSaved['warnings'][number];

function toRow(r: PersonRecord, showId: boolean): PersonRow {
  return {
    id: r.id,
    name: r.name,
    idNumber: shownIdNumber(r.id_number, showId),
    hasIdNumber: r.id_number !== null,
    sex: r.sex,
    birthDate: r.birth_date,
    phone: r.phone,
    hukouDivisionCode: r.hukou_division_code,
    hukouDivisionName: r.hukou_division_code ? fullName(r.hukou_division_code) : '',
    updatedAt: r.updated_at,
  };
}

async function toPerson(db: Kysely<Database>, r: PersonRecord, showId: boolean): Promise<Person> {
  return {
    ...toRow(r, showId),
    address: r.address,
    notes: r.notes,
    idNumberMasked: r.id_number !== null && !showId,
    version: r.version,
    createdAt: r.created_at,
    updatedByName: await staffName(db, r.updated_by),
  };
}

export async function listPeople(ctx: RequestContext, input: Parsed<'people.list'>): Promise<PersonPage> {
  const db = ctx.database();
  const mode = searchMode(input.query);
  const limit = input.limit ?? 50;
  let base = db.selectFrom('person');
  const search = personSearch(mode);
  if (search) base = base.where(search);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let query = base.selectAll().orderBy('name_pinyin').orderBy('id').limit(limit + 1);
  const after = decodeCursor(input.after);
  if (after) query = query.where(afterCursor(after, 'name_pinyin'));
  const showId = maySeeIdNumbersInLists(ctx.actor().role);
  const page = keysetPage(await query.execute(), limit, (r) => [r.name_pinyin, r.id]);
  return { rows: page.rows.map((r) => toRow(r, showId)), nextCursor: page.nextCursor, total: Number(total) };
}

async function getRecord(db: Kysely<Database>, id: string): Promise<PersonRecord> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'id');
  return row;
}

export async function getPerson(ctx: RequestContext, input: Parsed<'people.get'>): Promise<Person> {
  const db = ctx.database();
  return toPerson(db, await getRecord(db, input.id), maySeeIdNumbers(ctx.actor().role));
}

export type PersonInput = Parsed<'people.create'>['person'];
export type PersonColumns = Omit<PersonRecord, keyof RecordMeta>;

/**
 * The stored columns of a validated person: identity fields derive from the ID number when there
 * is one, plus the search columns (pinyin, reversed ID number). Pure, so the spreadsheet import
 * writes exactly what the form writes.
 */
export function personRecordColumns(input: PersonInput): PersonColumns {
  const id = input.idNumber ?? null;
  const { full, initials } = namePinyin(input.name);
  return {
    name: input.name,
    name_pinyin: full,
    name_initials: initials,
    id_number: id?.idNumber ?? null,
    id_number_reversed: id ? [...id.idNumber].reverse().join('') : null,
    sex: id ? id.sex : (input.sex ?? null),
    birth_date: id ? id.birthDate : (input.birthDate ?? null),
    phone: input.phone ?? null,
    hukou_division_code: input.hukouDivisionCode ?? null,
    address: input.address ?? null,
    notes: input.notes ?? null,
  };
}

/** Accepted but worth a look: a hukou division unknown to the shipped list, or outside the office's county. */
export function hukouWarnings(division: string | null, county: string): Warning[] {
  if (!division) return [];
  if (!getDivision(division)) return [{ code: 'DIVISION_UNKNOWN', field: 'person.hukouDivisionCode', params: { code: division } }];
  if (!isWithin(division, county)) return [{ code: 'DIVISION_OUTSIDE_OFFICE', field: 'person.hukouDivisionCode', params: { code: division } }];
  return [];
}

/** Columns from a validated form, after refusing an ID number another person already has. */
async function personColumns(ctx: RequestContext, input: PersonInput, selfId: string | null) {
  const db = ctx.database();
  const id = input.idNumber ?? null;
  if (id) {
    const existing = await db
      .selectFrom('person')
      .select(['id', 'name', 'created_at'])
      .where('id_number', '=', id.idNumber)
      .executeTakeFirst();
    if (existing && existing.id !== selfId) {
      throw new AppError('ID_NUMBER_DUPLICATE', 'person.idNumber', {
        name: existing.name,
        when: localDate(new Date(existing.created_at)),
        personId: existing.id,
      });
    }
  }
  const warnings = hukouWarnings(input.hukouDivisionCode ?? null, ctx.officeInfo().divisionCode);
  return { warnings, columns: personRecordColumns(input) };
}

/** What the audit trail keeps of a person: the fields a clerk edits, not derived search columns. */
function auditView(r: PersonRecord) {
  const { name_pinyin: _p, name_initials: _i, id_number_reversed: _r, ...rest } = r;
  return rest;
}

export async function createPerson(ctx: RequestContext, input: Parsed<'people.create'>): Promise<PersonSaved> {
  const db = ctx.database();
  const { columns, warnings } = await personColumns(ctx, input.person, null);
  const row: PersonRecord = { ...newMeta(ctx), ...columns };
  await db.insertInto('person').values(row).execute();
  await recordAudit(ctx, {
    action: 'create',
    entity: 'person',
    entityId: row.id,
    summary: row.name,
    after: auditView(row),
  });
  return { person: await toPerson(db, row, true), warnings };
}

export async function updatePerson(ctx: RequestContext, input: Parsed<'people.update'>): Promise<PersonSaved> {
  const db = ctx.database();
  const before = await getRecord(db, input.id);
  await assertVersion(db, before, input.version);
  const { columns, warnings } = await personColumns(ctx, input.person, before.id);
  const after: PersonRecord = { ...before, ...columns, ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('person').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await recordAudit(ctx, {
    action: 'update',
    entity: 'person',
    entityId: before.id,
    summary: after.name,
    before: auditView(before),
    after: auditView(after),
  });
  return { person: await toPerson(db, after, true), warnings };
}
