import type { Kysely, Selectable } from 'kysely';
import { getDivision } from '../../../db/divisions';
import type { CityIdentityTable, CityKeyTable, Database, SigningKeyTable } from '../../../db/schema';
import type { Output, Parsed } from '../../contract';
import type { CityKeyInfo, Fingerprint, KeyFile, KeyFileInfo, KeysStatus, SigningKeyInfo } from '../../contract/areas/keys';
import { AppError } from '../../contract/errors';
import { cityKeyFingerprint, countyKeyFingerprint, type Fingerprint as FormatFingerprint } from '../../bundles/fingerprint';
import {
  CITY_KEY_FORMAT,
  COUNTY_KEY_FORMAT,
  KEY_ROTATION_FORMAT,
  makeCityKeyFile,
  makeCountyKeyFile,
  makeKeyRotation,
  parseCityKeyFile,
  parseCountyKeyFile,
  parseKeyRotation,
  type CityKeyFile,
} from '../../bundles/key-files';
import { fromHex, generateCityIdentity, generateSigningKey, signingKeyFromPkcs8, toHex, type SigningKey } from '../../bundles/keys';
import { BundleRejection } from '../../bundles/rejection';
import { recordAudit } from '../audit/audit';
import { isoNow } from '../clock';
import type { RequestContext } from '../context';
import { openSealed, type Keystore } from '../keystore';
import { staffName } from '../record-meta';
import { uuidv7 } from '../records';

/**
 * The office's keys. A county holds one active Ed25519 signing key (earlier ones are retired by a
 * rotation that both keys sign) and the city's age recipient its bundles are encrypted to; the
 * city holds its own age identity. Private halves are sealed by the installation's Keystore and
 * never leave the main side — not in responses, not in the audit trail.
 */

/** The format's fingerprint as the contract carries it (the words as a list). */
export function toFingerprint(fp: FormatFingerprint): Fingerprint {
  return { hex: fp.hex, digits: fp.digits, words: fp.words.split(' ') };
}

function publicKeyBytes(hex: string): Uint8Array {
  const bytes = fromHex(hex, 32);
  if (!bytes) throw new Error(`stored public key is not 32 bytes of hex: ${hex}`);
  return bytes;
}

/** The short name of a division (云城区, 云浮市); the code itself when unknown. */
function placeName(code: string): string {
  return getDivision(code)?.name ?? code;
}

/** The city a county reports to: the first four digits of its code. */
export function cityOf(countyCode: string): string {
  return countyCode.slice(0, 4);
}

/**
 * True when the fingerprint the admin confirmed (hex from the screen, or the digits read out on the
 * phone) is this one; spaces, dashes and case do not matter.
 */
export function fingerprintMatches(confirmed: string, fp: { hex: string; digits: string }): boolean {
  const typed = confirmed.replace(/[\s-]/g, '').toLowerCase();
  return typed.length > 0 && (typed === fp.hex || typed === fp.digits.replace(/\s/g, ''));
}

/** FINGERPRINT_NOT_CONFIRMED / FINGERPRINT_MISMATCH on the `confirmedFingerprint` field. */
export function checkConfirmedFingerprint(confirmed: string, fp: { hex: string; digits: string }): void {
  if (!confirmed.trim()) throw new AppError('FINGERPRINT_NOT_CONFIRMED', 'confirmedFingerprint');
  if (!fingerprintMatches(confirmed, fp)) throw new AppError('FINGERPRINT_MISMATCH', 'confirmedFingerprint');
}

function rejectionToAppError(error: unknown): never {
  if (error instanceof BundleRejection) throw error.toAppError();
  throw error;
}

// ---------------------------------------------------------------------------------------------
// Reading the stored keys

export async function activeSigningKeyRow(db: Kysely<Database>): Promise<Selectable<SigningKeyTable> | undefined> {
  return db.selectFrom('signing_key').selectAll().where('retired_at', 'is', null).executeTakeFirst();
}

export async function activeCityKeyRow(db: Kysely<Database>): Promise<Selectable<CityKeyTable> | undefined> {
  return db.selectFrom('city_key').selectAll().where('retired_at', 'is', null).executeTakeFirst();
}

async function activeCityIdentityRow(db: Kysely<Database>): Promise<Selectable<CityIdentityTable> | undefined> {
  return db.selectFrom('city_identity').selectAll().where('retired_at', 'is', null).executeTakeFirst();
}

/**
 * The county's active signing key, unsealed: NO_SIGNING_KEY without one, KEY_ELSEWHERE when it was
 * sealed by another kind of keystore (made in the app, used from the CLI).
 */
