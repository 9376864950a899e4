import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import { HOUSEHOLD_CONDITIONS, STUCK_AFTER_DAYS, type CaseSaved, type CaseState } from '../../contract/areas/renovations';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { addDays } from '../calendar';
import { today } from '../clock';
import type { RequestContext } from '../context';
import { decodeCursor, keysetPage, personSearch, searchMode, startsWith } from '../paging';
import { checkTownAndVillage, divisionName } from '../places';
import { assertVersion, bumpedMeta, newMeta } from '../record-meta';
import { appendStep, casePeople, loadCaseRecord, setCasePeople, type CaseRecord } from './case-store';
import { caseRowPart, loadCase, planEditable } from './case-view';
import { subsidiesOf } from './plan';

type HouseholdInput = Parsed<'renovations.create'>['application']['household'];
type Warning = CaseSaved['warnings'][number];

/** States in which a household no longer counts against a new case: the case never went ahead. */
const ENDED_WITHOUT_WORKS = ['rejected', 'withdrawn'];
/** Once the subsidy is paid, the household the money went to is fixed. */
const HOUSEHOLD_LOCKED_STATES = ['paid', 'satisfaction'];
const FINISHED_STATES = ['satisfaction', 'rejected', 'withdrawn'];
/**
 * Written out, not bound: the planner uses the partial index renovation_case_open_since (migration
 * 0007, same condition) only when the query's condition is this literal text.
 */
const OPEN_CASE = sql<boolean>`c.state NOT IN (${sql.raw(FINISHED_STATES.map((state) => `'${state}'`).join(', '))})`;

export async function listCases(ctx: RequestContext, input: Parsed<'renovations.list'>): Promise<Output<'renovations.list'>> {
  const db = ctx.database();
  ctx.countyCode();
  const day = today(ctx.clock);
  const limit = input.limit ?? 50;
  // Filters on the case itself, so each list reads the index of its filter in case-number order.
  let base = db.selectFrom('renovation_case as c');
  if (input.planYear) base = base.where('c.plan_year', '=', input.planYear);
  if (input.state) base = base.where('c.state', '=', input.state);
  if (input.townCode) base = base.where('c.town_code', '=', input.townCode);
  if (input.stuckOnly) base = base.where(OPEN_CASE).where('c.state_date', '<', addDays(day, -STUCK_AFTER_DAYS));
  const query = (input.query ?? '').trim();
  if (/^\d{4}-\d*$/.test(query)) {
    base = base.where(startsWith('c.case_number', query));
  } else if (query) {
    // Any person of the household, by name, pinyin or the last digits of the ID number: the cases
    // of the matching people, so a rare name reads its few matches instead of every case.
    const byPerson = personSearch(searchMode(query), 'p');
    if (byPerson) {
      base = base.where('c.id', 'in', (eb) =>
        eb
          .selectFrom('renovation_case_person as cp')
          .select('cp.case_id')
          .where('cp.person_id', 'in', eb.selectFrom('person as p').select('p.id').where(byPerson)),
      );
    }
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const byNumber = input.stuckOnly ? sql<string>`+${sql.ref('c.case_number')}` : sql<string>`${sql.ref('c.case_number')}`;
  let page = base
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('renovation_case_person as ap')
        .innerJoin('person as a', 'a.id', 'ap.person_id')
        .select('a.name')
        .whereRef('ap.case_id', '=', 'c.id')
        .where('ap.position', '=', 0)
        .as('applicant_name'),
    )
    .select((eb) =>
      eb
        .selectFrom('renovation_case_person as n')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('n.case_id', '=', 'c.id')
        .as('people'),
    )
    // Case numbers are unique: they alone order the list (the cursor's id is not needed). Stuck
    // cases are few: `+` has them read by their index and sorted, not the numbers walked for them.
    .orderBy(byNumber)
    .limit(limit + 1);
  const after = decodeCursor(input.after);
  if (after) page = page.where(byNumber, '>', after[0]);
  const cut = keysetPage(await page.execute(), limit, (r) => [r.case_number, r.id]);
  const subsidies = await subsidiesOf(db, cut.rows);
  const rows = cut.rows.map((r) => ({
    ...caseRowPart(r, day, subsidies.get(r.id) ?? 0),
    applicantName: r.applicant_name ?? '',
    people: Number(r.people ?? 0),
  }));
  return { rows, nextCursor: cut.nextCursor, total: Number(total) };
}

