import { describe, expect, it } from 'vitest';
import { canonicalJsonBytes } from './canonical-json';
import { cityKeyFingerprint, countyKeyFingerprint } from './fingerprint';
import { makeCityKeyFile, makeCountyKeyFile, makeKeyRotation, parseCityKeyFile, parseCountyKeyFile, parseKeyRotation } from './key-files';
import { DOMAIN, fromHex, generateCityIdentity, generateSigningKey, toHex, verifyBytes } from './keys';
import { BundleRejection } from './rejection';

const INFO = { county: '445302', countyName: '云城区', office: '云城区民政局', createdAt: '2026-11-28T12:00:00.000Z' };

function failure(run: () => unknown): { code: string; what: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof BundleRejection) return { code: error.code, what: error.params.what };
    throw error;
  }
  return { code: 'accepted', what: undefined };
}

const edit = (bytes: Uint8Array, change: (o: Record<string, unknown>) => void) => {
  const o = JSON.parse(Buffer.from(bytes).toString()) as Record<string, unknown>;
  change(o);
  return canonicalJsonBytes(o);
};

describe('county public key file', () => {
  const key = generateSigningKey();
  const file = makeCountyKeyFile(INFO, key);

  it('is canonical JSON plus a newline, self-signed, and parses back with its fingerprint', () => {
    expect(Buffer.from(file).toString()).toMatch(/^\{"county":"445302","countyName":"云城区","createdAt":"2026-11-28T12:00:00.000Z","format":"welfare-ledger\/county-key\/v1","office":"云城区民政局","publicKey":"[0-9a-f]{64}","signature":"[0-9a-f]{128}"\}\n$/);
    const parsed = parseCountyKeyFile(file);
    expect(parsed).toMatchObject({ ...INFO, publicKey: toHex(key.publicKey) });
    expect(parsed.fingerprint).toEqual(countyKeyFingerprint(key.publicKey));
  });

  it('survives a trip through Windows (CRLF) or an editor that drops the final newline', () => {
    const body = Buffer.from(file).subarray(0, file.length - 1);
    expect(parseCountyKeyFile(body).county).toBe('445302');
    expect(parseCountyKeyFile(Buffer.concat([body, Buffer.from('\r\n')])).county).toBe('445302');
  });

  it('refuses an edited, re-keyed, reformatted or foreign file', () => {
    expect(failure(() => parseCountyKeyFile(edit(file, (o) => (o.countyName = '云安区'))))).toEqual({ code: 'KEY_FILE_INVALID', what: 'signature' });
    // A swapped public key no longer matches the self-signature (a forger who re-signs is caught by the phone check instead).
    expect(failure(() => parseCountyKeyFile(edit(file, (o) => (o.publicKey = toHex(generateSigningKey().publicKey)))))).toEqual({ code: 'KEY_FILE_INVALID', what: 'signature' });
    expect(failure(() => parseCountyKeyFile(Buffer.from(JSON.stringify(JSON.parse(Buffer.from(file).toString()), null, 2))))).toEqual({ code: 'KEY_FILE_INVALID', what: 'JSON' });
    expect(failure(() => parseCountyKeyFile(edit(file, (o) => (o.extra = 1))))).toEqual({ code: 'KEY_FILE_INVALID', what: 'extra' });
    expect(failure(() => parseCountyKeyFile(Buffer.from('not json')))).toEqual({ code: 'KEY_FILE_INVALID', what: 'JSON' });
  });

  it('carries a signature that only verifies under the county-key domain', () => {
    const o = JSON.parse(Buffer.from(file).toString()) as Record<string, string>;
    const { signature, ...unsigned } = o;
    const message = canonicalJsonBytes(unsigned);
    expect(verifyBytes(DOMAIN.countyKey, key.publicKey, message, fromHex(signature!, 64)!)).toBe(true);
    expect(verifyBytes(DOMAIN.statement, key.publicKey, message, fromHex(signature!, 64)!)).toBe(false);
  });
});

describe('city key file', () => {
  it('parses back with the city fingerprint; a county key file is not a city key file', async () => {
    const { recipient } = await generateCityIdentity();
    const info = { city: '4453', cityName: '云浮市', office: '云浮市民政局', recipient, createdAt: '2026-11-28T12:00:00.000Z' };
    const parsed = parseCityKeyFile(makeCityKeyFile(info));
    expect(parsed).toMatchObject(info);
    expect(parsed.fingerprint).toEqual(cityKeyFingerprint(recipient));
    expect(failure(() => parseCityKeyFile(makeCountyKeyFile(INFO, generateSigningKey())))).toEqual({ code: 'KEY_FILE_INVALID', what: 'format' });
    expect(failure(() => parseCityKeyFile(makeCityKeyFile({ ...info, recipient: 'age1notarecipient' })))).toEqual({ code: 'KEY_FILE_INVALID', what: 'recipient' });
  });
});

describe('key rotation file', () => {
  const oldKey = generateSigningKey();
  const newKey = generateSigningKey();
  const rotation = makeKeyRotation({ county: '445302', rotatedAt: '2026-12-01T08:00:00.000Z' }, oldKey, newKey);

  it('is signed by both keys and parses back', () => {
    expect(parseKeyRotation(rotation)).toMatchObject({ county: '445302', oldPublicKey: toHex(oldKey.publicKey), newPublicKey: toHex(newKey.publicKey) });
  });

  it('refuses a rotation one key did not sign, an edited one, or one to the same key', () => {
    const stranger = generateSigningKey();
    // The new key signed, but a stranger claims to be the old one.
    const forged = makeKeyRotation({ county: '445302', rotatedAt: '2026-12-01T08:00:00.000Z' }, stranger, newKey);
    expect(failure(() => parseKeyRotation(edit(forged, (o) => (o.oldPublicKey = toHex(oldKey.publicKey)))))).toEqual({ code: 'KEY_ROTATION_INVALID', what: 'oldSignature' });
    // The old key vouched, but the new key's holder never signed (no proof of possession).
    expect(failure(() => parseKeyRotation(edit(rotation, (o) => (o.newSignature = o.oldSignature))))).toEqual({ code: 'KEY_ROTATION_INVALID', what: 'newSignature' });
    expect(failure(() => parseKeyRotation(edit(rotation, (o) => (o.rotatedAt = '2027-01-01T00:00:00.000Z'))))).toEqual({ code: 'KEY_ROTATION_INVALID', what: 'oldSignature' });
    const same = makeKeyRotation({ county: '445302', rotatedAt: '2026-12-01T08:00:00.000Z' }, oldKey, oldKey);
    expect(failure(() => parseKeyRotation(same))).toEqual({ code: 'KEY_ROTATION_INVALID', what: 'newPublicKey' });
    expect(failure(() => parseKeyRotation(makeCountyKeyFile(INFO, oldKey)))).toMatchObject({ code: 'KEY_ROTATION_INVALID' });
  });
});