export async function openSigningKey(db: Kysely<Database>, keystore: Keystore): Promise<{ row: Selectable<SigningKeyTable>; key: SigningKey }> {
  const row = await activeSigningKeyRow(db);
  if (!row) throw new AppError('NO_SIGNING_KEY');
  return { row, key: unsealSigningKey(row, keystore) };
}

function unsealSigningKey(row: Selectable<SigningKeyTable>, keystore: Keystore): SigningKey {
  const key = signingKeyFromPkcs8(new Uint8Array(openSealed(keystore, row.keystore, row.private_key_sealed)));
  // A sealed key that opens to another key would sign bundles the city cannot attribute.
  if (toHex(key.publicKey) !== row.public_key) throw new AppError('KEY_UNREADABLE');
  return key;
}

/** The city's own age identity, unsealed (the city import decrypts with it). */
export async function openCityIdentity(db: Kysely<Database>, keystore: Keystore): Promise<{ id: string; recipient: string; identity: string }> {
  const row = await activeCityIdentityRow(db);
  if (!row) throw new AppError('NO_CITY_IDENTITY');
  const identity = openSealed(keystore, row.keystore, row.identity_sealed).toString('utf8');
  return { id: row.id, recipient: row.recipient, identity };
}

async function signingInfo(db: Kysely<Database>, row: Selectable<SigningKeyTable>, keystore: Keystore): Promise<SigningKeyInfo> {
  return {
    id: row.id,
    publicKey: row.public_key,
    fingerprint: toFingerprint(countyKeyFingerprint(publicKeyBytes(row.public_key))),
    createdAt: row.created_at,
    createdBy: await staffName(db, row.created_by),
    keystore: row.keystore,
    usableHere: row.keystore === keystore.kind,
    retiredAt: row.retired_at,
  };
}

export async function cityKeyInfo(db: Kysely<Database>, row: Selectable<CityKeyTable>): Promise<CityKeyInfo> {
  return {
    id: row.id,
    cityCode: row.city_code,
    cityName: placeName(row.city_code),
    office: row.office,
    recipient: row.recipient,
    fingerprint: toFingerprint(cityKeyFingerprint(row.recipient)),
    at: row.imported_at,
    by: await staffName(db, row.imported_by),
  };
}

export async function activeSigningKeyInfo(ctx: RequestContext, db: Kysely<Database> = ctx.database()): Promise<SigningKeyInfo | null> {
  const row = await activeSigningKeyRow(db);
  return row ? signingInfo(db, row, ctx.host.keystore()) : null;
}

export async function activeCityKeyInfo(db: Kysely<Database>): Promise<CityKeyInfo | null> {
  const row = await activeCityKeyRow(db);
  return row ? cityKeyInfo(db, row) : null;
}

// ---------------------------------------------------------------------------------------------
// Requests

export async function keysStatus(ctx: RequestContext): Promise<Output<'keys.status'>> {
  const db = ctx.database();
  const office = ctx.officeInfo();
  const keystore = ctx.host.keystore();
  const status: KeysStatus = {
    mode: office.mode,
    keystore: { kind: keystore.kind, strong: keystore.strong },
    signing: null,
    retiredSigning: [],
    cityKey: null,
    cityIdentity: null,
  };
  if (office.mode === 'county') {
    const rows = await db.selectFrom('signing_key').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    for (const row of rows) {
      const info = await signingInfo(db, row, keystore);
      if (row.retired_at === null) status.signing = info;
      else status.retiredSigning.push(info);
    }
    status.cityKey = await activeCityKeyInfo(db);
  } else {
    const row = await activeCityIdentityRow(db);
    if (row) {
      status.cityIdentity = {
        id: row.id,
        cityCode: office.divisionCode,
        cityName: placeName(office.divisionCode),
        office: office.name,
        recipient: row.recipient,
        fingerprint: toFingerprint(cityKeyFingerprint(row.recipient)),
        at: row.created_at,
        by: await staffName(db, row.created_by),
      };
    }
  }
  return status;
}

