import type { Kysely, Selectable } from 'kysely';
import type { Database, RenovationPlanLineTable } from '../../../db/schema';
import type { Output, Parsed, PlanLine, PlanSummary } from '../../contract';
import type { CaseSaved, CaseState } from '../../contract/areas/renovations';
import { AppError } from '../../contract/errors';
import { recordAudit } from '../audit/audit';
import type { RequestContext } from '../context';
import { assertVersion, bumpedMeta } from '../record-meta';
import { uuidv7 } from '../records';
import { loadCaseRecord } from './case-store';
import { loadCase, planEditable } from './case-view';
import { lineAmountFen, planSummary } from '../../contract/plan-arithmetic';

/** The per-household cap (分) for a plan year: the cap with the greatest fromYear ≤ year, or null. */
export async function capFor(db: Kysely<Database>, planYear: number): Promise<number | null> {
  const row = await db
    .selectFrom('renovation_cap')
    .select('cap_fen')
    .where('from_year', '<=', planYear)
    .orderBy('from_year', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.cap_fen ?? null;
}

/**
 * The subsidy of several cases' plans at once (case id → 分, 0 without a plan), for list pages: one
 * query for the subsidised lines and one cap per plan year, by the same rule as loadPlan's summary.
 */
export async function subsidiesOf(db: Kysely<Database>, cases: readonly { id: string; plan_year: number }[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(cases.map((c) => [c.id, 0]));
  if (cases.length === 0) return result;
  const sums = await db
    .selectFrom('renovation_plan_line')
    .select(['case_id', (eb) => eb.fn.sum<number>(eb('quantity', '*', eb.ref('unit_price_fen'))).as('fen')])
    .where('case_id', 'in', cases.map((c) => c.id))
    .where('subsidised', '=', 1)
    .groupBy('case_id')
    .execute();
  const caps = new Map<number, number | null>();
  for (const year of new Set(cases.map((c) => c.plan_year))) caps.set(year, await capFor(db, year));
  const yearOf = new Map(cases.map((c) => [c.id, c.plan_year]));
  for (const { case_id, fen } of sums) {
    const lines = [{ quantity: 1, unitPriceFen: Number(fen), subsidised: true }];
    result.set(case_id, planSummary(lines, caps.get(yearOf.get(case_id)!) ?? null).subsidyFen);
  }
  return result;
}

/** The case's plan lines in position order with their live 'after' photos, and the money against the plan year's cap. */
export async function loadPlan(db: Kysely<Database>, caseId: string, planYear: number): Promise<{ lines: PlanLine[]; summary: PlanSummary }> {
  const rows = await db
    .selectFrom('renovation_plan_line as l')
    .innerJoin('renovation_item as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.name as item_name', 'i.category as item_category', 'i.unit as item_unit'])
    // A plain count: whether each file is still intact is the attachments' business (acceptance checks it).
    .select((eb) =>
      eb
        .selectFrom('renovation_attachment as a')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .whereRef('a.plan_line_id', '=', 'l.id')
        .where('a.kind', '=', 'photo')
        .where('a.tag', '=', 'after')
        .where('a.withdrawn_at', 'is', null)
        .as('after_photos'),
    )
    .where('l.case_id', '=', caseId)
    .orderBy('l.position')
    .execute();
  const lines: PlanLine[] = rows.map((r) => ({
    id: r.id,
    position: r.position,
    itemId: r.item_id,
    itemName: r.item_name,
    itemCategory: r.item_category,
    unit: r.item_unit,
    quantity: r.quantity,
    unitPriceFen: r.unit_price_fen,
    amountFen: lineAmountFen({ quantity: r.quantity, unitPriceFen: r.unit_price_fen }),
    subsidised: r.subsidised === 1,
    note: r.note,
    afterPhotos: Number(r.after_photos ?? 0),
  }));
  return { lines, summary: planSummary(lines, await capFor(db, planYear)) };
}

type LineRecord = Selectable<RenovationPlanLineTable>;
type LineInput = Parsed<'renovations.savePlan'>['lines'][number];

/**
 * Which stored line each incoming line keeps (by index of the incoming line): the same item at the same
 * position first, then the same item elsewhere (a line removed above it shifts the rest up). Kept lines
 * keep their ids, so photos linked to them stay linked.
 */
export function matchLines(existing: readonly Pick<LineRecord, 'id' | 'position' | 'item_id'>[], incoming: readonly Pick<LineInput, 'itemId'>[]): (string | null)[] {
  const kept: (string | null)[] = incoming.map(() => null);
  const free = new Set(existing.map((l) => l.id));
  incoming.forEach((line, i) => {
    const same = existing.find((l) => l.position === i && l.item_id === line.itemId);
    if (same && free.has(same.id)) {
      kept[i] = same.id;
      free.delete(same.id);
    }
  });
  incoming.forEach((line, i) => {
    if (kept[i]) return;
    const other = existing.find((l) => free.has(l.id) && l.item_id === line.itemId);
    if (other) {
      kept[i] = other.id;
      free.delete(other.id);
    }
  });
  return kept;
}

/** A line as the audit trail shows it: the item by name, money in 分. */
function auditLine(l: { item_name: string; quantity: number; unit_price_fen: number; subsidised: number; note: string | null }) {
  return { item: l.item_name, quantity: l.quantity, unitPriceFen: l.unit_price_fen, subsidised: l.subsidised === 1, note: l.note };
}

/**
 * Replaces the plan's lines (一户一策) until the plan is signed. Lines keeping their item keep their id
 * (update in place); a line with live photos linked cannot be dropped; the case's version is bumped.
 */
export async function savePlan(ctx: RequestContext, input: Parsed<'renovations.savePlan'>): Promise<Output<'renovations.savePlan'>> {
  const db = ctx.database();
  ctx.countyCode();
  const kase = await loadCaseRecord(db, input.id);
  await assertVersion(db, kase, input.version);
  const state = kase.state as CaseState;
  if (state === 'rejected' || state === 'withdrawn') throw new AppError('PLAN_CASE_CLOSED', undefined, { state });
  if (!planEditable(state)) throw new AppError('PLAN_LOCKED');

  const existing = await db
    .selectFrom('renovation_plan_line as l')
    .innerJoin('renovation_item as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select('i.name as item_name')
    .where('l.case_id', '=', kase.id)
    .orderBy('l.position')
    .execute();
  const kept = matchLines(existing, input.lines);

  const itemIds = [...new Set(input.lines.map((l) => l.itemId))];
  const items = new Map(
    itemIds.length === 0 ? [] : (await db.selectFrom('renovation_item').selectAll().where('id', 'in', itemIds).execute()).map((i) => [i.id, i]),
  );
  input.lines.forEach((line, i) => {
    const item = items.get(line.itemId);
    if (!item) throw new AppError('NOT_FOUND', `lines.${i}.itemId`);
    // A line already in the plan may keep an item deactivated since; new lines take active items only.
    if (item.active !== 1 && !kept[i]) throw new AppError('ITEM_INACTIVE', `lines.${i}.itemId`, { name: item.name });
    if (line.subsidised && item.subsidised !== 1) throw new AppError('ITEM_NOT_SUBSIDISED', `lines.${i}.subsidised`, { name: item.name });
  });

  const keptIds = new Set(kept.filter((id): id is string => id !== null));
  const droppedIds = existing.filter((l) => !keptIds.has(l.id)).map((l) => l.id);
  if (droppedIds.length > 0) {
    const linked = await db.selectFrom('renovation_attachment').select(['plan_line_id', 'withdrawn_at']).where('plan_line_id', 'in', droppedIds).execute();
    const withPhotos = existing.find((l) => linked.some((a) => a.plan_line_id === l.id && a.withdrawn_at === null));
    if (withPhotos) throw new AppError('PLAN_LINE_HAS_PHOTOS', 'lines', { name: withPhotos.item_name });
    // Only withdrawn files point at the dropped lines: they stay on the case, tied to no line any more
    // (the line row goes, and its foreign key would refuse that otherwise).
    if (linked.length > 0) await db.updateTable('renovation_attachment').set({ plan_line_id: null }).where('plan_line_id', 'in', droppedIds).execute();
    await db.deleteFrom('renovation_plan_line').where('id', 'in', droppedIds).execute();
  }
  // Kept lines move out of the way first: (case, position) is unique and their positions may swap.
  for (const [i, id] of kept.entries()) {
    if (id) await db.updateTable('renovation_plan_line').set({ position: -1 - i }).where('id', '=', id).execute();
  }
  for (const [i, line] of input.lines.entries()) {
    const values = { position: i, item_id: line.itemId, quantity: line.quantity, unit_price_fen: line.unitPriceFen, subsidised: line.subsidised ? 1 : 0, note: line.note };
    const id = kept[i];
    if (id) await db.updateTable('renovation_plan_line').set(values).where('id', '=', id).execute();
    else await db.insertInto('renovation_plan_line').values({ id: uuidv7(ctx.clock.now().getTime()), case_id: kase.id, ...values }).execute();
  }
  await db.updateTable('renovation_case').set(bumpedMeta(ctx, kase.version)).where('id', '=', kase.id).execute();

  const after = input.lines.map((l) => auditLine({ item_name: items.get(l.itemId)!.name, quantity: l.quantity, unit_price_fen: l.unitPriceFen, subsidised: l.subsidised ? 1 : 0, note: l.note }));
  await recordAudit(ctx, {
    action: 'plan',
    entity: 'renovation-case',
    entityId: kase.id,
    summary: kase.case_number,
    before: { lines: existing.map(auditLine) },
    after: { lines: after },
  });

  const warnings: CaseSaved['warnings'] = [];
  if (input.lines.length > 0 && (await capFor(db, kase.plan_year)) === null) warnings.push({ code: 'PLAN_NO_CAP', field: 'lines', params: { year: kase.plan_year } });
  return { case: await loadCase(ctx, kase.id), warnings };
}
