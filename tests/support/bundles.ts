import { join } from 'node:path';
import { getDivision } from '../../db/divisions';
import type { BundleExportRow, JobStatus, KeyFile } from '../../main/contract';
import { makeCityKeyFile } from '../../main/bundles/key-files';
import { generateCityIdentity } from '../../main/bundles/keys';
import { cityKeyFingerprint } from '../../main/bundles/fingerprint';
import { createTestOffice, type OfficeOptions, type TestClient, type TestOffice } from './office';

/**
 * Offices with keys, for the bundle tests of both sides: a county with its signing key and the
 * city's key imported (optionally with the demo data), a city with its key pair, and a helper that
 * exports a period and waits for the job.
 */

export function createCountyOffice(code = '445302', options?: OfficeOptions): Promise<TestOffice> {
  return createTestOffice(code, options);
}

export interface KeyedCity {
  office: TestOffice;
  admin: TestClient;
  /** The city key file a county imports (content = canonical JSON text). */
  keyFile: KeyFile;
  /** Its fingerprint digits, as read out over the phone. */
  digits: string;
  close(): void;
}

/** A city-mode office (云浮市 4453) with its key pair created. */
export async function createKeyedCity(options?: OfficeOptions): Promise<KeyedCity> {
  const office = await createTestOffice('4453', { ...options, mode: 'city' });
  const status = await office.admin.call('keys.create', {});
  const keyFile = await office.admin.call('keys.publicFile', {});
  return { office, admin: office.admin, keyFile, digits: status.cityIdentity!.fingerprint.digits, close: () => office.close() };
}

/**
 * A city key made without a city office (a county test that only needs something to encrypt to):
 * the identity is returned so the test can decrypt.
 */
export async function standaloneCityKey(city = '4453'): Promise<{ keyFile: KeyFile; digits: string; identity: string; recipient: string }> {
  const { identity, recipient } = await generateCityIdentity();
  const content = Buffer.from(
    makeCityKeyFile({ city, cityName: getDivision(city)?.name ?? city, office: `${getDivision(city)?.name ?? city}民政局`, recipient, createdAt: '2026-01-05T01:00:00.000Z' }),
  ).toString('utf8');
  return { keyFile: { fileName: `${city}-city-key.json`, content }, digits: cityKeyFingerprint(recipient).digits, identity, recipient };
}

export interface KeyedCounty {
  office: TestOffice;
  admin: TestClient;
  /** The county's public key file for the city, and its fingerprint digits. */
  keyFile: KeyFile;
  digits: string;
  /** Set when no city was given: the identity the bundles are encrypted to. */
  cityIdentity: string | null;
  close(): void;
}

/**
 * A county office with its signing key and the city's key imported (fingerprint confirmed). With
 * `demo`, the demo data is filled first (2021 reproduces the county's bulletin row).
 */
export async function createKeyedCounty(
  code = '445302',
  options: OfficeOptions & { demo?: boolean; city?: { keyFile: KeyFile; digits: string } } = {},
): Promise<KeyedCounty> {
  const office = await createCountyOffice(code, options);
  if (options.demo) await office.admin.call('demo.fill', {});
  const status = await office.admin.call('keys.create', {});
  const standalone = options.city ? null : await standaloneCityKey(code.slice(0, 4));
  const city = options.city ?? standalone!;
  await office.admin.call('keys.importCityKey', { content: city.keyFile.content, confirmedFingerprint: city.digits });
  const keyFile = await office.admin.call('keys.publicFile', {});
  return {
    office,
    admin: office.admin,
    keyFile,
    digits: status.signing!.fingerprint.digits,
    cityIdentity: standalone?.identity ?? null,
    close: () => office.close(),
  };
}

/** Polls a job until it ends (as the screen does). */
export async function waitForJob<T>(client: TestClient, job: JobStatus<T>): Promise<JobStatus<T>> {
  let status: JobStatus = job;
  while (status.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    status = await client.call('jobs.status', { id: job.id });
  }
  return status as JobStatus<T>;
}

/** Thrown when an export job ends otherwise than 'done', carrying the job's error. */
export class JobFailed extends Error {
  constructor(readonly status: JobStatus) {
    super(`job ${status.kind} ${status.state}: ${status.error?.code ?? ''} ${status.error?.message ?? ''}`);
  }
}

/**
 * Exports a period's bundle (a correction when `correction` gives a reason) and waits for the job:
 * the history row and the written file's path.
 */
export async function exportPeriod(
  client: TestClient,
  office: Pick<TestOffice, 'dbPath'>,
  period: string,
  correction?: string,
): Promise<{ row: BundleExportRow; path: string }> {
  const job = await client.call('bundles.export', { period, correction: correction ? { reason: correction } : null });
  const done = await waitForJob(client, job);
  if (done.state !== 'done' || !done.result) throw new JobFailed(done);
  return { row: done.result, path: bundlePath(office, done.result.fileName) };
}

/** Re-exports a sequence and waits for the job. */
export async function reexport(client: TestClient, office: Pick<TestOffice, 'dbPath'>, sequence: number): Promise<{ row: BundleExportRow; path: string }> {
  const done = await waitForJob(client, await client.call('bundles.reexport', { sequence }));
  if (done.state !== 'done' || !done.result) throw new JobFailed(done);
  return { row: done.result, path: bundlePath(office, done.result.fileName) };
}

/** Where a county office keeps its written bundles: `<db name>-files/bundles/<file name>`. */
export function bundlePath(office: Pick<TestOffice, 'dbPath'>, fileName: string): string {
  return join(office.dbPath.replace(/\.sqlite$/, '-files'), 'bundles', fileName);
}
