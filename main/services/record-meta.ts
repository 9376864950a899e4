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
  throw new AppError('VERSION_CONFLICT', undefined, { by: (await staffName(db, row.updated_by)) ?? '—', at: row.updated_at });
}

/** The display name of the staff member who last changed a record (null: nobody, or the seed). */
export async function staffName(db: Kysely<Database>, staffId: string | null): Promise<string | null> {
  if (!staffId) return null;
  const row = await db.selectFrom('staff').select('display_name').where('id', '=', staffId).executeTakeFirst();
  return row?.display_name ?? null;
}
