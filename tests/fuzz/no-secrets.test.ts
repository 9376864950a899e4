import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName } from '../../main/contract';
import { createTestOffice, type TestOffice } from '../support/office';

/**
 * Issue 8 point 5, "secrets never sent to the renderer": every cheap read an admin can make
 * returns nothing of the password hashes, the sealed private keys or the keystore's key, neither
 * by column name nor by value.
 */

const MARKERS = /password_?hash|private_?key_?sealed|identity_?sealed|scrypt\$|AGE-SECRET-KEY|PRIVATE KEY/i;

/** The secrets as they are stored, in every spelling a leak could take (text, base64, hex). */
function storedSecrets(office: TestOffice): string[] {
  const db = new BetterSqlite3(office.dbPath, { readonly: true });
  try {
    const has = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const column = (table: string, name: string) => (has(table) ? (db.prepare(`SELECT "${name}" AS v FROM "${table}"`).all() as { v: string | Buffer }[]).map((r) => r.v) : []);
    const values = [...column('staff', 'password_hash'), ...column('signing_key', 'private_key_sealed'), ...column('city_identity', 'identity_sealed')];
    const keyFile = join(office.dir, 'keystore.key');
    if (existsSync(keyFile)) values.push(readFileSync(keyFile));
    return values.flatMap((v) =>
      typeof v === 'string' ? [v, v.split('$').at(-1)!] : [v.toString('base64').slice(0, 40), v.toString('hex').slice(0, 40), v.toString('base64url').slice(0, 40)],
    );
  } finally {
    db.close();
  }
}

function firstId(office: TestOffice, table: string): string {
  const db = new BetterSqlite3(office.dbPath, { readonly: true });
  try {
    const row = db.prepare(`SELECT id FROM "${table}" LIMIT 1`).get() as { id: string } | undefined;
    if (!row) throw new Error(`no ${table} in the demo data`);
    return row.id;
  } finally {
    db.close();
  }
}

async function readEverything(office: TestOffice, reads: [RequestName, unknown][]): Promise<string> {
  const outputs: string[] = [];
  for (const [name, input] of reads) {
    const result = await office.admin.send(name, input);
    expect(result.ok, `${name}: ${result.ok ? '' : result.error.code}`).toBe(true);
    outputs.push(JSON.stringify(result));
  }
  return outputs.join('\n');
}

function expectNoSecrets(text: string, secrets: string[]) {
  expect(secrets.length).toBeGreaterThan(2);
  expect(text).not.toMatch(MARKERS);
  for (const secret of secrets) expect(text.includes(secret), `a stored secret (${secret.slice(0, 8)}…) was sent`).toBe(false);
}

const COMMON: [RequestName, unknown][] = [
  ['setup.status', {}],
  ['auth.me', {}],
  ['staff.list', {}],
  ['audit.list', {}],
  ['keys.status', {}],
  ['keys.publicFile', {}],
  ['divisions.children', { code: null }],
  ['backups.status', {}],
];

describe('no secret reaches the renderer', () => {
  let county: TestOffice;
  let city: TestOffice;
  beforeAll(async () => {
    county = await createTestOffice();
    await county.admin.call('demo.fill', {});
    await county.admin.call('keys.create', {});
    // A reset password leaves an audit entry: it must not carry the hash either.
    await county.clientWithRole('clerk', 'clerk1');
    const clerk = (await county.admin.call('staff.list', {})).find((s) => s.username === 'clerk1')!;
    await county.admin.call('staff.resetPassword', { id: clerk.id, version: clerk.version, password: 'another-pass-99', passwordConfirm: 'another-pass-99' });
    city = await createTestOffice('4453', { mode: 'city' });
    await city.admin.call('keys.create', {});
  }, 120_000);
  afterAll(() => {
    county?.close();
    city?.close();
  });

  it('in a county office with demo data and a signing key', async () => {
    const institutionId = firstId(county, 'institution');
    const text = await readEverything(county, [
      ...COMMON,
      ['people.list', { limit: 200 }],
      ['people.get', { id: firstId(county, 'person') }],
      ['stations.list', {}],
      ['stations.get', { id: firstId(county, 'station') }],
      ['stations.history', { id: firstId(county, 'station') }],
      ['stats.month', { month: '2021-06' }],
      ['stats.completeness', { year: 2021 }],
      ['beds.list', {}],
      ['beds.get', { id: firstId(county, 'family_bed') }],
      ['bedRates.list', {}],
      ['subsidy.statements', { month: '2021-06' }],
      ['targets.list', {}],
      ['reports.progress', { year: 2021 }],
      ['reports.coverage', {}],
      ['reports.dashboard', { year: 2021 }],
      ['institutions.list', {}],
      ['institutions.get', { id: institutionId }],
      ['institutionBeds.list', { institutionId }],
      ['allowanceStandards.list', {}],
      ['allowance.roster', { institutionId, month: '2025-08' }],
      ['residents.list', {}],
      ['residents.get', { id: firstId(county, 'resident') }],
      ['residents.overview', {}],
      ['renovations.list', {}],
      ['renovations.get', { id: firstId(county, 'renovation_case') }],
      ['renovationItems.list', {}],
      ['renovationCaps.list', {}],
      ['renovationTargets.list', {}],
      ['renovations.progress', { year: 2026 }],
      ['imports.registers', {}],
      ['imports.history', {}],
      ['bundles.history', {}],
    ]);
    expectNoSecrets(text, storedSecrets(county));
  });

  it('recognises a leak: the stored values themselves, with or without their column names', () => {
    const secrets = storedSecrets(county);
    const leaked = secrets.map((secret) => JSON.stringify({ value: secret }));
    for (const text of leaked) expect(() => expectNoSecrets(text, secrets)).toThrow();
    expect(() => expectNoSecrets('{"passwordHash":"x"}', secrets)).toThrow();
  });

  it('in the city office with its key pair', async () => {
    const text = await readEverything(city, [...COMMON, ['cityKeys.list', {}], ['cityBundles.list', {}], ['cityTables.periods', {}]]);
    expectNoSecrets(text, storedSecrets(city));
  });
});
