import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../db/open';
import { parseCountyKeyFile, parseKeyRotation } from '../bundles/key-files';
import { openBundle } from '../bundles/open-bundle';
import { verifyBundle } from '../bundles/verify-bundle';
import { passphraseKeystore } from '../services/keystore';
import { openCityIdentity } from '../services/bundles/keys';
import { formatMessage } from '../contract/errors';
import { locale } from './cli-support';
import { main } from './index';

/** A refusal as the CLI prints it in the test process's language. */
const msg = (code: string, params: Record<string, string | number> = {}, field?: string) => formatMessage(code, field, params, locale);
const SEQUENCE = locale === 'en' ? 'sequence' : '序号';

/** Runs the CLI in-process: exit status, stdout and stderr. */
async function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  try {
    const status = await main(args);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const PASSPHRASE = 'county key passphrase 1';
const CITY_PASSPHRASE = 'city key passphrase 1';
const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-cli-bundles-'));
const countyDb = join(dir, 'yuncheng.sqlite');
const cityDb = join(dir, 'yunfu.sqlite');
const user = ['--user', 'admin'];

beforeAll(() => {
  process.env.WELFARE_LEDGER_PASSWORD = 'cli-password-1';
  delete process.env.WELFARE_LEDGER_KEY_PASSPHRASE;
});
afterAll(() => {
  delete process.env.WELFARE_LEDGER_PASSWORD;
  rmSync(dir, { recursive: true, force: true });
});

const digitsOf = (stdout: string) => /(\d{5}(?: \d{5}){7})/.exec(stdout)?.[1];

describe('CLI: keys and export-bundle', () => {
  it('creates both offices\' keys, exchanges the key files, and exports a verifiable 2021 bundle', async () => {
    expect((await cli(['init', '--db', countyDb, '--division', '445302', '--office', '云城区民政局', '--admin', 'admin'])).status).toBe(0);
    expect((await cli(['init', '--db', cityDb, '--mode', 'city', '--division', '4453', '--office', '云浮市民政局', '--admin', 'admin'])).status).toBe(0);
    expect((await cli(['demo', '--db', countyDb, ...user])).status).toBe(0);

    // No key yet; creating one needs the passphrase (a usage error without it).
    const none = await cli(['keys', 'show', '--db', countyDb, ...user]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(msg('NO_SIGNING_KEY'));
    expect((await cli(['keys', 'create', '--db', countyDb, ...user])).status).toBe(2);
    const created = await cli(['keys', 'create', '--db', countyDb, ...user], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);

    // keys show works without the passphrase.
    const shown = await cli(['keys', 'show', '--db', countyDb, ...user]);
    expect(shown.status).toBe(0);
    const countyDigits = digitsOf(shown.stdout)!;
    expect(countyDigits).toBe(digitsOf(created.stdout));
    expect(shown.stdout).toMatch(/: (\S{2} ){5}\S{2}\n/);
    expect(shown.stdout).toMatch(/: [0-9a-f]{64}/);

    // The county's public key file needs the key (self-signed); the city's needs none.
    const countyKeyFile = join(dir, 'county-key.json');
    const refused = await cli(['keys', 'export-public', '--db', countyDb, ...user, '--out', countyKeyFile]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(msg('KEY_PASSPHRASE_REQUIRED'));
    const passFile = join(dir, 'passphrase.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    expect((await cli(['keys', 'export-public', '--db', countyDb, ...user, '--out', countyKeyFile, '--passphrase-file', passFile])).status).toBe(0);
    const countyKey = parseCountyKeyFile(readFileSync(countyKeyFile));
    expect(countyKey).toMatchObject({ county: '445302', countyName: '云城区', office: '云城区民政局' });
    expect(countyKey.fingerprint.digits).toBe(countyDigits);

    expect((await cli(['keys', 'create', '--db', cityDb, ...user], { WELFARE_LEDGER_KEY_PASSPHRASE: CITY_PASSPHRASE })).status).toBe(0);
    const cityDigits = digitsOf((await cli(['keys', 'show', '--db', cityDb, ...user])).stdout)!;
    const cityKeyFile = join(dir, 'city-key.json');
    expect((await cli(['keys', 'export-public', '--db', cityDb, ...user, '--out', cityKeyFile])).status).toBe(0);

    // The county imports the city key only with the fingerprint read out by phone.
    const wrong = await cli(['keys', 'import-city', cityKeyFile, '--db', countyDb, ...user, '--fingerprint', countyDigits]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(msg('FINGERPRINT_MISMATCH', {}, 'confirmedFingerprint'));
    const imported = await cli(['keys', 'import-city', cityKeyFile, '--db', countyDb, ...user, '--fingerprint', cityDigits]);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain(cityDigits);

    // export-bundle: the file, its sequence and SHA-256.
    const outDir = join(dir, 'usb');
    const exported = await cli(['export-bundle', '--db', countyDb, ...user, '--period', '2021', '--out', outDir], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE });
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const [path, sequence, sha] = exported.stdout.split('\n');
    expect(path).toBe(join(outDir, '445302-2021-000001.wlb'));
    expect(sequence).toBe(`${SEQUENCE}: 1`);
    expect(sha).toBe(`SHA-256: ${createHash('sha256').update(readFileSync(path!)).digest('hex')}`);

    // The city verifies it with the county key file and opens it with its own key.
    const verified = await verifyBundle(path!, {
      trust: (key) => (key === countyKey.publicKey ? { county: '445302', retiredAt: null, revokedAt: null } : null),
      now: new Date(Date.now() + 60_000),
    });
    const city = openDatabase(cityDb);
    const identity = await openCityIdentity(city.db, passphraseKeystore(CITY_PASSPHRASE)).finally(() => city.close());
    let summary: { progress?: unknown } = {};
    await openBundle(verified, {
      identity: identity.identity,
      recipient: identity.recipient,
      onRecord(contents, record) {
        if (contents === 'summary') summary = record as typeof summary;
      },
    });
    expect(summary.progress).toMatchObject({ year: 2021, tasks: 13, built: 13, ratePerMille: 1000, bedsInstalled: 75, homeVisits: 8534 });

    // Again: refused; as a correction; a re-export of sequence 1.
    const again = await cli(['export-bundle', '--db', countyDb, ...user, '--period', '2021', '--out', outDir], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(msg('PERIOD_ALREADY_SENT', { period: '2021', sequence: 1 }, 'period'));
    const corrected = await cli(['export-bundle', '--db', countyDb, ...user, '--period', '2021', '--correction', '更正床位数', '--out', outDir], {
      WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE,
    });
    expect(corrected.stdout.split('\n').slice(0, 2)).toEqual([join(outDir, '445302-2021-000002.wlb'), `${SEQUENCE}: 2`]);
    const copied = await cli(['export-bundle', '--db', countyDb, ...user, '--reexport', '1', '--out', outDir], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE });
    expect(copied.stdout.split('\n').slice(0, 2)).toEqual([join(outDir, '445302-2021-000003.wlb'), `${SEQUENCE}: 3`]);
    expect(readdirSync(outDir).sort()).toEqual(['445302-2021-000001.wlb', '445302-2021-000002.wlb', '445302-2021-000003.wlb']);
  }, 120_000);

  it('rotates the signing key and writes the rotation statement for the city', async () => {
    const before = digitsOf((await cli(['keys', 'show', '--db', countyDb, ...user])).stdout)!;
    const rotation = join(dir, 'rotation.json');
    const rotated = await cli(['keys', 'rotate', '--db', countyDb, ...user, '--out', rotation], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE });
    expect(rotated.stderr).toBe('');
    expect(rotated.status).toBe(0);
    const after = digitsOf(rotated.stdout)!;
    expect(after).not.toBe(before);
    const parsed = parseKeyRotation(readFileSync(rotation));
    expect(parsed.county).toBe('445302');
    const shown = (await cli(['keys', 'show', '--db', countyDb, ...user])).stdout;
    expect(digitsOf(shown)).toBe(after);
    expect(shown).toContain(before);
    // A wrong passphrase opens nothing.
    const wrong = await cli(['keys', 'rotate', '--db', countyDb, ...user, '--out', rotation], { WELFARE_LEDGER_KEY_PASSPHRASE: 'not the passphrase' });
    expect(wrong.status).toBe(1);
    expect(parseKeyRotation(readFileSync(rotation))).toEqual(parsed);
  }, 60_000);

  it('says how to use it', async () => {
    expect((await cli(['export-bundle', '--db', countyDb, ...user, '--period', '2021'])).status).toBe(2);
    expect((await cli(['export-bundle', '--db', countyDb, ...user, '--period', '2021', '--reexport', '1', '--out', dir])).status).toBe(2);
    expect((await cli(['export-bundle', '--db', countyDb, ...user, '--reexport', 'x', '--out', dir], { WELFARE_LEDGER_KEY_PASSPHRASE: PASSPHRASE })).status).toBe(2);
    expect((await cli(['keys', 'import-city', '--db', countyDb, ...user, '--fingerprint', '1'])).status).toBe(2);
    expect((await cli(['keys', 'frobnicate'])).status).toBe(2);
    const help = await cli(['help']);
    expect(help.stdout).toContain('export-bundle');
    expect(help.stdout).toContain('keys import-city FILE');
  });
});
