import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { Decrypter } from 'age-encryption';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { BundleExportRow, JobStatus } from '../../contract';
import { bundlePath, createCountyOffice, createKeyedCity, createKeyedCounty, exportPeriod, JobFailed, reexport, standaloneCityKey, waitForJob } from '../../../tests/support/bundles';
import { openBundle } from '../../bundles/open-bundle';
import { verifyBundle } from '../../bundles/verify-bundle';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});
function keep<T extends { close(): void }>(o: T): T {
  open.push(o);
  return o;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Verifies a written bundle as the city would (trusting the county's key) and opens it with the city identity. */
async function cityReads(path: string, county: { publicKey: string; code: string }, identity: string, recipient: string) {
  const verified = await verifyBundle(path, {
    trust: (key) => (key === county.publicKey ? { county: county.code, retiredAt: null, revokedAt: null } : null),
    now: new Date('2026-11-22T03:00:00Z'),
  });
  const records = new Map<string, unknown[]>();
  await openBundle(verified, {
    identity,
    recipient,
    onRecord(contents, record) {
      records.set(contents, [...(records.get(contents) ?? []), record]);
    },
  });
  return { verified, records };
}

describe('bundle export', () => {
  it('writes <county>-<period>-<seq>.wlb that the city verifies and opens; sequences increase and chain', async () => {
    const city = await standaloneCityKey();
    const county = keep(await createKeyedCounty('445302', { demo: true, city }));
    const publicKey = (await county.admin.call('keys.status', {})).signing!.publicKey;

    const first = await exportPeriod(county.admin, county.office, '2021');
    expect(first.row).toMatchObject({ sequence: 1, purpose: 'regular', ofSequence: null, reason: null, fileName: '445302-2021-000001.wlb', fileOnDisk: true, createdBy: '李管理' });
    expect(first.row.period).toEqual({ kind: 'year', label: '2021', start: '2021-01-01', end: '2021-12-31' });
    const bytes = readFileSync(first.path);
    expect(first.row.fileSize).toBe(bytes.length);
    expect(first.row.fileSha256).toBe(sha256(bytes));
    expect(readdirSync(dirname(first.path))).toEqual(['445302-2021-000001.wlb']);

    const { verified, records } = await cityReads(first.path, { publicKey, code: '445302' }, city.identity, city.recipient);
    expect(verified.statement).toMatchObject({
      county: { code: '445302', name: '云城区', office: '云城区民政局' },
      sequence: 1,
      previous: null,
      purpose: { kind: 'regular' },
      createdBy: '李管理',
      createdAt: '2026-11-22T02:00:00.000Z',
      recipient: city.recipient,
    });
    expect(verified.statementHash).toBe(first.row.statementHash);
    expect(verified.statement.files.map((f) => f.contents)).toEqual(first.row.counts.map((c) => c.contents));
    expect(records.get('summary')).toHaveLength(1);

    const second = await exportPeriod(county.admin, county.office, '2022-Q1');
    expect(second.row).toMatchObject({ sequence: 2, fileName: '445302-2022-Q1-000002.wlb' });
    const month = await exportPeriod(county.admin, county.office, '2022-07');
    expect(month.row.fileName).toBe('445302-2022-07-000003.wlb');
    const chained = await cityReads(month.path, { publicKey, code: '445302' }, city.identity, city.recipient);
    expect(chained.verified.statement.previous).toBe(second.row.statementHash);
    expect(chained.verified.statement.period).toEqual({ kind: 'month', label: '2022-07', start: '2022-07-01', end: '2022-07-31' });

    const history = await county.admin.call('bundles.history', {});
    expect(history.map((h) => h.sequence)).toEqual([3, 2, 1]);
    const download = await county.admin.call('bundles.download', { sequence: 1 });
    expect(download.fileName).toBe('445302-2021-000001.wlb');
    expect(Buffer.from(download.contentBase64, 'base64').equals(bytes)).toBe(true);
  }, 60_000);
});

/** The decrypted, inflated JSON-lines bytes of each data file of a written bundle. */
async function plaintexts(path: string, publicKey: string, identity: string): Promise<Map<string, Buffer>> {
  const verified = await verifyBundle(path, {
    trust: (key) => (key === publicKey ? { county: '445302', retiredAt: null, revokedAt: null } : null),
    now: new Date('2026-11-22T03:00:00Z'),
  });
  const out = new Map<string, Buffer>();
  for (const file of verified.statement.files) {
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    out.set(file.contents, inflateRawSync(await decrypter.decrypt(await verified.readFile(file.path))));
  }
  return out;
}

async function exportRows(dbPath: string) {
  const db = openDatabase(dbPath);
  try {
    return await db.db.selectFrom('bundle_export').selectAll().orderBy('sequence').execute();
  } finally {
    db.close();
  }
}

describe('bundle export rules', () => {
  it('refuses a running period, a period already sent without a correction, and a correction without a reason', async () => {
    const county = keep(await createKeyedCounty('445302'));
    // The clock says 2026-11-22: 2026, 2026-Q4 and 2026-11 have not ended; 2026-10 has.
    for (const period of ['2026', '2026-Q4', '2026-11', '2027']) {
      expect(await county.admin.refusal('bundles.export', { period })).toMatchObject({ code: 'PERIOD_NOT_OVER', field: 'period' });
    }
    expect((await county.admin.refusal('bundles.export', { period: '2021-13' })).code).toBe('PERIOD_FORMAT');
    expect((await county.admin.refusal('bundles.export', { period: '2021', correction: { reason: '更正' } })).code).toBe('PERIOD_NOT_SENT');
    await exportPeriod(county.admin, county.office, '2026-10');

    const again = await county.admin.refusal('bundles.export', { period: '2026-10' });
    expect(again).toMatchObject({ code: 'PERIOD_ALREADY_SENT', params: { period: '2026-10', sequence: 1 } });
    expect((await county.admin.refusal('bundles.export', { period: '2026-10', correction: { reason: '   ' } })).field).toBe('correction.reason');
    const corrected = await exportPeriod(county.admin, county.office, '2026-10', '10月份上门服务人次录入有误');
    expect(corrected.row).toMatchObject({ sequence: 2, purpose: 'correction', reason: '10月份上门服务人次录入有误' });
    const preview = await county.admin.call('bundles.preview', { period: '2026-10' });
    expect(preview.alreadySent).toEqual([
      { sequence: 1, purpose: 'regular', createdAt: expect.any(String) },
      { sequence: 2, purpose: 'correction', createdAt: expect.any(String) },
    ]);
    expect(preview.nextSequence).toBe(3);
    expect(preview.signingKey?.fingerprint.digits).toBe(county.digits);
  }, 60_000);

  it('needs the signing key, the city key, a clerk, and a county office', async () => {
    const bare = keep(await createCountyOffice('445303'));
    expect((await bare.admin.refusal('bundles.export', { period: '2021' })).code).toBe('NO_SIGNING_KEY');
    await bare.admin.call('keys.create', {});
    expect((await bare.admin.refusal('bundles.export', { period: '2021' })).code).toBe('NO_CITY_KEY');
    const city = await standaloneCityKey();
    await bare.admin.call('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: city.digits });
    const viewer = await bare.clientWithRole('viewer');
    expect((await viewer.refusal('bundles.export', { period: '2021' })).code).toBe('FORBIDDEN');
    expect((await viewer.refusal('bundles.preview', { period: '2021' })).code).toBe('FORBIDDEN');
    expect(await viewer.call('bundles.history', {})).toEqual([]);
    const clerk = await bare.clientWithRole('clerk');
    const { row } = await exportPeriod(clerk, bare, '2021');
    expect(row).toMatchObject({ sequence: 1, createdBy: '测试clerk' });
    expect((await viewer.refusal('bundles.download', { sequence: 1 })).code).toBe('FORBIDDEN');
    expect((await clerk.refusal('bundles.download', { sequence: 9 })).code).toBe('BUNDLE_EXPORT_NOT_FOUND');
    expect((await clerk.refusal('bundles.reexport', { sequence: 9 })).code).toBe('BUNDLE_EXPORT_NOT_FOUND');
    // Each export is in the audit trail, without the statement bytes.
    const trail = await bare.admin.call('audit.list', { entity: 'bundle' });
    expect(trail.rows).toEqual([expect.objectContaining({ action: 'export', actorName: '测试clerk', summary: '2021 #1 regular' })]);
  }, 60_000);

  it('re-exports the same content under a new sequence, even after the records changed', async () => {
    const city = await standaloneCityKey();
    const county = keep(await createKeyedCounty('445302', { demo: true, city }));
    const publicKey = (await county.admin.call('keys.status', {})).signing!.publicKey;
    const first = await exportPeriod(county.admin, county.office, '2021');
    // A back-dated bed changes what a fresh 2021 bundle would hold.
    const { person: someone } = await county.admin.call('people.create', { person: { name: '补录老人', sex: 'F', birthDate: '1940-02-03' } });
    const station = (await county.admin.call('stations.list', { limit: 1 })).rows[0]!;
    await county.admin.call('beds.create', { bed: { personId: someone.id, stationId: station.id, installDate: '2021-05-04', devices: ['camera'] } });

    const again = await reexport(county.admin, county.office, 1);
    expect(again.row).toMatchObject({ sequence: 2, purpose: 'reexport', ofSequence: 1, fileName: '445302-2021-000002.wlb', fileOnDisk: true });
    expect(again.row.counts).toEqual(first.row.counts);
    const a = await plaintexts(first.path, publicKey, city.identity);
    const b = await plaintexts(again.path, publicKey, city.identity);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [contents, bytes] of a) expect(b.get(contents)!.equals(bytes)).toBe(true);
    // The encrypted files differ (fresh age keys), the statement chains on.
    expect(readFileSync(again.path).equals(readFileSync(first.path))).toBe(false);
    const rows = await exportRows(county.office.dbPath);
    expect(JSON.parse(rows[1]!.contents)).toEqual(JSON.parse(rows[0]!.contents));

    // A correction reads the records again: it carries the new bed.
    const corrected = await exportPeriod(county.admin, county.office, '2021', '补录一张家庭养老床位');
    const c = await plaintexts(corrected.path, publicKey, city.identity);
    expect(c.get('family_beds')!.equals(a.get('family_beds')!)).toBe(false);
    expect(corrected.row.counts.find((x) => x.contents === 'family_beds')!.records).toBe(first.row.counts.find((x) => x.contents === 'family_beds')!.records + 1);
    expect(c.get('stations')!.equals(a.get('stations')!)).toBe(true);
  }, 60_000);

  it('commits the sequence before releasing the file: a failure at the final rename leaves the row without a file, and re-export works', async () => {
    const county = keep(await createKeyedCounty('445302'));
    await exportPeriod(county.admin, county.office, '2021');
    // Something sits where sequence 2's file must go: the rename fails after the commit.
    const blocked = bundlePath(county.office, '445302-2022-000002.wlb');
    mkdirSync(`${blocked}/in-the-way`, { recursive: true });
    const failed = await exportPeriod(county.admin, county.office, '2022').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(JobFailed);
    expect((failed as JobFailed).status.error).toMatchObject({ code: 'BUNDLE_FILE_NOT_WRITTEN', params: { sequence: 2 } });

    const rows = await exportRows(county.office.dbPath);
    expect(rows.map((r) => [r.sequence, r.file_size === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    const history = await county.admin.call('bundles.history', {});
    expect(history[0]).toMatchObject({ sequence: 2, fileSize: null, fileSha256: null, fileOnDisk: false });
    expect(readdirSync(dirname(blocked)).filter((n) => n.endsWith('.partial') || n.endsWith('.tmp'))).toEqual([]);
    expect((await county.admin.refusal('bundles.download', { sequence: 2 })).code).toBe('BUNDLE_FILE_GONE');
    // The period counts as sent (its statement exists): a regular export again is refused.
    expect((await county.admin.refusal('bundles.export', { period: '2022' })).code).toBe('PERIOD_ALREADY_SENT');

    const again = await reexport(county.admin, county.office, 2);
    expect(again.row).toMatchObject({ sequence: 3, ofSequence: 2, fileOnDisk: true });
    expect(existsSync(again.path)).toBe(true);
    const next = await exportPeriod(county.admin, county.office, '2023');
    expect(next.row.sequence).toBe(4);
  }, 60_000);

  it('reports progress in phases while the job runs, and hands the file only to a matching hash', async () => {
    const county = keep(await createKeyedCounty('445302', { demo: true }));
    const job = await county.admin.call('bundles.export', { period: '2021' });
    expect(job).toMatchObject({ kind: 'bundle-export', state: 'running' });
    const phases = new Set<string>();
    let status: JobStatus = job;
    while (status.state === 'running') {
      phases.add(status.phase);
      await new Promise((resolve) => setTimeout(resolve, 1));
      status = await county.admin.call('jobs.status', { id: job.id });
    }
    expect(status.state).toBe('done');
    expect([...phases].every((p) => ['queued', 'reading', 'encrypting', 'writing'].includes(p))).toBe(true);
    // The last phase is writing the file, run to its end.
    expect(status).toMatchObject({ phase: 'writing', done: status.total });
    expect(status.total).toBeGreaterThan(0);
    const done = (await waitForJob(county.admin, status)) as JobStatus<BundleExportRow>;
    expect(done.result?.sequence).toBe(1);
    // An altered file on disk is not handed out.
    const path = bundlePath(county.office, done.result!.fileName);
    const bytes = readFileSync(path);
    bytes[bytes.length - 30]! ^= 1;
    writeFileSync(path, bytes);
    expect((await county.admin.refusal('bundles.download', { sequence: 1 })).code).toBe('BUNDLE_FILE_GONE');
    expect((await county.admin.call('bundles.history', {}))[0]!.fileOnDisk).toBe(true);
  }, 60_000);

  it('is refused in city mode', async () => {
    const cityOffice = keep(await createKeyedCity());
    expect((await cityOffice.admin.refusal('bundles.export', { period: '2021' })).code).toBe('NOT_A_COUNTY_OFFICE');
    expect((await cityOffice.admin.refusal('bundles.preview', { period: '2021' })).code).toBe('NOT_A_COUNTY_OFFICE');
    expect((await cityOffice.admin.refusal('bundles.history', {})).code).toBe('NOT_A_COUNTY_OFFICE');
  });
});