export async function getCase(ctx: RequestContext, input: Parsed<'renovations.get'>): Promise<Output<'renovations.get'>> {
  ctx.countyCode();
  return loadCase(ctx, input.id);
}

/**
 * A person of the household in another case that went ahead or may still (anything but rejected or
 * withdrawn): the first such case by number.
 */
async function otherCase(db: Kysely<Database>, personIds: readonly string[], selfId: string | null) {
  let query = db
    .selectFrom('renovation_case_person as cp')
    .innerJoin('renovation_case as c', 'c.id', 'cp.case_id')
    .innerJoin('person as p', 'p.id', 'cp.person_id')
    .select(['p.name', 'c.case_number', 'c.state'])
    .where('cp.person_id', 'in', personIds)
    .where('c.state', 'not in', ENDED_WITHOUT_WORKS);
  if (selfId) query = query.where('c.id', '!=', selfId);
  return query.orderBy('c.case_number').executeTakeFirst();
}

/**
 * What the schema cannot check about a household: each person once and registered, the town a town
 * or street of the county with the village in it, and no second case for a household already
 * renovated or under way unless the clerk gives a reason (then a warning). `prefix` is where the
 * household sits in the request, so refusals name the field.
 */
async function checkHousehold(ctx: RequestContext, h: HouseholdInput, selfId: string | null, prefix: string): Promise<{ names: string[]; warnings: Warning[] }> {
  const db = ctx.database();
  const county = ctx.countyCode();
  const twice = h.personIds.findIndex((id, i) => h.personIds.indexOf(id) !== i);
  if (twice >= 0) throw new AppError('PERSON_LISTED_TWICE', `${prefix}.personIds.${twice}`);
  const people = await db.selectFrom('person').select(['id', 'name']).where('id', 'in', h.personIds).execute();
  const nameOf = new Map(people.map((p) => [p.id, p.name]));
  const missing = h.personIds.findIndex((id) => !nameOf.has(id));
  if (missing >= 0) throw new AppError('NOT_FOUND', `${prefix}.personIds.${missing}`);
  checkTownAndVillage(county, {
    townCode: h.townCode,
    villageCode: h.villageCode ?? null,
    fields: { town: `${prefix}.townCode`, village: `${prefix}.villageCode` },
    townRequired: true,
  });
  const warnings: Warning[] = [];
  const other = await otherCase(db, h.personIds, selfId);
  if (other) {
    if (!h.duplicateReason) {
      throw new AppError('DUPLICATE_HOUSEHOLD', `${prefix}.personIds`, { name: other.name, caseNumber: other.case_number, state: other.state });
    }
    warnings.push({ code: 'DUPLICATE_HOUSEHOLD_NOTED', field: `${prefix}.duplicateReason`, params: { caseNumber: other.case_number } });
  }
  return { names: h.personIds.map((id) => nameOf.get(id)!), warnings };
}

function householdColumns(h: HouseholdInput) {
  return {
    category: h.category,
    // Each condition once, in list order, so equal selections store equal JSON.
    conditions_json: JSON.stringify(HOUSEHOLD_CONDITIONS.filter((c) => h.conditions.includes(c))),
    town_code: h.townCode,
    village_code: h.villageCode ?? null,
    address: h.address ?? null,
    phone: h.phone ?? null,
    plan_year: h.planYear,
    duplicate_reason: h.duplicateReason ?? null,
    notes: h.notes ?? null,
  };
}

/**
 * `2026-0007`: numbered per plan year in creation order. A case keeps its number when its plan year
 * is changed later; the next number of a year counts every number issued with that year's prefix.
 */
