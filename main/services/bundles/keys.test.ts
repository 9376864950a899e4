import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { createCountyOffice, createKeyedCity, createKeyedCounty, standaloneCityKey } from '../../../tests/support/bundles';
import { parseCountyKeyFile, parseKeyRotation } from '../../bundles/key-files';
import { createLedgerCore } from '../ledger-core';
import { fileKeystore, passphraseKeystore } from '../keystore';
import { ADMIN, TestClient } from '../../../tests/support/office';
import { openCityIdentity } from './keys';

async function auditCount(dbPath: string): Promise<number> {
  const db = openDatabase(dbPath);
  try {
    return (await db.db.selectFrom('audit_entry').select('id').execute()).length;
  } finally {
    db.close();
  }
}

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
function keep<T extends { close(): void }>(o: T): T {
  open.push(o);
  return o;
}

describe('county signing key', () => {
  it('is created once, shown by its fingerprint, and its private half is sealed (never in the database in clear or in the audit)', async () => {
    const office = keep(await createCountyOffice('445302'));
    const before = await office.admin.call('keys.status', {});
    expect(before).toMatchObject({ mode: 'county', signing: null, cityKey: null, keystore: { kind: 'file', strong: false } });

    const status = await office.admin.call('keys.create', {});
    const signing = status.signing!;
    expect(signing.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(signing.fingerprint.digits).toMatch(/^\d{5}( \d{5}){7}$/);
    expect(signing.fingerprint.words).toHaveLength(6);
    expect(signing.fingerprint.hex).toMatch(/^[0-9a-f]{64}$/);
    expect(signing).toMatchObject({ keystore: 'file', usableHere: true, retiredAt: null, createdBy: ADMIN.displayName });

    expect((await office.admin.refusal('keys.create', {})).code).toBe('SIGNING_KEY_EXISTS');

    // The public key file is self-signed by the key and names the county.
    const file = await office.admin.call('keys.publicFile', {});
    expect(file.fileName).toBe('445302-county-key.json');
    const parsed = parseCountyKeyFile(Buffer.from(file.content));
    expect(parsed).toMatchObject({ county: '445302', countyName: '云城区', office: '云城区民政局', publicKey: signing.publicKey });
    expect(parsed.fingerprint.digits).toBe(signing.fingerprint.digits);
    // The same file every time (deterministic signature), so the city sees one file per key.
    expect((await office.admin.call('keys.publicFile', {})).content).toBe(file.content);

    const db = openDatabase(office.dbPath);
    try {
      const row = await db.db.selectFrom('signing_key').selectAll().executeTakeFirstOrThrow();
      const audit = await db.db.selectFrom('audit_entry').selectAll().where('entity', '=', 'signing-key').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.after_json).toContain(signing.publicKey);
      expect(audit[0]!.after_json).not.toMatch(/sealed|private/);
      // Sealed: nothing of the sealed bytes shows up in the trail, and the PKCS#8 prefix is not in clear.
      expect(row.private_key_sealed.includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('rotates: a new active key, the old one retired, and a rotation file signed by both keys', async () => {
    const county = keep(await createKeyedCounty('445303'));
    const first = (await county.admin.call('keys.status', {})).signing!;
    county.office.clock.advanceMinutes(5);
    const { status, rotationFile } = await county.admin.call('keys.rotate', {});
    expect(status.signing!.publicKey).not.toBe(first.publicKey);
    expect(status.retiredSigning).toEqual([expect.objectContaining({ id: first.id, publicKey: first.publicKey, retiredAt: '2026-11-22T02:05:00.000Z' })]);
    expect(rotationFile.fileName).toBe('445303-key-rotation-20261122.json');

    const rotation = parseKeyRotation(Buffer.from(rotationFile.content));
    expect(rotation).toMatchObject({ county: '445303', oldPublicKey: first.publicKey, newPublicKey: status.signing!.publicKey, rotatedAt: '2026-11-22T02:05:00.000Z' });
    // A flipped signature byte and the file no longer verifies.
    const tampered = rotationFile.content.replace(/"oldSignature":"(.)/, (_m, c: string) => `"oldSignature":"${c === '0' ? '1' : '0'}`);
    expect(() => parseKeyRotation(Buffer.from(tampered))).toThrow(expect.objectContaining({ code: 'KEY_ROTATION_INVALID' }));

    // The statement is kept with the retired key and can be fetched again.
    expect(await county.admin.call('keys.rotationFile', { keyId: first.id })).toEqual(rotationFile);
    expect((await county.admin.refusal('keys.rotationFile', { keyId: status.signing!.id })).code).toBe('NOT_FOUND');
    // The new key signs the county key file now.
    const file = parseCountyKeyFile(Buffer.from((await county.admin.call('keys.publicFile', {})).content));
    expect(file.publicKey).toBe(status.signing!.publicKey);
    // Still only one active key.
    expect((await county.admin.refusal('keys.create', {})).code).toBe('SIGNING_KEY_EXISTS');
  });

  it('refuses a key sealed by another kind of keystore (made in the app, used with a passphrase) with KEY_ELSEWHERE', async () => {
    const county = keep(await createKeyedCounty('445302'));
    county.office.core.close();
    const cli = createLedgerCore({ dataDir: county.office.dir, clock: county.office.clock, keystore: passphraseKeystore('a county passphrase'), log: () => undefined });
    try {
      const client = new TestClient(cli);
      await client.login(ADMIN.username, ADMIN.password);
      const status = await client.call('keys.status', {});
      expect(status.signing).toMatchObject({ keystore: 'file', usableHere: false });
      expect(status.keystore).toEqual({ kind: 'passphrase', strong: true });
      const refusal = await client.refusal('keys.rotate', {});
      expect(refusal).toMatchObject({ code: 'KEY_ELSEWHERE', params: { kind: 'file', here: 'passphrase' } });
      expect((await client.refusal('keys.publicFile', {})).code).toBe('KEY_ELSEWHERE');
      expect((await client.refusal('bundles.export', { period: '2021' })).code).toBe('KEY_ELSEWHERE');
    } finally {
      cli.close();
    }
    county.office.reopen();
  });

  it('leaves the key management to admins: clerks and viewers see the fingerprints only', async () => {
    const county = keep(await createKeyedCounty('445302'));
    const clerk = await county.office.clientWithRole('clerk');
    const viewer = await county.office.clientWithRole('viewer');
    for (const client of [clerk, viewer]) {
      expect((await client.call('keys.status', {})).signing?.fingerprint.digits).toBe(county.digits);
      expect((await client.refusal('keys.create', {})).code).toBe('FORBIDDEN');
      expect((await client.refusal('keys.rotate', {})).code).toBe('FORBIDDEN');
      expect((await client.refusal('keys.importCityKey', { content: '{}', confirmedFingerprint: 'x' })).code).toBe('FORBIDDEN');
      expect((await client.refusal('keys.inspectFile', { content: '{}' })).code).toBe('FORBIDDEN');
    }
    expect((await viewer.call('keys.publicFile', {})).content).toBe(county.keyFile.content);
  });
});

describe("county: the city's key", () => {
  it('is imported only when the fingerprint was confirmed and matches, and only from its own city', async () => {
    const office = keep(await createCountyOffice('445302'));
    const city = await standaloneCityKey('4453');
    const other = await standaloneCityKey('4401');
    const auditBefore = await auditCount(office.dbPath);

    const unconfirmed = await office.admin.refusal('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: '  ' });
    expect(unconfirmed).toMatchObject({ code: 'FINGERPRINT_NOT_CONFIRMED', field: 'confirmedFingerprint' });
    const wrong = await office.admin.refusal('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: other.digits });
    expect(wrong).toMatchObject({ code: 'FINGERPRINT_MISMATCH', field: 'confirmedFingerprint' });
    const wrongCity = await office.admin.refusal('keys.importCityKey', { content: other.keyFile.content, confirmedFingerprint: other.digits });
    expect(wrongCity.code).toBe('WRONG_CITY');
    expect(wrongCity.message).toContain('广州市');
    const notAKeyFile = await office.admin.refusal('keys.importCityKey', { content: '{"format":"x"}', confirmedFingerprint: city.digits });
    expect(notAKeyFile.code).toBe('KEY_FILE_INVALID');
    // Canonical JSON only: a re-formatted file is not the file whose fingerprint was read out.
    const reformatted = JSON.stringify(JSON.parse(city.keyFile.content), null, 2);
    expect((await office.admin.refusal('keys.importCityKey', { content: reformatted, confirmedFingerprint: city.digits })).code).toBe('KEY_FILE_INVALID');
    expect((await office.admin.call('keys.status', {})).cityKey).toBeNull();
    expect(await auditCount(office.dbPath)).toBe(auditBefore);

    // Digits typed with other spacing, or the hex in capitals, both confirm.
    const status = await office.admin.call('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: city.digits.replaceAll(' ', '') });
    expect(status.cityKey).toMatchObject({ cityCode: '4453', cityName: '云浮市', office: '云浮市民政局', recipient: city.recipient });
    expect(status.cityKey!.fingerprint.digits).toBe(city.digits);

    // A new city key replaces the previous one (retired, kept).
    const next = await standaloneCityKey('4453');
    const hex = (await office.admin.call('keys.inspectFile', { content: next.keyFile.content })).fingerprint.hex;
    const replaced = await office.admin.call('keys.importCityKey', { content: next.keyFile.content, confirmedFingerprint: hex.toUpperCase() });
    expect(replaced.cityKey!.recipient).toBe(next.recipient);
    const db = openDatabase(office.dbPath);
    try {
      const rows = await db.db.selectFrom('city_key').select(['recipient', 'retired_at']).orderBy('imported_at').orderBy('id').execute();
      expect(rows).toEqual([
        { recipient: city.recipient, retired_at: expect.any(String) },
        { recipient: next.recipient, retired_at: null },
      ]);
      expect(await db.db.selectFrom('audit_entry').select('action').where('entity', '=', 'city-key').execute()).toHaveLength(2);
    } finally {
      db.close();
    }
  });

  it('inspects the three kinds of key file for the admin before anything is trusted', async () => {
    const city = keep(await createKeyedCity());
    const county = keep(await createKeyedCounty('445381', { city }));
    const countyInfo = await city.admin.call('keys.inspectFile', { content: county.keyFile.content });
    expect(countyInfo).toMatchObject({ kind: 'county-key', code: '445381', name: '罗定市', office: '罗定市民政局', newFingerprint: null });
    expect(countyInfo.fingerprint.digits).toBe(county.digits);
    const cityInfo = await county.admin.call('keys.inspectFile', { content: city.keyFile.content });
    expect(cityInfo).toMatchObject({ kind: 'city-key', code: '4453', name: '云浮市', office: '云浮市民政局' });
    expect(cityInfo.fingerprint.digits).toBe(city.digits);
    const { rotationFile, status } = await county.admin.call('keys.rotate', {});
    const rotationInfo = await city.admin.call('keys.inspectFile', { content: rotationFile.content });
    expect(rotationInfo).toMatchObject({ kind: 'key-rotation', code: '445381', office: null });
    expect(rotationInfo.fingerprint.digits).toBe(county.digits);
    expect(rotationInfo.newFingerprint!.digits).toBe(status.signing!.fingerprint.digits);
    for (const content of ['not json', '{"format":"welfare-ledger/county-key/v1"}', '[]']) {
      expect((await city.admin.refusal('keys.inspectFile', { content })).code).toBe('KEY_FILE_INVALID');
    }
  });
});

describe('city key pair', () => {
  it('is created once; its key file carries the recipient; openCityIdentity unseals the identity', async () => {
    const city = keep(await createKeyedCity());
    const status = await city.admin.call('keys.status', {});
    expect(status).toMatchObject({ mode: 'city', signing: null, cityKey: null });
    expect(status.cityIdentity).toMatchObject({ cityCode: '4453', cityName: '云浮市', office: '云浮市民政局', by: ADMIN.displayName });
    expect(status.cityIdentity!.recipient).toMatch(/^age1/);
    expect((await city.admin.refusal('keys.create', {})).code).toBe('CITY_IDENTITY_EXISTS');
    expect(city.keyFile.fileName).toBe('4453-city-key.json');
    expect(JSON.parse(city.keyFile.content)).toMatchObject({ city: '4453', recipient: status.cityIdentity!.recipient });
    // A county-only request is refused in city mode.
    expect((await city.admin.refusal('keys.rotate', {})).code).toBe('NOT_A_COUNTY_OFFICE');
    expect((await city.admin.refusal('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: city.digits })).code).toBe('NOT_A_COUNTY_OFFICE');

    const db = openDatabase(city.office.dbPath);
    try {
      const sealed = await db.db.selectFrom('city_identity').select('identity_sealed').executeTakeFirstOrThrow();
      expect(sealed.identity_sealed.toString('latin1')).not.toContain('AGE-SECRET-KEY');
      const opened = await openCityIdentity(db.db, fileKeystore(join(city.office.dir, 'keystore.key')));
      expect(opened.recipient).toBe(status.cityIdentity!.recipient);
      expect(opened.identity).toMatch(/^AGE-SECRET-KEY-1/);
      await expect(openCityIdentity(db.db, passphraseKeystore('some passphrase'))).rejects.toMatchObject({ code: 'KEY_ELSEWHERE' });
    } finally {
      db.close();
    }
  });

  it('openCityIdentity says NO_CITY_IDENTITY before the key pair exists', async () => {
    const office = keep(await createCountyOffice('445302'));
    const db = openDatabase(office.dbPath);
    try {
      await expect(openCityIdentity(db.db, passphraseKeystore('some passphrase'))).rejects.toMatchObject({ code: 'NO_CITY_IDENTITY' });
    } finally {
      db.close();
    }
  });
});
