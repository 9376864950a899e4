import type { Kysely, Selectable } from 'kysely';
import type { Database, RenovationCapTable, RenovationItemTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import { ITEM_CATEGORIES, WORKFLOW_STEPS, type RenovationCap, type RenovationItem } from '../../contract/areas/renovations';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta, newMeta } from '../record-meta';
import { uuidv7 } from '../records';

/**
 * The item catalogue (the national list preloaded, local additions by an admin) and the per-household
 * cap by plan year. Items are never deleted, only deactivated; caps are never edited or deleted.
 */

type ItemRecord = Selectable<RenovationItemTable>;
type CapRecord = Selectable<RenovationCapTable>;

function toItem(r: ItemRecord): RenovationItem {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    category: r.category,
    basic: r.basic === 1,
    subsidised: r.subsidised === 1,
    local: r.local === 1,
    unit: r.unit,
    referencePriceFen: r.reference_price_fen,
    active: r.active === 1,
    version: r.version,
  };
}

const CATEGORY_ORDER = new Map<string, number>(ITEM_CATEGORIES.map((c, i) => [c, i]));

/** By category in the national list's order, then by code (local L01… sort before national N01… in a category). */
function byCategoryThenCode(a: RenovationItem, b: RenovationItem): number {
  const category = CATEGORY_ORDER.get(a.category)! - CATEGORY_ORDER.get(b.category)!;
  if (category !== 0) return category;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export async function listItems(ctx: RequestContext, input: Parsed<'renovationItems.list'>): Promise<Output<'renovationItems.list'>> {
  ctx.countyCode();
  let query = ctx.database().selectFrom('renovation_item').selectAll();
  if (!input.includeInactive) query = query.where('active', '=', 1);
  return (await query.execute()).map(toItem).sort(byCategoryThenCode);
}

async function assertNameFree(db: Kysely<Database>, name: string, exceptId: string | null) {
  let query = db.selectFrom('renovation_item').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new AppError('ITEM_NAME_TAKEN', 'item.name', { name });
}

/** L01, L02 … in creation order (items are never deleted, so the highest number is the count). */
async function nextLocalCode(db: Kysely<Database>): Promise<string> {
  const codes = await db.selectFrom('renovation_item').select('code').where('local', '=', 1).execute();
  const highest = Math.max(0, ...codes.map((c) => Number(c.code.slice(1)) || 0));
  return `L${String(highest + 1).padStart(2, '0')}`;
}

/** An admin adds a local item (e.g. 紧急呼叫装置), subsidised or household-paid as the county decides. */
export async function createItem(ctx: RequestContext, input: Parsed<'renovationItems.create'>): Promise<Output<'renovationItems.create'>> {
  const db = ctx.database();
  ctx.countyCode();
  const item = input.item;
  await assertNameFree(db, item.name, null);
  const row: ItemRecord = {
    ...newMeta(ctx),
    code: await nextLocalCode(db),
    name: item.name,
    category: item.category,
    basic: 0,
    subsidised: item.subsidised ? 1 : 0,
    local: 1,
    unit: item.unit,
    reference_price_fen: item.referencePriceFen ?? null,
    active: item.active ? 1 : 0,
  };
  await db.insertInto('renovation_item').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'renovation-item', entityId: row.id, summary: `${row.code} ${row.name}`, after: row });
  return toItem(row);
}

/**
 * Name, category, unit, reference price, subsidised and active may change; the code never does, and a
 * national basic item stays subsidised. Plans already made keep their lines (and their own prices).
 */
export async function updateItem(ctx: RequestContext, input: Parsed<'renovationItems.update'>): Promise<Output<'renovationItems.update'>> {
  const db = ctx.database();
  ctx.countyCode();
  const before = await db.selectFrom('renovation_item').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', 'id');
  await assertVersion(db, before, input.version);
  const item = input.item;
  if (before.basic === 1 && !item.subsidised) throw new AppError('BASIC_ITEM_SUBSIDISED', 'item.subsidised');
  await assertNameFree(db, item.name, before.id);
  const after: ItemRecord = {
    ...before,
    name: item.name,
    category: item.category,
    subsidised: item.subsidised ? 1 : 0,
    unit: item.unit,
    reference_price_fen: item.referencePriceFen ?? null,
    active: item.active ? 1 : 0,
    ...bumpedMeta(ctx, before.version),
  };
  await db.updateTable('renovation_item').set(after).where('id', '=', before.id).execute();
  await recordAudit(ctx, { action: 'update', entity: 'renovation-item', entityId: before.id, summary: `${after.code} ${after.name}`, before, after });
  return toItem(after);
}

function toCap(r: CapRecord, createdByName: string | null): RenovationCap {
  return { id: r.id, fromYear: r.from_year, capFen: r.cap_fen, note: r.note, createdAt: r.created_at, createdByName };
}

/** Newest first. */
export async function listCaps(ctx: RequestContext, _input: Parsed<'renovationCaps.list'>): Promise<Output<'renovationCaps.list'>> {
  ctx.countyCode();
  const rows = await ctx
    .database()
    .selectFrom('renovation_cap as c')
    .leftJoin('staff as s', 's.id', 'c.created_by')
    .selectAll('c')
    .select('s.display_name as created_by_name')
    .orderBy('c.from_year', 'desc')
    .execute();
  return rows.map((r) => toCap(r, r.created_by_name));
}

/** A case's plan stays signed from 'plan_signed' on (a later rejection or withdrawal makes its money moot). */
const SIGNED_STATES = WORKFLOW_STEPS.slice(WORKFLOW_STEPS.indexOf('plan_signed'));

/**
 * Signed plans of the plan years a new cap from `fromYear` would apply to (up to the next cap's year):
 * their subsidy was agreed under the cap then in force and must not change under them.
 */
async function signedPlansUnder(db: Kysely<Database>, fromYear: number): Promise<number> {
  const next = await db.selectFrom('renovation_cap').select('from_year').where('from_year', '>', fromYear).orderBy('from_year').limit(1).executeTakeFirst();
  let query = db
    .selectFrom('renovation_case')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_year', '>=', fromYear)
    .where('state', 'in', SIGNED_STATES);
  if (next) query = query.where('plan_year', '<', next.from_year);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/**
 * One cap per plan year it starts from, added before any plan of the years it governs is signed; never
 * edited or deleted, because signed plans were agreed under it. A wrong cap is superseded by the right
 * one from the following year (docs/renovations.md).
 */
export async function createCap(ctx: RequestContext, input: Parsed<'renovationCaps.create'>): Promise<Output<'renovationCaps.create'>> {
  const db = ctx.database();
  ctx.countyCode();
  const taken = await db.selectFrom('renovation_cap').select('id').where('from_year', '=', input.fromYear).executeTakeFirst();
  if (taken) throw new AppError('CAP_EXISTS', 'fromYear', { year: input.fromYear });
  const signed = await signedPlansUnder(db, input.fromYear);
  if (signed > 0) throw new AppError('CAP_PLANS_SIGNED', 'fromYear', { year: input.fromYear, count: signed });
  const actor = ctx.actor();
  const row: CapRecord = {
    id: uuidv7(ctx.clock.now().getTime()),
    from_year: input.fromYear,
    cap_fen: input.capFen,
    note: input.note,
    created_at: isoNow(ctx.clock),
    created_by: actor.id,
    created_installation: ctx.officeInfo().installationId,
  };
  await db.insertInto('renovation_cap').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'renovation-cap', entityId: row.id, summary: `${row.from_year}`, after: row });
  return toCap(row, actor.displayName);
}
