import { afterEach, describe, expect, it } from 'vitest';
import { makeCountyKeyFile } from '../../bundles/key-files';
import { countyKeyFingerprint } from '../../bundles/fingerprint';
import { generateSigningKey } from '../../bundles/keys';
import { createKeyedCity, createKeyedCounty, type KeyedCity, type KeyedCounty } from '../../../tests/support/bundles';
import { enroll } from '../../../tests/support/city-office';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function cityAndCounty(code = '445302'): Promise<{ city: KeyedCity; county: KeyedCounty }> {
  const city = await createKeyedCity();
  open.push(city);
  const county = await createKeyedCounty(code, { city: { keyFile: city.keyFile, digits: city.digits } });
  open.push(county);
  return { city, county };
}

/** A county key file made outside any office (another city's county, a second key). */
function looseKeyFile(county: string, countyName: string) {
  const key = generateSigningKey();
  const content = Buffer.from(makeCountyKeyFile({ county, countyName, office: `${countyName}民政局`, createdAt: '2026-01-05T01:00:00.000Z' }, key)).toString('utf8');
  return { content, digits: countyKeyFingerprint(key.publicKey).digits, hex: countyKeyFingerprint(key.publicKey).hex };
}

describe('county keys at the city', () => {
  it('lists every county of the city in the bulletin order, then shows an enrolled key with its fingerprint', async () => {
    const { city, county } = await cityAndCounty('445302');
    const before = await city.admin.call('cityKeys.list', {});
    expect(before.map((c) => c.countyName)).toEqual(['云城区', '云安区', '罗定市', '新兴县', '郁南县']);
    expect(before.every((c) => c.activeKey === null && c.keys.length === 0 && c.lastSequence === null && c.bundles === 0)).toBe(true);

    const key = await enroll(city, county);
    expect(key).toMatchObject({ countyCode: '445302', countyName: '云城区', office: '云城区民政局', state: 'active', enrolledBy: '李管理', retiredAt: null, revokedAt: null });
    expect(key.fingerprint.digits).toBe(county.digits);
    expect(key.fingerprint.words).toHaveLength(6);

    const after = await city.admin.call('cityKeys.list', {});
    expect(after[0]!.activeKey?.id).toBe(key.id);
    const audit = await city.admin.call('audit.list', { entity: 'county-key' });
    expect(audit.rows[0]).toMatchObject({ action: 'enroll', entityId: key.id, actorName: '李管理' });
    expect(JSON.stringify(audit.rows[0])).not.toContain('"signature"');
  });

  it('accepts the fingerprint as digits or hex, spaces and case aside, and refuses a missing or wrong one', async () => {
    const { city, county } = await cityAndCounty('445303');
    const hex = (await city.admin.call('keys.inspectFile', { content: county.keyFile.content })).fingerprint.hex;
    expect(await city.admin.refusal('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: '  ' })).toMatchObject({
      code: 'FINGERPRINT_NOT_CONFIRMED',
      field: 'confirmedFingerprint',
    });
    const wrong = county.digits.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
    expect(await city.admin.refusal('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: wrong })).toMatchObject({
      code: 'FINGERPRINT_MISMATCH',
    });
    expect((await city.admin.call('cityKeys.list', {})).every((c) => c.keys.length === 0)).toBe(true);
    const key = await city.admin.call('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: hex.toUpperCase().replace(/(.{8})/g, '$1 ') });
    expect(key.state).toBe('active');
  });

  it('refuses another city’s county, a second key for a county, a key seen before, and an altered file', async () => {
    const { city, county } = await cityAndCounty('445302');
    const guangzhou = looseKeyFile('440103', '荔湾区');
    expect(await city.admin.refusal('cityKeys.enroll', { content: guangzhou.content, confirmedFingerprint: guangzhou.digits })).toMatchObject({
      code: 'NOT_OUR_COUNTY',
      field: 'content',
    });
    await enroll(city, county);
    const second = looseKeyFile('445302', '云城区');
    expect(await city.admin.refusal('cityKeys.enroll', { content: second.content, confirmedFingerprint: second.digits })).toMatchObject({ code: 'COUNTY_KEY_ENROLLED' });
    expect(await city.admin.refusal('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: county.digits })).toMatchObject({ code: 'KEY_ALREADY_KNOWN' });
    const altered = county.keyFile.content.replace('云城区民政局', '云城区民政所');
    expect(await city.admin.refusal('cityKeys.enroll', { content: altered, confirmedFingerprint: county.digits })).toMatchObject({
      code: 'KEY_FILE_INVALID',
      field: 'content',
      params: { what: 'signature' },
    });
    const list = await city.admin.call('cityKeys.list', {});
    expect(list.flatMap((c) => c.keys).map((k) => k.countyCode)).toEqual(['445302']);
  });

  it('is for admins of a city office only', async () => {
    const { city, county } = await cityAndCounty('445302');
    const clerk = await city.office.clientWithRole('clerk');
    expect(await clerk.refusal('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: county.digits })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await county.admin.refusal('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: county.digits })).toMatchObject({
      code: 'NOT_A_CITY_OFFICE',
    });
    expect(await county.admin.refusal('cityKeys.list', {})).toMatchObject({ code: 'NOT_A_CITY_OFFICE' });
  });

  it('rotates a county’s key with the statement both keys signed: the old key retires at the rotation time', async () => {
    const { city, county } = await cityAndCounty('445302');
    const old = await enroll(city, county);
    county.office.clock.advanceMinutes(5);
    const { rotationFile, status } = await county.admin.call('keys.rotate', {});
    const fresh = await city.admin.call('cityKeys.rotate', { content: rotationFile.content });
    expect(fresh).toMatchObject({ countyCode: '445302', state: 'active', office: '云城区民政局' });
    expect(fresh.fingerprint.digits).toBe(status.signing!.fingerprint.digits);
    const [yuncheng] = await city.admin.call('cityKeys.list', {});
    expect(yuncheng!.activeKey?.id).toBe(fresh.id);
    const retired = yuncheng!.keys.find((k) => k.id === old.id)!;
    expect(retired).toMatchObject({ state: 'rotated', retiredAt: status.retiredSigning[0]!.retiredAt });

    // The same statement again: its old key is no longer the active one.
    expect(await city.admin.refusal('cityKeys.rotate', { content: rotationFile.content })).toMatchObject({ code: 'KEY_NOT_ACTIVE', field: 'content' });
    const forged = rotationFile.content.replace(/"rotatedAt":"[^"]+"/, '"rotatedAt":"2030-01-01T00:00:00.000Z"');
    expect(await city.admin.refusal('cityKeys.rotate', { content: forged })).toMatchObject({ code: 'KEY_ROTATION_INVALID', params: { what: 'oldSignature' } });
    const audit = await city.admin.call('audit.list', { entity: 'county-key' });
    expect(audit.rows.map((r) => r.action)).toEqual(['rotate', 'enroll']);
  });

  it('refuses a rotation whose old key the city never enrolled', async () => {
    const { city, county } = await cityAndCounty('445381');
    const { rotationFile } = await county.admin.call('keys.rotate', {});
    expect(await city.admin.refusal('cityKeys.rotate', { content: rotationFile.content })).toMatchObject({ code: 'BUNDLE_UNKNOWN_KEY' });
    expect((await city.admin.call('cityKeys.list', {})).flatMap((c) => c.keys)).toEqual([]);
  });

  it('revokes a key at once, with its reason; the county can then enroll a new key', async () => {
    const { city, county } = await cityAndCounty('445322');
    const key = await enroll(city, county);
    city.office.clock.advanceMinutes(5);
    const revoked = await city.admin.call('cityKeys.revoke', { keyId: key.id, reason: '笔记本电脑遗失' });
    expect(revoked).toMatchObject({ state: 'revoked', revokedAt: city.office.clock.now().toISOString(), revokeReason: '笔记本电脑遗失' });
    expect(await city.admin.refusal('cityKeys.revoke', { keyId: key.id, reason: '再次' })).toMatchObject({ code: 'KEY_NOT_ACTIVE' });
    const status = (await city.admin.call('cityKeys.list', {})).find((c) => c.countyCode === '445322')!;
    expect(status.activeKey).toBeNull();
    const fresh = looseKeyFile('445322', '郁南县');
    expect((await city.admin.call('cityKeys.enroll', { content: fresh.content, confirmedFingerprint: fresh.digits })).state).toBe('active');
    const audit = await city.admin.call('audit.list', { entity: 'county-key' });
    expect(audit.rows.map((r) => r.action)).toEqual(['enroll', 'revoke', 'enroll']);
  });
});
