import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKeyedCity,
  createKeyedCounty,
  exportPeriod,
  waitForJob,
  type KeyedCity,
  type KeyedCounty,
} from '../../../tests/support/bundles';
import {
  adminOf,
  backupOf,
  cityFiles,
  committedBytes,
  enroll,
  importBundle,
  resigned,
  stolenSigningKey,
} from '../../../tests/support/city-office';
import type { TestClient } from '../../../tests/support/office';

/**
 * The city's import on real offices and real bundles: what it accepts, and the replay, rollback,
 * fork and trust cases it refuses — each refusal leaving the city's database byte for byte as it
 * was (compared after checkpointing the WAL, so even an uncommitted-looking write would show).
 */

let city: KeyedCity;
const open: { close(): void }[] = [];

beforeEach(async () => {
  city = await createKeyedCity();
  open.push(city);
});
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function keyedCounty(code = '445302', options: { enrolled?: boolean; ownCity?: boolean } = {}): Promise<KeyedCounty> {
  const county = await createKeyedCounty(code, options.ownCity === false ? {} : { city: { keyFile: city.keyFile, digits: city.digits } });
  open.push(county);
  if (options.enrolled !== false) await enroll(city, county);
  return county;
}

async function exported(county: KeyedCounty, period: string, client: TestClient = county.admin): Promise<string> {
  return (await exportPeriod(client, county.office, period)).path;
}

/** Imports `path` and expects the refusal `code`, with nothing changed at the city. */
async function refusedUnchanged(path: string, code: string) {
  const before = committedBytes(city.office.dbPath);
  const files = cityFiles(city);
  const outcome = await importBundle(city.admin, path);
  expect(outcome).toMatchObject({ outcome: 'rejected', error: { code } });
  expect(committedBytes(city.office.dbPath).equals(before)).toBe(true);
  expect(cityFiles(city)).toEqual(files);
  return outcome;
}

async function imported(path: string, outcome: 'accepted' | 'duplicate' = 'accepted') {
  const result = await importBundle(city.admin, path);
  expect(result, JSON.stringify(result.error)).toMatchObject({ outcome, error: null });
  return result;
}

