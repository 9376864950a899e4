import type { Kysely } from 'kysely';
import type { Database, RecordMeta } from '../../db/schema';
import { AppError } from '../contract/errors';
import { isoNow } from './clock';
import type { RequestContext } from './context';
import { uuidv7 } from './records';

/** Id, version 1 and who/when/where for a new register row. */
export function newMeta(ctx: RequestContext): RecordMeta {
  const at = isoNow(ctx.clock);
  return {
    id: uuidv7(ctx.clock.now().getTime()),
    version: 1,
    created_at: at,
    updated_at: at,
    updated_by: ctx.session.user?.id ?? null,
    updated_installation: ctx.officeInfo().installationId,
  };
}

/** The meta columns an update sets: next version, now, this user, this installation. */
export function bumpedMeta(ctx: RequestContext, version: number) {
  return {
    version: version + 1,
    updated_at: isoNow(ctx.clock),
    updated_by: ctx.session.user?.id ?? null,
    updated_installation: ctx.officeInfo().installationId,
  };
}

/** Refuses a save based on an old version, naming who changed the record and when. */
export async function assertVersion(
  db: Kysely<Database>,
  row: Pick<RecordMeta, 'version' | 'updated_by' | 'updated_at'>,
  expected: number,
): Promise<void> {
  if (row.version === expected) return;
  const by = row.updated_by
    ? await db.selectFrom('staff').select('display_name').where('id', '=', row.updated_by).executeTakeFirst()
    : undefined;
  throw new AppError('VERSION_CONFLICT', undefined, { by: by?.display_name ?? '—', at: row.updated_at });
}
