import type { Kysely, Selectable } from 'kysely';
import type { AuditEntryTable, Database } from '../../../db/schema';
import type { AuditPage, AuditRow } from '../../contract/areas/audit';
import type { Parsed } from '../../contract';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { uuidv7 } from '../records';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
  /** For events before anyone is logged in (setup, failed logins). */
  actorName?: string;
  actorId?: string | null;
}

/** Fields never written to the trail. */
const SECRET_FIELDS = new Set(['password_hash', 'passwordHash', 'password']);

function redact(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? undefined : v));
}

/** Appends one entry, in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(ctx: RequestContext, event: AuditEvent, db: Kysely<Database> = ctx.database()) {
  if (ctx.quietAudit) return;
  const user = ctx.session.user;
  await db
    .insertInto('audit_entry')
    .values({
      id: uuidv7(),
      at: isoNow(ctx.clock),
      actor_id: event.actorId !== undefined ? event.actorId : (user?.id ?? null),
      actor_name: event.actorName ?? user?.displayName ?? '—',
      installation_id: ctx.officeInfo().installationId,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId,
      summary: event.summary,
      before_json: redact(event.before),
      after_json: redact(event.after),
    })
    .execute();
}

/** An entry as clients see it, before/after parsed back from JSON. */
export function toAuditRow(r: Selectable<AuditEntryTable>): AuditRow {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    summary: r.summary,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  };
}

/** Newest first, filtered; keyset-paged by sequence number. */
export async function listAudit(ctx: RequestContext, input: Parsed<'audit.list'>): Promise<AuditPage> {
  const limit = input.limit ?? 100;
  let query = ctx.database().selectFrom('audit_entry').selectAll().orderBy('seq', 'desc').limit(limit + 1);
  if (input.actorId) query = query.where('actor_id', '=', input.actorId);
  if (input.entity) query = query.where('entity', '=', input.entity);
  if (input.entityId) query = query.where('entity_id', '=', input.entityId);
  if (input.from) query = query.where('at', '>=', dayStartUtc(input.from));
  if (input.to) query = query.where('at', '<', dayStartUtc(nextDay(input.to)));
  if (input.beforeSeq) query = query.where('seq', '<', input.beforeSeq);
  const rows = await query.execute();
  const page = rows.slice(0, limit).map(toAuditRow);
  return { rows: page, nextCursor: rows.length > limit ? page.at(-1)!.seq : null };
}

/** Office days are China Standard Time (UTC+8, no daylight saving). */
function dayStartUtc(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