/** County: the signing key; city: the city's key pair. Once only (a county rotates to replace it). */
export async function createKey(ctx: RequestContext): Promise<Output<'keys.create'>> {
  const db = ctx.database();
  const keystore = ctx.host.keystore();
  const now = isoNow(ctx.clock);
  const by = ctx.actor().id;
  if (ctx.officeInfo().mode === 'county') {
    if (await activeSigningKeyRow(db)) throw new AppError('SIGNING_KEY_EXISTS');
    const key = generateSigningKey();
    const row = { id: uuidv7(ctx.clock.now().getTime()), public_key: toHex(key.publicKey), keystore: keystore.kind, created_at: now, created_by: by };
    await db
      .insertInto('signing_key')
      .values({ ...row, private_key_sealed: keystore.seal(Buffer.from(key.privateKeyPkcs8)), retired_at: null, replaced_by: null, rotation_file: null })
      .execute();
    await recordAudit(ctx, { action: 'create', entity: 'signing-key', entityId: row.id, summary: fingerprintSummary(countyKeyFingerprint(key.publicKey)), after: row });
  } else {
    if (await activeCityIdentityRow(db)) throw new AppError('CITY_IDENTITY_EXISTS');
    const { identity, recipient } = await generateCityIdentity();
    const row = { id: uuidv7(ctx.clock.now().getTime()), recipient, keystore: keystore.kind, created_at: now, created_by: by };
    await db
      .insertInto('city_identity')
      .values({ ...row, identity_sealed: keystore.seal(Buffer.from(identity, 'utf8')), retired_at: null })
      .execute();
    await recordAudit(ctx, { action: 'create', entity: 'city-identity', entityId: row.id, summary: fingerprintSummary(cityKeyFingerprint(recipient)), after: row });
  }
  return keysStatus(ctx);
}

function fingerprintSummary(fp: FormatFingerprint): string {
  return fp.digits;
}

function stamp(iso: string): string {
  return iso.slice(0, 10).replaceAll('-', '');
}

function rotationKeyFile(county: string, rotatedAt: string, content: string): KeyFile {
  return { fileName: `${county}-key-rotation-${stamp(rotatedAt)}.json`, content };
}

/**
 * County: a new signing key. The rotation statement (signed by the old key, vouching for the new
 * one, and by the new key, proving it is held) is kept with the retired key for the city.
 */
export async function rotateKey(ctx: RequestContext): Promise<Output<'keys.rotate'>> {
  const db = ctx.database();
  const county = ctx.countyCode();
  const keystore = ctx.host.keystore();
  const { row: old, key: oldKey } = await openSigningKey(db, keystore);
  const newKey = generateSigningKey();
  const now = isoNow(ctx.clock);
  const content = Buffer.from(makeKeyRotation({ county, rotatedAt: now }, oldKey, newKey)).toString('utf8');
  const fresh = { id: uuidv7(ctx.clock.now().getTime()), public_key: toHex(newKey.publicKey), keystore: keystore.kind, created_at: now, created_by: ctx.actor().id };
  // One active key at a time (a unique index): retire the old one before the new one is added.
  await db.updateTable('signing_key').set({ retired_at: now, rotation_file: content }).where('id', '=', old.id).execute();
  await db
    .insertInto('signing_key')
    .values({ ...fresh, private_key_sealed: keystore.seal(Buffer.from(newKey.privateKeyPkcs8)), retired_at: null, replaced_by: null, rotation_file: null })
    .execute();
  await db.updateTable('signing_key').set({ replaced_by: fresh.id }).where('id', '=', old.id).execute();
  await recordAudit(ctx, {
    action: 'rotate',
    entity: 'signing-key',
    entityId: old.id,
    summary: `${fingerprintSummary(countyKeyFingerprint(oldKey.publicKey))} → ${fingerprintSummary(countyKeyFingerprint(newKey.publicKey))}`,
    before: { id: old.id, public_key: old.public_key, retired_at: null },
    after: { id: old.id, public_key: old.public_key, retired_at: now, replaced_by: fresh.id, new_key: fresh },
  });
  return { status: await keysStatus(ctx), rotationFile: rotationKeyFile(county, now, content) };
}

/** County: its public key file (self-signed, so it needs the key); city: its key file for the counties. */
export async function publicKeyFile(ctx: RequestContext): Promise<Output<'keys.publicFile'>> {
  const db = ctx.database();
  const office = ctx.officeInfo();
  if (office.mode === 'county') {
    const { row, key } = await openSigningKey(db, ctx.host.keystore());
    // Ed25519 signatures are deterministic: the same key gives the same file every time.
    const bytes = makeCountyKeyFile({ county: office.divisionCode, countyName: placeName(office.divisionCode), office: office.name, createdAt: row.created_at }, key);
    return { fileName: `${office.divisionCode}-county-key.json`, content: Buffer.from(bytes).toString('utf8') };
  }
  const row = await activeCityIdentityRow(db);
  if (!row) throw new AppError('NO_CITY_IDENTITY');
  const bytes = makeCityKeyFile({
    city: office.divisionCode,
    cityName: placeName(office.divisionCode),
    office: office.name,
    recipient: row.recipient,
    createdAt: row.created_at,
  });
  return { fileName: `${office.divisionCode}-city-key.json`, content: Buffer.from(bytes).toString('utf8') };
}

