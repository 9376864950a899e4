import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { quickCheckInBackground } from './quick-check';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database of a few hundred pages, checkpointed so every page is in the main file. */
function database(): string {
  dir = mkdtempSync(join(tmpdir(), 'quick-check-'));
  const path = join(dir, 'office.sqlite');
  const db = new BetterSqlite3(path);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL); CREATE INDEX t_text ON t (text);');
  const insert = db.prepare('INSERT INTO t (text) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`行 ${i} ${'字'.repeat(i % 40)}`);
  })();
  db.close();
  return path;
}

describe('the background integrity check', () => {
  it('passes a sound database, on its own thread and connection', async () => {
    expect(await quickCheckInBackground(database()).result).toEqual({ ok: true });
  });

  it('finds a damaged one and says what SQLite found', async () => {
    const path = database();
    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096;
    for (let i = middle; i < middle + 3 * 4096; i++) bytes[i] = (i * 131) % 251;
    writeFileSync(path, bytes);
    const found = await quickCheckInBackground(path).result;
    expect(found).toMatchObject({ ok: false });
    expect('detail' in found && found.detail.length).toBeGreaterThan(0);
  });

  it('answers "failed" (and the caller checks itself) when SQLite cannot be loaded with the given binding', async () => {
    const found = await quickCheckInBackground(database(), join(dir, 'no-such-binding.node')).result;
    expect(found).toHaveProperty('failed');
  });
});
