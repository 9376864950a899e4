import type { Kysely, Selectable } from 'kysely';
import type { CountyKeyTable, Database } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { CountyKeyRow, CountyKeyState, CountyStatus } from '../../contract/areas/city';
import type { Fingerprint } from '../../contract/areas/keys';
import { AppError } from '../../contract/errors';
import { countyKeyFingerprint } from '../../bundles/fingerprint';
import { parseCountyKeyFile, parseKeyRotation } from '../../bundles/key-files';
import { fromHex } from '../../bundles/keys';
import { BundleRejection } from '../../bundles/rejection';
import type { TrustedKey } from '../../bundles/verify-bundle';
import { recordAudit } from '../audit/audit';
import { checkConfirmedFingerprint, toFingerprint } from '../bundles/keys';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { staffName } from '../record-meta';
import { uuidv7 } from '../records';
import { cityCode, countiesOf, countyName, ourCounty } from './city-office';

/**
 * The county keys the city trusts. A key is enrolled once, after its fingerprint was compared
 * over the phone; it leaves the active state by a rotation (signed by the old and the new key:
 * bundles made from the rotation time on must carry the new key) or a revocation (effective at
 * once). Old keys stay on file so that bundles they signed before stay verifiable.
 */

type KeyRow = Selectable<CountyKeyTable>;

function stateOf(row: KeyRow): CountyKeyState {
  if (row.revoked_at !== null) return 'revoked';
  if (row.retired_at !== null) return 'rotated';
  return 'active';
}

function fingerprintOf(publicKeyHex: string): Fingerprint {
  return toFingerprint(countyKeyFingerprint(fromHex(publicKeyHex, 32) ?? new Uint8Array()));
}

