import { z } from 'zod';
import { canonicalJsonBytes, parseCanonicalJson } from './canonical-json';
import { cityKeyFingerprint, countyKeyFingerprint, type Fingerprint } from './fingerprint';
import { AGE_RECIPIENT, DOMAIN, fromHex, HEX_KEY, HEX_SIGNATURE, signBytes, toHex, verifyBytes, type SigningKey } from './keys';
import { BundleRejection } from './rejection';
import { issuePath, isoInstant } from './statement';

/**
 * The small files keys travel in: canonical JSON (plus one newline), so the bytes are the
 * meaning. A county key file is self-signed: that catches a corrupted or edited file, but trust
 * comes only from comparing the fingerprint over the phone. A rotation is signed by both keys.
 */
export const COUNTY_KEY_FORMAT = 'welfare-ledger/county-key/v1';
export const CITY_KEY_FORMAT = 'welfare-ledger/city-key/v1';
export const KEY_ROTATION_FORMAT = 'welfare-ledger/key-rotation/v1';

const text = (max: number) => z.string().min(1).max(max);
const countyCode = z.string().regex(/^\d{6}$/);

const countyKeyFields = {
  format: z.literal(COUNTY_KEY_FORMAT),
  county: countyCode,
  countyName: text(40),
  office: text(80),
  publicKey: z.string().regex(HEX_KEY),
  createdAt: isoInstant,
};
const countyKeySchema = z.strictObject({ ...countyKeyFields, signature: z.string().regex(HEX_SIGNATURE) });
const cityKeySchema = z.strictObject({
  format: z.literal(CITY_KEY_FORMAT),
  city: z.string().regex(/^\d{4}$/),
  cityName: text(40),
  office: text(80),
  recipient: z.string().regex(AGE_RECIPIENT),
  createdAt: isoInstant,
});
const rotationSchema = z.strictObject({
  format: z.literal(KEY_ROTATION_FORMAT),
  county: countyCode,
  oldPublicKey: z.string().regex(HEX_KEY),
  newPublicKey: z.string().regex(HEX_KEY),
  rotatedAt: isoInstant,
  oldSignature: z.string().regex(HEX_SIGNATURE),
  newSignature: z.string().regex(HEX_SIGNATURE),
});

export type CountyKeyFile = Omit<z.infer<typeof countyKeySchema>, 'format'> & { fingerprint: Fingerprint };
export type CityKeyFile = Omit<z.infer<typeof cityKeySchema>, 'format'> & { fingerprint: Fingerprint };
export type KeyRotation = Omit<z.infer<typeof rotationSchema>, 'format'>;

type KeyFileCode = 'KEY_FILE_INVALID' | 'KEY_ROTATION_INVALID';

function fileBytes(value: unknown): Uint8Array {
  return Buffer.concat([canonicalJsonBytes(value), Buffer.from('\n')]);
}

/** Canonical JSON with at most one trailing newline (LF or CRLF: a file may pass through Windows). */
function parseKeyJson<T>(bytes: Uint8Array, schema: z.ZodType<T>, code: KeyFileCode): T {
  let end = bytes.length;
  if (bytes[end - 1] === 0x0a) end--;
  if (bytes[end - 1] === 0x0d && end < bytes.length) end--;
  let json: unknown;
  try {
    json = parseCanonicalJson(bytes.subarray(0, end), 'key');
  } catch (error) {
    if (error instanceof BundleRejection) throw new BundleRejection(code, { what: 'JSON' });
    throw error;
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new BundleRejection(code, { what: issuePath(result.error.issues[0]) });
  return result.data;
}

export function makeCountyKeyFile(info: { county: string; countyName: string; office: string; createdAt: string }, key: SigningKey): Uint8Array {
  const unsigned = { format: COUNTY_KEY_FORMAT, ...info, publicKey: toHex(key.publicKey) };
  const signature = signBytes(DOMAIN.countyKey, key.privateKeyPkcs8, canonicalJsonBytes(unsigned));
  return fileBytes({ ...unsigned, signature: toHex(signature) });
}

export function parseCountyKeyFile(bytes: Uint8Array): CountyKeyFile {
  const { format: _format, signature, ...fields } = parseKeyJson(bytes, countyKeySchema, 'KEY_FILE_INVALID');
  const publicKey = fromHex(fields.publicKey, 32)!;
  const unsigned = canonicalJsonBytes({ format: COUNTY_KEY_FORMAT, ...fields });
  if (!verifyBytes(DOMAIN.countyKey, publicKey, unsigned, fromHex(signature, 64)!)) throw new BundleRejection('KEY_FILE_INVALID', { what: 'signature' });
  return { ...fields, signature, fingerprint: countyKeyFingerprint(publicKey) };
}

export function makeCityKeyFile(info: { city: string; cityName: string; office: string; recipient: string; createdAt: string }): Uint8Array {
  return fileBytes({ format: CITY_KEY_FORMAT, ...info });
}

export function parseCityKeyFile(bytes: Uint8Array): CityKeyFile {
  const { format: _format, ...fields } = parseKeyJson(bytes, cityKeySchema, 'KEY_FILE_INVALID');
  return { ...fields, fingerprint: cityKeyFingerprint(fields.recipient) };
}

function rotationMessage(r: Omit<KeyRotation, 'oldSignature' | 'newSignature'>): Uint8Array {
  return canonicalJsonBytes({ format: KEY_ROTATION_FORMAT, ...r });
}

/** A rotation from `oldKey` to `newKey`, signed by both: the old key vouches for the new one, the new key proves possession. */
export function makeKeyRotation(info: { county: string; rotatedAt: string }, oldKey: SigningKey, newKey: SigningKey): Uint8Array {
  const unsigned = { ...info, oldPublicKey: toHex(oldKey.publicKey), newPublicKey: toHex(newKey.publicKey) };
  const message = rotationMessage(unsigned);
  return fileBytes({
    format: KEY_ROTATION_FORMAT,
    ...unsigned,
    oldSignature: toHex(signBytes(DOMAIN.keyRotation, oldKey.privateKeyPkcs8, message)),
    newSignature: toHex(signBytes(DOMAIN.keyRotation, newKey.privateKeyPkcs8, message)),
  });
}

/**
 * Parses and checks both signatures. Whether the old key is the county's current enrolled key
 * is the city service's question.
 */
export function parseKeyRotation(bytes: Uint8Array): KeyRotation {
  const { format: _format, oldSignature, newSignature, ...fields } = parseKeyJson(bytes, rotationSchema, 'KEY_ROTATION_INVALID');
  if (fields.oldPublicKey === fields.newPublicKey) throw new BundleRejection('KEY_ROTATION_INVALID', { what: 'newPublicKey' });
  const message = rotationMessage(fields);
  if (!verifyBytes(DOMAIN.keyRotation, fromHex(fields.oldPublicKey, 32)!, message, fromHex(oldSignature, 64)!)) {
    throw new BundleRejection('KEY_ROTATION_INVALID', { what: 'oldSignature' });
  }
  if (!verifyBytes(DOMAIN.keyRotation, fromHex(fields.newPublicKey, 32)!, message, fromHex(newSignature, 64)!)) {
    throw new BundleRejection('KEY_ROTATION_INVALID', { what: 'newSignature' });
  }
  return { ...fields, oldSignature, newSignature };
}
