import { Decrypter } from 'age-encryption';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entriesOf } from '../../tests/support/bundle-corpus';
import { BUNDLE_MESSAGES } from '../contract/bundle-messages';
import { CONTENTS_HEADER } from './content';
import { FINGERPRINT_WORDS } from './fingerprint-words';
import { parseCityKeyFile, parseCountyKeyFile, parseKeyRotation } from './key-files';
import { fromHex, recipientOf, signingKeyFromPkcs8, toHex } from './keys';
import { openBundle, type ContentRules } from './open-bundle';
import { verifyBundle } from './verify-bundle';

/**
 * The committed test vectors (tests/fixtures/bundles, made by scripts/make-bundle-vectors.ts)
 * still verify and open, and the documented steps reproduce them without our reader.
 */
const DIR = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'bundles');
const read = (name: string) => readFileSync(join(DIR, name));
const expected = JSON.parse(read('expected.json').toString()) as {
  bundle: string;
  verifyAt: string;
  statementHash: string;
  fileSha256: string;
  fileSize: number;
  signer: string;
  recipient: string;
  records: Record<string, number>;
  countyKeyFingerprint: { hex: string; digits: string; words: string };
  cityKeyFingerprint: { hex: string; digits: string; words: string };
  nextCountyPublicKey: string;
};
const identity = read('TEST-ONLY-city-identity.txt').toString().trim();
const trust = (hex: string) => (hex === expected.signer ? { county: '445302', retiredAt: null, revokedAt: null } : null);

/** Framing only (header checked, any record object): the format's part, whatever content.ts becomes. */
const FRAMING: ContentRules = { CONTENTS_HEADER, recordSchemaFor: () => z.record(z.string(), z.unknown()), recordDatesOf: () => [] };

describe('test vectors', () => {
  it('the bundle verifies with the documented hashes', async () => {
    const verified = await verifyBundle(join(DIR, expected.bundle), { trust, now: new Date(expected.verifyAt) });
    expect(verified).toMatchObject({ statementHash: expected.statementHash, fileSha256: expected.fileSha256, fileSize: expected.fileSize, signerKey: expected.signer });
    expect(verified.statement.recipient).toBe(expected.recipient);
    const counts: Record<string, number> = {};
    await openBundle(verified, { identity, recipient: expected.recipient, content: FRAMING, onRecord: (c) => void (counts[c] = (counts[c] ?? 0) + 1) });
    expect(counts).toEqual(expected.records);
  });

  it('its records still match content.ts (if not: npx tsx scripts/make-bundle-vectors.ts)', async () => {
    const verified = await verifyBundle(join(DIR, expected.bundle), { trust, now: new Date(expected.verifyAt) });
    await expect(openBundle(verified, { identity, recipient: expected.recipient, onRecord: () => undefined })).resolves.toBeTruthy();
  });

  it('the keys and key files belong together, with the documented fingerprints', async () => {
    // An Ed25519 PKCS#8 DER private key is 48 bytes.
    const county = signingKeyFromPkcs8(fromHex(read('TEST-ONLY-county-signing-key.pkcs8.hex').toString().trim(), 48)!);
    expect(toHex(county.publicKey)).toBe(expected.signer);
    expect(await recipientOf(identity)).toBe(expected.recipient);
    const countyFile = parseCountyKeyFile(read('county-key.json'));
    expect(countyFile.publicKey).toBe(expected.signer);
    expect(countyFile.fingerprint).toEqual(expected.countyKeyFingerprint);
    const cityFile = parseCityKeyFile(read('city-key.json'));
    expect(cityFile.recipient).toBe(expected.recipient);
    expect(cityFile.fingerprint).toEqual(expected.cityKeyFingerprint);
    const rotation = parseKeyRotation(read('key-rotation.json'));
    expect([rotation.oldPublicKey, rotation.newPublicKey]).toEqual([expected.signer, expected.nextCountyPublicKey]);
  });

  it('the documented steps verify and decrypt it without our reader (what an independent verifier does)', async () => {
    const bytes = read(expected.bundle);
    const entries = entriesOf(bytes);
    const [statement, signature, ...files] = entries;
    expect([statement!.name, signature!.name]).toEqual(['statement.json', 'statement.sig']);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(signature!.data.subarray(0, 32)).toString('base64url') }, format: 'jwk' });
    const message = Buffer.concat([Buffer.from('welfare-ledger/bundle-statement/v1\n'), statement!.data]);
    expect(verify(null, message, publicKey, signature!.data.subarray(32))).toBe(true);
    expect(createHash('sha256').update(statement!.data).digest('hex')).toBe(expected.statementHash);
    const signed = JSON.parse(Buffer.from(statement!.data).toString()) as { files: { path: string; size: number; sha256: string }[] };
    expect(files.map((f) => f.name)).toEqual(signed.files.map((f) => f.path));
    for (const [i, file] of files.entries()) {
      expect(file.data.length).toBe(signed.files[i]!.size);
      expect(createHash('sha256').update(file.data).digest('hex')).toBe(signed.files[i]!.sha256);
      const decrypter = new Decrypter();
      decrypter.addIdentity(identity);
      const lines = inflateRawSync(await decrypter.decrypt(file.data)).toString('utf8').split('\n');
      expect(lines.at(-1)).toBe('');
      expect(JSON.parse(lines[0]!)).toMatchObject({ county: '445302', period: '2021' });
    }
  });
});

describe('docs/bundle-format.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'bundle-format.md'), 'utf8');

  it('lists every reason for refusal', () => {
    for (const code of Object.keys(BUNDLE_MESSAGES)) expect(doc, code).toContain(`| \`${code}\` |`);
  });

  it('prints the fingerprint words in their order', () => {
    const rows = doc.split('## Appendix: the fingerprint words')[1]!.split('\n').filter((line) => /^\| \*\*[0-9a-f]x\*\* \|/.test(line));
    const words = rows.flatMap((line) => line.split('|').slice(2, -1).map((cell) => cell.trim()));
    expect(words).toEqual(FINGERPRINT_WORDS);
  });
});