/** County: the rotation statement that retired this key, again. */
export async function rotationFile(ctx: RequestContext, input: Parsed<'keys.rotationFile'>): Promise<Output<'keys.rotationFile'>> {
  const county = ctx.countyCode();
  const row = await ctx.database().selectFrom('signing_key').select(['rotation_file', 'retired_at']).where('id', '=', input.keyId).executeTakeFirst();
  if (!row?.rotation_file || !row.retired_at) throw new AppError('NOT_FOUND', 'keyId');
  return rotationKeyFile(county, row.retired_at, row.rotation_file);
}

/** The `format` a key file declares, to pick its parser; KEY_FILE_INVALID when there is none. */
function declaredFormat(content: string): string {
  try {
    const json: unknown = JSON.parse(content);
    if (json && typeof json === 'object' && typeof (json as { format?: unknown }).format === 'string') return (json as { format: string }).format;
  } catch {
    // reported below
  }
  throw new AppError('KEY_FILE_INVALID', undefined, { what: 'format' });
}

/** Any of the three key files, checked (self-signature, rotation signatures) and described for the admin. */
export function inspectKeyFile(ctx: RequestContext, input: Parsed<'keys.inspectFile'>): Output<'keys.inspectFile'> {
  ctx.officeInfo();
  const bytes = Buffer.from(input.content, 'utf8');
  try {
    switch (declaredFormat(input.content)) {
      case COUNTY_KEY_FORMAT: {
        const file = parseCountyKeyFile(bytes);
        return keyFileInfo('county-key', file.county, file.office, toFingerprint(file.fingerprint), null, file.createdAt);
      }
      case CITY_KEY_FORMAT: {
        const file = parseCityKeyFile(bytes);
        return keyFileInfo('city-key', file.city, file.office, toFingerprint(file.fingerprint), null, file.createdAt);
      }
      case KEY_ROTATION_FORMAT: {
        const r = parseKeyRotation(bytes);
        return keyFileInfo(
          'key-rotation',
          r.county,
          null,
          toFingerprint(countyKeyFingerprint(publicKeyBytes(r.oldPublicKey))),
          toFingerprint(countyKeyFingerprint(publicKeyBytes(r.newPublicKey))),
          r.rotatedAt,
        );
      }
      default:
        throw new AppError('KEY_FILE_INVALID', undefined, { what: 'format' });
    }
  } catch (error) {
    return rejectionToAppError(error);
  }
}

function keyFileInfo(kind: KeyFileInfo['kind'], code: string, office: string | null, fingerprint: Fingerprint, newFingerprint: Fingerprint | null, createdAt: string): KeyFileInfo {
  return { kind, code, name: placeName(code), office, fingerprint, newFingerprint, createdAt };
}

function parseCityFile(content: string): CityKeyFile {
  if (declaredFormat(content) !== CITY_KEY_FORMAT) throw new AppError('KEY_FILE_INVALID', undefined, { what: 'format' });
  try {
    return parseCityKeyFile(Buffer.from(content, 'utf8'));
  } catch (error) {
    return rejectionToAppError(error);
  }
}

/**
 * County: the city's key, after its fingerprint was checked by phone. It must be the key of the
 * county's own city; the previous city key is retired (bundles already written keep theirs).
 */
export async function importCityKey(ctx: RequestContext, input: Parsed<'keys.importCityKey'>): Promise<Output<'keys.importCityKey'>> {
  const db = ctx.database();
  const county = ctx.countyCode();
  const file = parseCityFile(input.content);
  if (file.city !== cityOf(county)) throw new AppError('WRONG_CITY', undefined, { city: `${placeName(file.city)}（${file.city}）` });
  checkConfirmedFingerprint(input.confirmedFingerprint, file.fingerprint);
  const previous = await activeCityKeyRow(db);
  // The same key again changes nothing.
  if (previous?.recipient === file.recipient) return keysStatus(ctx);
  const now = isoNow(ctx.clock);
  if (previous) await db.updateTable('city_key').set({ retired_at: now }).where('id', '=', previous.id).execute();
  const row = {
    id: uuidv7(ctx.clock.now().getTime()),
    city_code: file.city,
    office: file.office,
    recipient: file.recipient,
    key_file: input.content,
    imported_at: now,
    imported_by: ctx.actor().id,
    retired_at: null,
  };
  await db.insertInto('city_key').values(row).execute();
  await recordAudit(ctx, {
    action: 'import',
    entity: 'city-key',
    entityId: row.id,
    summary: `${file.office} ${file.fingerprint.digits}`,
    before: previous ? { id: previous.id, recipient: previous.recipient, retired_at: null } : undefined,
    after: { id: row.id, city_code: row.city_code, office: row.office, recipient: row.recipient, replaces: previous?.id ?? null },
  });
  return keysStatus(ctx);
}
