import { sql } from 'kysely';
import type { Output, Parsed } from '../../contract';
import { AppError } from '../../contract/errors';
import { maySeeIdNumbersInLists, shownIdNumber } from '../../contract/roles';
import { REGISTERS, SUMMARY_CONTENTS } from '../../bundles/content';
import type { BundleStatement } from '../../bundles/statement';
import type { RequestContext } from '../context';
import { escapeLike } from '../paging';
import { cityCode } from './city-office';

/**
 * Drill-down: the records of one register as one bundle brought them (the county's snapshot at
 * the period end), searched through the register's `search` text, paged. ID numbers are masked
 * for those who may not see them in lists, as in the county's own lists.
 */

const DEFAULT_LIMIT = 50;

function masked(data: Record<string, unknown>, show: boolean): Record<string, unknown> {
  if (show || typeof data.idNumber !== 'string') return data;
  return { ...data, idNumber: shownIdNumber(data.idNumber, false) };
}

export async function listRecords(ctx: RequestContext, input: Parsed<'cityRecords.list'>): Promise<Output<'cityRecords.list'>> {
  const db = ctx.database();
  cityCode(ctx);
  const bundle = await db.selectFrom('bundle_import').select(['id', 'statement']).where('id', '=', input.bundleId).executeTakeFirst();
  if (!bundle) throw new AppError('NOT_FOUND', 'bundleId');
  const statement = JSON.parse(bundle.statement.toString('utf8')) as BundleStatement;
  const registers = statement.files.filter((f) => f.contents !== SUMMARY_CONTENTS).map((f) => ({ contents: f.contents, records: f.records }));
  const def = Object.hasOwn(REGISTERS, input.register) ? REGISTERS[input.register] : undefined;
  if (!def || !registers.some((r) => r.contents === input.register)) throw new AppError('NOT_FOUND', 'register');

  let query = db.selectFrom('bundle_record').where('bundle_id', '=', bundle.id).where('register', '=', input.register);
  const text = (input.query ?? '').trim().toLowerCase();
  if (text) query = query.where(sql<boolean>`search LIKE ${`%${escapeLike(text)}%`} ESCAPE '\\'`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['record_id', 'data'])
    .orderBy('record_id')
    .limit(input.limit ?? DEFAULT_LIMIT)
    .offset(input.offset ?? 0)
    .execute();
  const show = maySeeIdNumbersInLists(ctx.actor().role);
  return {
    columns: def.columns,
    registers,
    rows: rows.map((r) => ({ id: r.record_id, data: masked(JSON.parse(r.data) as Record<string, unknown>, show) })),
    total: Number(total),
  };
}