async function nextCaseNumber(db: Kysely<Database>, planYear: number): Promise<string> {
  const prefix = `${planYear}-`;
  const { last } = await db
    .selectFrom('renovation_case')
    .select(sql<number | null>`max(CAST(substr(case_number, 6) AS INTEGER))`.as('last'))
    .where(startsWith('case_number', prefix))
    .executeTakeFirstOrThrow();
  return `${prefix}${String((last ?? 0) + 1).padStart(4, '0')}`;
}

/** What the trail keeps of a case's household: the clerk's fields, people and places by name. */
function auditView(r: CaseRecord, people: { id: string; name: string }[]) {
  return {
    case_number: r.case_number,
    category: r.category,
    conditions: JSON.parse(r.conditions_json) as string[],
    people,
    town_code: r.town_code,
    town_name: divisionName(r.town_code),
    village_code: r.village_code,
    village_name: divisionName(r.village_code),
    address: r.address,
    phone: r.phone,
    plan_year: r.plan_year,
    duplicate_reason: r.duplicate_reason,
    notes: r.notes,
    version: r.version,
  };
}

function peopleOf(h: HouseholdInput, names: string[]) {
  return h.personIds.map((id, i) => ({ id, name: names[i]! }));
}

/** Opens a case with its 'applied' step (the application's date and who received it). */
export async function createCase(ctx: RequestContext, input: Parsed<'renovations.create'>): Promise<Output<'renovations.create'>> {
  const db = ctx.database();
  const application = input.application;
  const h = application.household;
  const { names, warnings } = await checkHousehold(ctx, h, null, 'application.household');
  const row: CaseRecord = {
    ...newMeta(ctx),
    case_number: await nextCaseNumber(db, h.planYear),
    ...householdColumns(h),
    // What the replay of the one 'applied' step gives.
    state: 'applied',
    state_date: application.appliedOn,
    applied_on: application.appliedOn,
  };
  await db.insertInto('renovation_case').values(row).execute();
  await setCasePeople(db, row.id, h.personIds);
  const applied = await appendStep(ctx, row.id, {
    step: 'applied',
    step_date: application.appliedOn,
    responsible: application.responsible,
    note: application.note ?? null,
  });
  await recordAudit(ctx, {
    action: 'create',
    entity: 'renovation-case',
    entityId: row.id,
    summary: `${row.case_number} ${names[0]}`,
    after: { ...auditView(row, peopleOf(h, names)), applied },
  });
  return { case: await loadCase(ctx, row.id), warnings };
}

/** Edits the household (people, category, conditions, place, plan year, notes) until the subsidy is paid. */
export async function updateCase(ctx: RequestContext, input: Parsed<'renovations.update'>): Promise<Output<'renovations.update'>> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await loadCaseRecord(db, input.id);
  await assertVersion(db, before, input.version);
  if (HOUSEHOLD_LOCKED_STATES.includes(before.state)) throw new AppError('CASE_HOUSEHOLD_LOCKED', 'household', { state: before.state });
  const h = input.household;
  // The plan year chooses the cap: once the plan is signed it stays (correct the signing to change it).
  if (h.planYear !== before.plan_year && !planEditable(before.state as CaseState)) {
    throw new AppError('PLAN_YEAR_LOCKED', 'household.planYear', { year: before.plan_year });
  }
  const { names, warnings } = await checkHousehold(ctx, h, before.id, 'household');
  const beforePeople = (await casePeople(db, before.id)).map((p) => ({ id: p.id, name: p.name }));
  const after: CaseRecord = { ...before, ...householdColumns(h), ...bumpedMeta(ctx, before.version) };
  const { id: _id, created_at: _c, ...changes } = after;
  await db.updateTable('renovation_case').set(changes).where('id', '=', before.id).where('version', '=', before.version).execute();
  await setCasePeople(db, before.id, h.personIds);
  await recordAudit(ctx, {
    action: 'update',
    entity: 'renovation-case',
    entityId: before.id,
    summary: `${before.case_number} ${names[0]}`,
    before: auditView(before, beforePeople),
    after: auditView(after, peopleOf(h, names)),
  });
  return { case: await loadCase(ctx, before.id), warnings };
}