async function toRow(db: Kysely<Database>, row: KeyRow): Promise<CountyKeyRow> {
  return {
    id: row.id,
    countyCode: row.county_code,
    countyName: countyName(row.county_code),
    office: row.office,
    fingerprint: fingerprintOf(row.public_key),
    state: stateOf(row),
    enrolledAt: row.enrolled_at,
    enrolledBy: await staffName(db, row.enrolled_by),
    retiredAt: row.retired_at,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

/** What the audit trail keeps of a key: never the key file itself, only what identifies it. */
function auditView(row: KeyRow) {
  return {
    county: row.county_code,
    office: row.office,
    publicKey: row.public_key,
    retiredAt: row.retired_at,
    replacedBy: row.replaced_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

/** The format's refusal of a key file, as a refusal of the `content` field. */
function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof BundleRejection) throw new AppError(error.code, 'content', error.params);
    throw error;
  }
}

async function keyByPublicKey(db: Kysely<Database>, publicKey: string): Promise<KeyRow | undefined> {
  return db.selectFrom('county_key').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
}

async function activeKeyOf(db: Kysely<Database>, county: string): Promise<KeyRow | undefined> {
  return db
    .selectFrom('county_key')
    .selectAll()
    .where('county_code', '=', county)
    .where('retired_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The verifier's view of every enrolled key, by public key hex (the import's `trust`). */
export async function trustedKeys(db: Kysely<Database>): Promise<Map<string, TrustedKey & { id: string }>> {
  const rows = await db.selectFrom('county_key').select(['id', 'public_key', 'county_code', 'retired_at', 'revoked_at']).execute();
  return new Map(rows.map((r) => [r.public_key, { id: r.id, county: r.county_code, retiredAt: r.retired_at, revokedAt: r.revoked_at }]));
}

export async function listCounties(ctx: RequestContext): Promise<Output<'cityKeys.list'>> {
  const db = ctx.database();
  const city = cityCode(ctx);
  const keys = await db.selectFrom('county_key').selectAll().orderBy('enrolled_at', 'desc').orderBy('id', 'desc').execute();
  const imports = await db
    .selectFrom('bundle_import')
    .select((eb) => [
      'county_code',
      eb.fn.max('sequence').as('last_sequence'),
      eb.fn.max('imported_at').as('last_imported_at'),
      eb.fn.countAll<number>().as('bundles'),
    ])
    .groupBy('county_code')
    .execute();
  const result: CountyStatus[] = [];
  for (const county of countiesOf(city)) {
    const rows = await Promise.all(keys.filter((k) => k.county_code === county.code).map((k) => toRow(db, k)));
    const imported = imports.find((i) => i.county_code === county.code);
    result.push({
      countyCode: county.code,
      countyName: county.name,
      activeKey: rows.find((r) => r.state === 'active') ?? null,
      keys: rows,
      lastSequence: imported ? Number(imported.last_sequence) : null,
      lastImportedAt: imported ? String(imported.last_imported_at) : null,
      bundles: imported ? Number(imported.bundles) : 0,
    });
  }
  return result;
}

/** A county's public key file, after the admin confirmed its fingerprint with the county by phone. */
export async function enrollCountyKey(ctx: RequestContext, input: Parsed<'cityKeys.enroll'>): Promise<Output<'cityKeys.enroll'>> {
  const db = ctx.database();
  const city = cityCode(ctx);
  const file = parsed(() => parseCountyKeyFile(Buffer.from(input.content, 'utf8')));
  ourCounty(city, file.county, 'content');
  checkConfirmedFingerprint(input.confirmedFingerprint, file.fingerprint);
  if (await keyByPublicKey(db, file.publicKey)) throw new AppError('KEY_ALREADY_KNOWN', 'content');
  if (await activeKeyOf(db, file.county)) throw new AppError('COUNTY_KEY_ENROLLED', 'content');
  const row: KeyRow = {
    id: uuidv7(ctx.clock.now().getTime()),
    county_code: file.county,
    office: file.office,
    public_key: file.publicKey,
    key_file: input.content,
    enrolled_at: isoNow(ctx.clock),
    enrolled_by: ctx.actor().id,
    retired_at: null,
    replaced_by: null,
    rotation_file: null,
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  await db.insertInto('county_key').values(row).execute();
  await recordAudit(ctx, {
    action: 'enroll',
    entity: 'county-key',
    entityId: row.id,
    summary: `${countyName(row.county_code)} ${file.fingerprint.digits}`,
    after: auditView(row),
  });
  return toRow(db, row);
}

/**
 * A county's rotation statement: both signatures verify (key-files.ts), the old key is the
 * county's active key here. The old key is retired as of the rotation time; the new one becomes
 * active without a phone check, because the old key vouches for it.
 */
export async function rotateCountyKey(ctx: RequestContext, input: Parsed<'cityKeys.rotate'>): Promise<Output<'cityKeys.rotate'>> {
  const db = ctx.database();
  const city = cityCode(ctx);
  const rotation = parsed(() => parseKeyRotation(Buffer.from(input.content, 'utf8')));
  ourCounty(city, rotation.county, 'content');
  const old = await keyByPublicKey(db, rotation.oldPublicKey);
  if (!old) throw new AppError('BUNDLE_UNKNOWN_KEY', 'content');
  if (old.county_code !== rotation.county) throw new AppError('BUNDLE_KEY_OTHER_COUNTY', 'content');
  if (stateOf(old) !== 'active') throw new AppError('KEY_NOT_ACTIVE', 'content');
  if (await keyByPublicKey(db, rotation.newPublicKey)) throw new AppError('KEY_ALREADY_KNOWN', 'content');
  const now = isoNow(ctx.clock);
  const fresh: KeyRow = {
    id: uuidv7(ctx.clock.now().getTime()),
    county_code: old.county_code,
    office: old.office,
    public_key: rotation.newPublicKey,
    // The rotation statement is this key's enrolment document.
    key_file: input.content,
    enrolled_at: now,
    enrolled_by: ctx.actor().id,
    retired_at: null,
    replaced_by: null,
    rotation_file: null,
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  const retired: KeyRow = { ...old, retired_at: rotation.rotatedAt, replaced_by: fresh.id, rotation_file: input.content };
  await db.insertInto('county_key').values(fresh).execute();
  await db
    .updateTable('county_key')
    .set({ retired_at: retired.retired_at, replaced_by: retired.replaced_by, rotation_file: retired.rotation_file })
    .where('id', '=', old.id)
    .execute();
  await recordAudit(ctx, {
    action: 'rotate',
    entity: 'county-key',
    entityId: old.id,
    summary: `${countyName(old.county_code)} ${fingerprintOf(old.public_key).digits} → ${fingerprintOf(fresh.public_key).digits}`,
    before: auditView(old),
    after: { ...auditView(retired), newKey: { id: fresh.id, ...auditView(fresh) } },
  });
  return toRow(db, fresh);
}

/** Effective now: bundles the key signs from this instant on are refused; earlier ones stay valid. */
export async function revokeCountyKey(ctx: RequestContext, input: Parsed<'cityKeys.revoke'>): Promise<Output<'cityKeys.revoke'>> {
  const db = ctx.database();
  cityCode(ctx);
  const before = await db.selectFrom('county_key').selectAll().where('id', '=', input.keyId).executeTakeFirst();
  if (!before) throw new AppError('NOT_FOUND', 'keyId');
  if (stateOf(before) !== 'active') throw new AppError('KEY_NOT_ACTIVE', 'keyId');
  const after: KeyRow = { ...before, revoked_at: isoNow(ctx.clock), revoked_by: ctx.actor().id, revoke_reason: input.reason };
  await db
    .updateTable('county_key')
    .set({ revoked_at: after.revoked_at, revoked_by: after.revoked_by, revoke_reason: after.revoke_reason })
    .where('id', '=', before.id)
    .execute();
  await recordAudit(ctx, {
    action: 'revoke',
    entity: 'county-key',
    entityId: before.id,
    summary: `${countyName(before.county_code)} ${fingerprintOf(before.public_key).digits}：${input.reason}`,
    before: auditView(before),
    after: auditView(after),
  });
  return toRow(db, after);
}
