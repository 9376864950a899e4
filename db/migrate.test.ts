import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, SchemaTooNewError } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { openDatabase } from './open';

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'welfare-ledger-migrate-')), 'test.sqlite');
}

describe('migrations', () => {
  it('bundles every migration file on disk, in order', () => {
    const files = readdirSync(join(__dirname, 'migrations')).filter((f) => /^\d{4}-.+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => `${Number(f.slice(0, 4))}-${f.slice(5, -3)}`)).toEqual(MIGRATIONS.map((m) => `${m.version}-${m.name}`));
  });

  it('opens a new database with WAL, full sync, foreign keys and the latest version', () => {
    const opened = openDatabase(tempDb(), { create: true });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('user_version', { simple: true })).toBe(latestVersion());
    opened.close();
  });

  it('upgrades each previous version with its data intact', () => {
    for (let i = 1; i < MIGRATIONS.length; i++) {
      const path = tempDb();
      const db = new BetterSqlite3(path);
      migrate(db, MIGRATIONS.slice(0, i));
      db.exec(`INSERT INTO office VALUES (1, 'inst', 'county', '445302', '云城区民政局', '2026-01-01T00:00:00Z')`);
      migrate(db);
      expect(db.prepare('SELECT name FROM office').get()).toEqual({ name: '云城区民政局' });
      db.close();
    }
  });

  it('runs all pending migrations in one transaction: a failing one leaves the old version whole', () => {
    const db = new BetterSqlite3(tempDb());
    const first: Migration = { version: 1, name: 'a', up: (d) => d.exec('CREATE TABLE t (x INTEGER)') };
    migrate(db, [first]);
    db.exec('INSERT INTO t VALUES (42)');
    const second: Migration = { version: 2, name: 'b', up: (d) => d.exec('ALTER TABLE t ADD COLUMN y TEXT') };
    const broken: Migration = { version: 3, name: 'c', up: () => { throw new Error('power cut'); } };
    expect(() => migrate(db, [first, second, broken])).toThrow('power cut');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ x: 42 }]);
    expect(migrate(db, [first, second])).toEqual([2]);
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ x: 42, y: null }]);
  });

  it('refuses a database made by a newer version and leaves it untouched', () => {
    const path = tempDb();
    const db = new BetterSqlite3(path);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
    const again = new BetterSqlite3(path);
    expect(again.pragma('user_version', { simple: true })).toBe(latestVersion() + 1);
    again.close();
  });

  it('refuses out-of-order migration lists', () => {
    const db = new BetterSqlite3(':memory:');
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => undefined });
    expect(() => migrate(db, [m(2), m(1)])).toThrow(/out of order/);
  });
});
