import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { ImportOutcome } from '../../main/contract/areas/city';
import { signingKeyFromPkcs8, toHex, type SigningKey } from '../../main/bundles/keys';
import type { BundleStatement } from '../../main/bundles/statement';
import { bundleEntries, encodeStatement, signStatement } from '../../main/bundles/write-bundle';
import { zipBytes } from '../../main/bundles/zip-write';
import { fileKeystore } from '../../main/services/keystore';
import { createLedgerCore } from '../../main/services/ledger-core';
import { entriesOf } from './bundle-corpus';
import { ADMIN, manualClock, TestClient, type TestOffice } from './office';
import { waitForJob, type KeyedCity, type KeyedCounty } from './bundles';

/** A city-mode office (云浮市 4453) with its admin logged in: it keeps no county registers. */
export async function createCityOffice(): Promise<{ admin: TestClient; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-city-'));
  const core = createLedgerCore({ dataDir: dir, clock: manualClock(), log: () => undefined });
  const admin = new TestClient(core);
  await admin.call('setup.create', { mode: 'city', divisionCode: '4453', officeName: '云浮市民政局', databasePath: join(dir, 'city.sqlite'), admin: ADMIN });
  await admin.login(ADMIN.username, ADMIN.password);
  return {
    admin,
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The bytes of a database file with everything committed in it: the WAL is checkpointed into the
 * main file first (through a second connection while the office's own sits idle), so a write
 * that only reached the WAL still changes the bytes compared.
 */
export function committedBytes(dbPath: string): Buffer {
  const sqlite = new BetterSqlite3(dbPath);
  try {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (!result || result.busy !== 0) throw new Error(`checkpoint of ${dbPath} did not complete`);
  } finally {
    sqlite.close();
  }
  return readFileSync(dbPath);
}

/** Files the city keeps (accepted bundles, uploads waiting), relative to its files folder. */
export function cityFiles(city: KeyedCity): string[] {
  const root = city.office.dbPath.replace(/\.sqlite$/, '-files');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

/** Uploads a bundle through the import screen's request and waits for the job: its outcome. */
export async function importBundle(client: TestClient, path: string, fileName = path.split('/').pop()!): Promise<ImportOutcome> {
  const job = await client.call('cityBundles.import', { fileName, contentBase64: readFileSync(path).toString('base64') });
  const done = await waitForJob(client, job);
  if (done.state !== 'done' || !done.result) throw new Error(`import job ${done.state}: ${done.error?.code ?? ''} ${done.error?.message ?? ''}`);
  return done.result;
}

/** The city enrolls the county's key with the digits read out over the phone. */
export async function enroll(city: KeyedCity, county: Pick<KeyedCounty, 'keyFile' | 'digits'>) {
  return city.admin.call('cityKeys.enroll', { content: county.keyFile.content, confirmedFingerprint: county.digits });
}

/**
 * A county's active signing key, unsealed outside the app (its test keystore is a file beside the
 * database): what someone holding the county's key could sign with.
 */
export function stolenSigningKey(county: KeyedCounty): SigningKey {
  const sqlite = new BetterSqlite3(county.office.dbPath, { readonly: true });
  try {
    const row = sqlite.prepare('SELECT private_key_sealed FROM signing_key WHERE retired_at IS NULL').get() as { private_key_sealed: Buffer };
    return signingKeyFromPkcs8(new Uint8Array(fileKeystore(join(county.office.dir, 'keystore.key')).open(row.private_key_sealed)));
  } finally {
    sqlite.close();
  }
}

/**
 * The bundle at `path` with its statement changed by `change` and signed again by `key` (the
 * data files untouched, so their hashes still hold): a bundle its signer really made.
 */
export function resigned(path: string, key: SigningKey, change: (s: BundleStatement) => BundleStatement, out: string): string {
  const entries = entriesOf(readFileSync(path));
  const statement = JSON.parse(Buffer.from(entries[0]!.data).toString('utf8')) as BundleStatement;
  const bytes = encodeStatement(change({ ...statement, signer: toHex(key.publicKey) }));
  writeFileSync(out, zipBytes(bundleEntries(bytes, signStatement(bytes, key), entries.slice(2).map((e) => ({ path: e.name, data: e.data })))));
  return out;
}

/**
 * A copy of an office's database as it is now, taken with the office closed; the office is
 * reopened (`admin` is a new client). `restore()` puts the copy back — the office restored from
 * its backup — and returns a new logged-in admin client.
 */
export async function backupOf(office: TestOffice): Promise<{ admin: TestClient; restore(): Promise<TestClient> }> {
  office.core.close();
  const copy = `${office.dbPath}.backup`;
  copyFileSync(office.dbPath, copy);
  office.reopen();
  return {
    admin: await adminOf(office),
    async restore() {
      office.core.close();
      for (const suffix of ['-wal', '-shm']) rmSync(office.dbPath + suffix, { force: true });
      copyFileSync(copy, office.dbPath);
      office.reopen();
      return adminOf(office);
    },
  };
}

/** A new logged-in admin client of the office (after `reopen`, the old clients talk to a closed core). */
export async function adminOf(office: TestOffice): Promise<TestClient> {
  const client = new TestClient(office.core);
  await client.login(ADMIN.username, ADMIN.password);
  return client;
}
