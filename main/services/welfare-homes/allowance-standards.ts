import type { Kysely, Selectable } from 'kysely';
import type { AllowanceStandardTable, Database } from '../../../db/schema';
import type { Parsed } from '../../contract';
import type { AllowanceStandard } from '../../contract/areas/welfare-homes';
import { AppError } from '../../contract/errors';
import { isRealDate } from '../../contract/validators/dates';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { uuidv7 } from '../records';

type StandardRecord = Selectable<AllowanceStandardTable>;

function toStandard(r: StandardRecord, createdByName: string | null): AllowanceStandard {
  return {
    id: r.id,
    effectiveFrom: r.effective_from,
    basicLivingFen: r.basic_living_fen,
    careSelfCareConcentratedFen: r.care_self_care_concentrated_fen,
    carePartialConcentratedFen: r.care_partial_concentrated_fen,
    careCompleteConcentratedFen: r.care_complete_concentrated_fen,
    careSelfCareDispersedFen: r.care_self_care_dispersed_fen,
    carePartialDispersedFen: r.care_partial_dispersed_fen,
    careCompleteDispersedFen: r.care_complete_dispersed_fen,
    orphanConcentratedFen: r.orphan_concentrated_fen,
    orphanDispersedFen: r.orphan_dispersed_fen,
    note: r.note,
    createdAt: r.created_at,
    createdByName,
  };
}

/** Every version, oldest first (the roster walks them forward). */
export async function allStandards(db: Kysely<Database>): Promise<AllowanceStandard[]> {
  const rows = await db
    .selectFrom('allowance_standard as a')
    .leftJoin('staff as s', 's.id', 'a.created_by')
    .selectAll('a')
    .select('s.display_name as created_by_name')
    .orderBy('a.effective_from')
    .execute();
  return rows.map((r) => toStandard(r, r.created_by_name));
}

export async function listStandards(ctx: RequestContext): Promise<AllowanceStandard[]> {
  ctx.countyCode();
  return (await allStandards(ctx.database())).reverse();
}

/**
 * Adds a version from a date on (future dates allowed: next year's standard); one version per date.
 * Versions are never edited or deleted: a correction is a new version, so every roster can be redone.
 */
export async function createStandard(ctx: RequestContext, input: Parsed<'allowanceStandards.create'>): Promise<AllowanceStandard> {
  const db = ctx.database();
  ctx.countyCode();
  const s = input.standard;
  if (!isRealDate(s.effectiveFrom)) throw new AppError('DATE_INVALID', 'standard.effectiveFrom');
  const taken = await db.selectFrom('allowance_standard').select('id').where('effective_from', '=', s.effectiveFrom).executeTakeFirst();
  if (taken) throw new AppError('STANDARD_EXISTS', 'standard.effectiveFrom', { date: s.effectiveFrom });
  const actor = ctx.actor();
  const row: StandardRecord = {
    id: uuidv7(ctx.clock.now().getTime()),
    effective_from: s.effectiveFrom,
    basic_living_fen: s.basicLivingFen,
    care_self_care_concentrated_fen: s.careSelfCareConcentratedFen,
    care_partial_concentrated_fen: s.carePartialConcentratedFen,
    care_complete_concentrated_fen: s.careCompleteConcentratedFen,
    care_self_care_dispersed_fen: s.careSelfCareDispersedFen,
    care_partial_dispersed_fen: s.carePartialDispersedFen,
    care_complete_dispersed_fen: s.careCompleteDispersedFen,
    orphan_concentrated_fen: s.orphanConcentratedFen,
    orphan_dispersed_fen: s.orphanDispersedFen,
    note: s.note,
    created_at: isoNow(ctx.clock),
    created_by: actor.id,
    created_installation: ctx.officeInfo().installationId,
  };
  await db.insertInto('allowance_standard').values(row).execute();
  await recordAudit(ctx, { action: 'create', entity: 'allowance-standard', entityId: row.id, summary: row.effective_from, after: row });
  return toStandard(row, actor.displayName);
}
