import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../../db/migrate';
import { ADMIN, TestClient } from '../../../tests/support/office';
import { createLedgerCore } from '../ledger-core';

function freshCore() {
  const dir = mkdtempSync(join(tmpdir(), 'welfare-ledger-setup-'));
  const core = createLedgerCore({ dataDir: dir, log: () => undefined });
  return { dir, core, client: new TestClient(core) };
}

const valid = (dbPath: string) => ({
  mode: 'county' as const,
  divisionCode: '445381',
  officeName: '罗定市民政局',
  databasePath: dbPath,
  admin: ADMIN,
});

describe('first-start setup', () => {
  it('reports an unconfigured installation with a proposed database path', async () => {
    const { dir, client } = freshCore();
    const status = await client.call('setup.status', {});
    expect(status).toEqual({ configured: false, office: null, defaultDatabasePath: join(dir, 'welfare-ledger.sqlite'), problem: null, newestBackup: null });
  });

  it('creates the office database, remembers it, and the admin can log in after a restart', async () => {
    const { dir, core, client } = freshCore();
    const dbPath = join(dir, 'data', 'office.sqlite');
    const office = await client.call('setup.create', valid(dbPath));
    expect(office).toMatchObject({ mode: 'county', divisionCode: '445381', divisionName: '广东省云浮市罗定市', name: '罗定市民政局' });
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({ databasePath: dbPath });
    core.close();
    const again = createLedgerCore({ dataDir: dir, log: () => undefined });
    const next = new TestClient(again);
    expect((await next.call('setup.status', {})).office?.name).toBe('罗定市民政局');
    await next.login('admin', ADMIN.password);
    expect((await next.refusal('setup.create', valid(join(dir, 'other.sqlite')))).code).toBe('ALREADY_SET_UP');
    again.close();
  });

  it('refuses an existing database path, weak or mismatched passwords, and a wrong division level, creating nothing', async () => {
    const { dir, client } = freshCore();
    const existing = join(dir, 'existing.sqlite');
    writeFileSync(existing, 'precious');
    const target = join(dir, 'new.sqlite');
    const cases: [object, string, string][] = [
      [valid(existing), 'DATABASE_PATH_EXISTS', 'databasePath'],
      [valid('relative.sqlite'), 'DATABASE_PATH_INVALID', 'databasePath'],
      [{ ...valid(target), admin: { ...ADMIN, password: 'short', passwordConfirm: 'short' } }, 'PASSWORD_TOO_SHORT', 'admin.password'],
      [{ ...valid(target), admin: { ...ADMIN, passwordConfirm: 'something else' } }, 'PASSWORD_MISMATCH', 'admin.passwordConfirm'],
      [{ ...valid(target), divisionCode: '445300' }, 'DIVISION_UNKNOWN', 'divisionCode'],
      [{ ...valid(target), divisionCode: '44530' }, 'INVALID_INPUT', 'divisionCode'],
      [{ ...valid(target), divisionCode: '4453' }, 'DIVISION_NOT_COUNTY', 'divisionCode'],
      [{ ...valid(target), mode: 'city' }, 'DIVISION_NOT_CITY', 'divisionCode'],
    ];
    for (const [input, code, field] of cases) {
      expect(await client.refusal('setup.create', input)).toMatchObject({ code, field });
    }
    expect(readFileSync(existing, 'utf8')).toBe('precious');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('sets up a city office for a prefecture-level city', async () => {
    const { dir, client } = freshCore();
    const office = await client.call('setup.create', { ...valid(join(dir, 'city.sqlite')), mode: 'city', divisionCode: '4453', officeName: '云浮市民政局' });
    expect(office).toMatchObject({ mode: 'city', divisionName: '广东省云浮市' });
  });

  it('refuses to open a database made by a newer version and says so plainly', async () => {
    const { dir, core, client } = freshCore();
    const dbPath = join(dir, 'office.sqlite');
    await client.call('setup.create', valid(dbPath));
    core.close();
    const raw = new BetterSqlite3(dbPath);
    raw.pragma(`user_version = ${latestVersion() + 5}`);
    raw.close();
    const again = new TestClient(createLedgerCore({ dataDir: dir, log: () => undefined }));
    const status = await again.call('setup.status', {});
    expect(status.configured).toBe(false);
    expect(status.problem?.code).toBe('SCHEMA_TOO_NEW');
    expect(status.problem?.message).toContain('更新版本');
    expect((await again.refusal('auth.login', { username: 'admin', password: ADMIN.password })).code).toBe('SCHEMA_TOO_NEW');
  });
});