describe('importing a county bundle', () => {
  it('accepts a verified bundle: the summary lists it, the city keeps the file, the trail records it', async () => {
    const county = await keyedCounty('445302');
    const { row, path } = await exportPeriod(county.admin, county.office, '2026-01');
    const before = committedBytes(city.office.dbPath);

    const outcome = await imported(path);
    expect(outcome).toEqual({
      fileName: row.fileName,
      outcome: 'accepted',
      damaged: false,
      countyCode: '445302',
      countyName: '云城区',
      periodLabel: '2026-01',
      sequence: 1,
      purpose: 'regular',
      missingSequences: [],
      records: row.counts.filter((c) => c.contents !== 'summary').reduce((sum, c) => sum + c.records, 0),
      error: null,
    });
    // The comparison the refusals rely on does see a change.
    expect(committedBytes(city.office.dbPath).equals(before)).toBe(false);

    const [bundle] = await city.admin.call('cityBundles.list', {});
    expect(bundle).toMatchObject({
      countyCode: '445302',
      sequence: 1,
      period: { kind: 'month', label: '2026-01', start: '2026-01-01', end: '2026-01-31' },
      purpose: 'regular',
      fileName: row.fileName,
      statementHash: row.statementHash,
      fileSha256: row.fileSha256,
      current: true,
      importedBy: '李管理',
      counts: row.counts,
    });
    expect(cityFiles(city)).toEqual([`bundles/445302/${row.fileName}`]);
    expect(readFileSync(join(city.office.dbPath.replace(/\.sqlite$/, '-files'), 'bundles/445302', row.fileName)).equals(readFileSync(path))).toBe(true);
    const audit = await city.admin.call('audit.list', { entity: 'bundle' });
    expect(audit.rows[0]).toMatchObject({ action: 'import', entityId: bundle!.id, actorName: '李管理' });
    const [status] = await city.admin.call('cityKeys.list', {});
    expect(status).toMatchObject({ countyCode: '445302', lastSequence: 1, bundles: 1 });
  });

  it('says "already imported" for the same file again, and changes nothing', async () => {
    const county = await keyedCounty('445302');
    const path = await exported(county, '2026-01');
    await imported(path);
    const before = committedBytes(city.office.dbPath);
    const files = cityFiles(city);
    expect(await imported(path, 'duplicate')).toMatchObject({ sequence: 1, countyCode: '445302' });
    expect(committedBytes(city.office.dbPath).equals(before)).toBe(true);
    expect(cityFiles(city)).toEqual(files);
    expect(await city.admin.call('cityBundles.list', {})).toHaveLength(1);
  });

  it('accepts a gap and flags the missing sequence; the missing bundle arriving later is a rollback', async () => {
    const county = await keyedCounty('445303');
    const first = await exported(county, '2026-01');
    const second = await exported(county, '2026-02');
    const third = await exported(county, '2026-03');
    await imported(first);
    expect(await imported(third)).toMatchObject({ sequence: 3, missingSequences: [2] });
    expect((await city.admin.call('cityBundles.list', { countyCode: '445303' }))[0]).toMatchObject({ sequence: 3, missingSequences: [2] });
    expect((await refusedUnchanged(second, 'BUNDLE_ROLLBACK')).error?.params).toEqual({ sequence: 2, last: 3 });
  });

  it('refuses the fork of a county restored from a backup: the same sequence with other content, and the next one chained to it', async () => {
    const county = await keyedCounty('445302');
    await imported(await exported(county, '2026-01'));
    const backup = await backupOf(county.office);
    await imported(await exported(county, '2026-02', backup.admin));

    // The county's office is restored from the backup: it signs sequence 2 again, for other content.
    const restored = await backup.restore();
    const fork = await exported(county, '2026-03', restored);
    expect((await refusedUnchanged(fork, 'BUNDLE_FORK')).error?.params).toEqual({ sequence: 2 });
    // Its sequence 3 names the forked 2 as its previous: it does not chain onto what the city accepted.
    const next = await exported(county, '2026-04', restored);
    expect((await refusedUnchanged(next, 'BUNDLE_FORK')).error?.params).toEqual({ sequence: 3 });
  });

  it('refuses a sequence that jumps more than 1000 past the last accepted one', async () => {
    const county = await keyedCounty('445321');
    const first = await exported(county, '2026-01');
    await imported(first);
    const scratch = join(county.office.dir, 'jump.wlb');
    const [statement] = await city.admin.call('cityBundles.list', {});
    const jump = resigned(first, stolenSigningKey(county), (s) => ({ ...s, sequence: 1002, previous: statement!.statementHash }), scratch);
    expect((await refusedUnchanged(jump, 'BUNDLE_SEQUENCE_JUMP')).error?.params).toEqual({ sequence: 1002, last: 1 });
    // 1001 is still within reach (accepted, with 999 missing).
    const far = resigned(first, stolenSigningKey(county), (s) => ({ ...s, sequence: 1001, previous: statement!.statementHash }), scratch);
    expect((await imported(far)).missingSequences).toHaveLength(999);
  });

  it('refuses a bundle signed after its key was revoked, and accepts one signed before', async () => {
    const county = await keyedCounty('445322');
    const before = await exported(county, '2026-01');
    city.office.clock.advanceMinutes(5);
    const [status] = (await city.admin.call('cityKeys.list', {})).filter((c) => c.countyCode === '445322');
    await city.admin.call('cityKeys.revoke', { keyId: status!.activeKey!.id, reason: '密钥泄露' });
    county.office.clock.advanceMinutes(10);
    const after = await exported(county, '2026-02');
    await imported(before);
    await refusedUnchanged(after, 'BUNDLE_KEY_REVOKED');
  });

  it('after a rotation refuses the old key for bundles made since, and accepts the new key', async () => {
    const county = await keyedCounty('445381');
    const early = await exported(county, '2026-01');
    const backup = await backupOf(county.office);
    county.office.clock.advanceMinutes(5);
    const { rotationFile } = await backup.admin.call('keys.rotate', {});
    await city.admin.call('cityKeys.rotate', { content: rotationFile.content });
    county.office.clock.advanceMinutes(5);
    const withNewKey = await exported(county, '2026-02', backup.admin);
    await imported(early);
    expect(await imported(withNewKey)).toMatchObject({ sequence: 2, missingSequences: [] });

    // The office restored from before the rotation still holds the old key and signs with it.
    const restored = await backup.restore();
    county.office.clock.advanceMinutes(5);
    await refusedUnchanged(await exported(county, '2026-03', restored), 'BUNDLE_KEY_ROTATED_OUT');
  });

  it('refuses a key the city never enrolled, and a county signing for another county', async () => {
    const stranger = await keyedCounty('445302', { enrolled: false });
    await refusedUnchanged(await exported(stranger, '2026-01'), 'BUNDLE_UNKNOWN_KEY');

    const other = await keyedCounty('445303');
    // 云安区's key signs a statement that speaks for 云城区 (its data files untouched).
    const forged = resigned(await exported(stranger, '2026-02'), stolenSigningKey(other), (s) => s, join(other.office.dir, 'forged.wlb'));
    await refusedUnchanged(forged, 'BUNDLE_KEY_OTHER_COUNTY');
  });

  it('refuses a bundle encrypted to another city key, before anything is stored', async () => {
    const county = await keyedCounty('445302', { ownCity: false });
    await refusedUnchanged(await exported(county, '2026-01'), 'BUNDLE_NOT_FOR_THIS_CITY');
  });

  it('reports a truncated copy as damaged, not forged', async () => {
    const county = await keyedCounty('445302');
    const path = await exported(county, '2026-01');
    const cut = join(county.office.dir, 'cut.wlb');
    const bytes = readFileSync(path);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const outcome = await refusedUnchanged(cut, 'BUNDLE_TRUNCATED');
    expect(outcome).toMatchObject({ damaged: true, countyCode: null, sequence: null });
    expect(outcome.error?.message).toContain('重新');
  });

  it('stores nothing when the write fails half way, and the same bundle imports afterwards', async () => {
    const county = await keyedCounty('445302');
    await county.admin.call('stations.create', {
      station: { name: '星岩社区居家养老服务站', kind: 'village_station', townCode: '445302001', villageCode: '445302001009', lifecycle: {}, services: [], oneStopSettlement: false },
    });
    const path = await exported(county, '2026-01');
    // A failure at the transaction's last statement: the bundle and its records are already inserted.
    const sqlite = new BetterSqlite3(city.office.dbPath);
    sqlite.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON audit_entry WHEN NEW.entity = 'bundle' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    sqlite.close();
    const before = committedBytes(city.office.dbPath);
    const files = cityFiles(city);
    const job = await city.admin.call('cityBundles.import', { fileName: 'x.wlb', contentBase64: readFileSync(path).toString('base64') });
    const status = await waitForJob(city.admin, job);
    expect(status).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
    expect(committedBytes(city.office.dbPath).equals(before)).toBe(true);
    expect(cityFiles(city)).toEqual(files);

    const fix = new BetterSqlite3(city.office.dbPath);
    fix.exec('DROP TRIGGER fail_import');
    fix.close();
    expect(await imported(path)).toMatchObject({ sequence: 1, missingSequences: [] });
    const [bundle] = await city.admin.call('cityBundles.list', {});
    const page = await city.admin.call('cityRecords.list', { bundleId: bundle!.id, register: 'stations' });
    expect(page.rows.map((r) => r.data.name)).toEqual(['星岩社区居家养老服务站']);
  });

  it('is for a city office, and for clerks and admins', async () => {
    const county = await keyedCounty('445302');
    const path = await exported(county, '2026-01');
    const contentBase64 = readFileSync(path).toString('base64');
    expect(await county.admin.refusal('cityBundles.import', { fileName: 'a.wlb', contentBase64 })).toMatchObject({ code: 'NOT_A_CITY_OFFICE' });
    const viewer = await city.office.clientWithRole('viewer');
    expect(await viewer.refusal('cityBundles.import', { fileName: 'a.wlb', contentBase64 })).toMatchObject({ code: 'FORBIDDEN' });
    const clerk = await city.office.clientWithRole('clerk');
    expect(await importBundle(clerk, path)).toMatchObject({ outcome: 'accepted' });
    expect(await adminOf(city.office).then((c) => c.call('cityBundles.list', {}))).toHaveLength(1);
  });
});
