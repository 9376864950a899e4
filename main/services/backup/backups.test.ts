import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../../db/migrate';
import type { BackupInfo } from '../../contract/areas/backups';
import type { JobStatus } from '../../contract/areas/jobs';
import { ADMIN, createTestOffice, TestClient, type TestOffice } from '../../../tests/support/office';
import { MANIFEST_FILE, sha256File } from './manifest';

/** Backups, inspection and restore through the contract, on real office databases. */

const offices: TestOffice[] = [];
afterEach(() => {
  for (const o of offices.splice(0)) o.close();
});

async function office(division = '445302') {
  const o = await createTestOffice(division);
  offices.push(o);
  return o;
}

async function backupNow(client: TestClient, folder?: string): Promise<BackupInfo> {
  const job = await client.call('backups.create', { folder: folder ?? null });
  let done: JobStatus = job;
  while (done.state === 'running') {
    await new Promise((r) => setTimeout(r, 5));
    done = await client.call('jobs.status', { id: job.id });
  }
  if (done.state !== 'done') throw new Error(`backup ${done.state}: ${done.error?.message}`);
  return done.result as BackupInfo;
}

const addPerson = (client: TestClient, name: string) => client.call('people.create', { person: { name, sex: 'F', birthDate: '1940-02-03' } });
const names = async (client: TestClient) => (await client.call('people.list', { limit: 500 })).rows.map((r) => r.name).sort();

function countPeople(dbFile: string): number {
  const copy = new BetterSqlite3(dbFile, { readonly: true });
  try {
    return (copy.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n;
  } finally {
    copy.close();
  }
}

/** Rewrites a backup's manifest after its files were changed on purpose, so only what the test means is wrong. */
function rehash(folder: string, change: (m: Record<string, unknown>) => void = () => undefined) {
  const manifest = JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as { sha256: Record<string, string> } & Record<string, unknown>;
  for (const file of Object.keys(manifest.sha256)) manifest.sha256[file] = sha256File(join(folder, ...file.split('/')));
  change(manifest);
  writeFileSync(join(folder, MANIFEST_FILE), JSON.stringify(manifest));
}

describe('backups.create', () => {
  it('makes a consistent copy while writes go on, with a manifest of every file', async () => {
    const o = await office();
    for (let i = 0; i < 20; i++) await addPerson(o.admin, `备份前${i}`);
    mkdirSync(join(o.dir, 'office-files', 'ab'), { recursive: true });
    writeFileSync(join(o.dir, 'office-files', 'ab', 'photo.jpg'), 'before-photo');

    const job = await o.admin.call('backups.create', { folder: join(o.dir, 'usb') });
    let written = 0;
    let status: JobStatus = job;
    while (status.state === 'running') {
      // Yield to the event loop as a window's IPC does: the job and the backup steps run on it.
      await new Promise((r) => setImmediate(r));
      await addPerson(o.admin, `备份中${written++}`);
      status = await o.admin.call('jobs.status', { id: job.id });
    }
    expect(status.state).toBe('done');
    const made = status.result as BackupInfo;
    expect(made.name).toMatch(/^welfare-ledger-445302-\d{8}-\d{6}-manual$/);
    expect(made.files).toBe(1);
    expect(readdirSync(join(o.dir, 'usb'))).toEqual([made.name]);

    const copy = join(made.path, 'office.sqlite');
    const check = new BetterSqlite3(copy, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const n = countPeople(copy);
    expect(n).toBeGreaterThanOrEqual(20);
    expect(n).toBeLessThanOrEqual(20 + written);
    expect(readFileSync(join(made.path, 'files', 'ab', 'photo.jpg'), 'utf8')).toBe('before-photo');

    const manifest = JSON.parse(readFileSync(join(made.path, MANIFEST_FILE), 'utf8')) as { sha256: Record<string, string>; schemaVersion: number };
    expect(Object.keys(manifest.sha256).sort()).toEqual(['files/ab/photo.jpg', 'office.sqlite']);
    expect(manifest.sha256['office.sqlite']).toBe(sha256File(copy));
    expect(manifest.schemaVersion).toBe(latestVersion());
    const inspected = await o.admin.call('backups.inspect', { path: made.path });
    expect(inspected).toMatchObject({ intact: true, sameOffice: true, schemaSupported: true, problem: null });
  });

  it('is refused to a clerk', async () => {
    const o = await office();
    const clerk = await o.clientWithRole('clerk');
    expect((await clerk.refusal('backups.create', {})).code).toBe('FORBIDDEN');
  });
});

describe('automatic backups', () => {
  it('keep exactly the newest 14 days and 12 months over 400 days, and never manual ones', async () => {
    const o = await office();
    const manual = await backupNow(o.admin);
    const made: { name: string; day: string; month: string }[] = [];
    for (let day = 0; day < 400; day++) {
      o.clock.advanceMinutes(24 * 60);
      const daily = await o.core.automaticBackup('daily');
      expect(daily).not.toBeNull();
      // Asked again the same day: nothing, one a day at most.
      expect(await o.core.automaticBackup('daily')).toBeNull();
      const list = [daily!];
      if (day % 3 === 0) {
        o.clock.advanceMinutes(60);
        list.push((await o.core.automaticBackup('exit'))!);
      }
      for (const b of list) made.push({ name: b.name, day: b.name.split('-')[3]!, month: b.name.split('-')[3]!.slice(0, 6) });
    }
    // Expected, worked out from the list of what was made: the last of each newest day and month.
    const lastOf = (key: 'day' | 'month', count: number) => {
      const byKey = new Map<string, string>();
      for (const b of made) byKey.set(b[key], b.name);
      return [...byKey.values()].slice(-count);
    };
    const expected = new Set([...lastOf('day', 14), ...lastOf('month', 12)]);
    await o.admin.login(ADMIN.username, ADMIN.password); // 400 idle days locked the session
    const status = await o.admin.call('backups.status', {});
    const automatic = status.backups.filter((b) => b.kind === 'daily' || b.kind === 'exit').map((b) => b.name);
    expect(new Set(automatic)).toEqual(expected);
    // 14 days + 12 months, less those counting for both (a month's last day among the newest 14).
    expect([lastOf('day', 14).length, lastOf('month', 12).length]).toEqual([14, 12]);
    expect(automatic.length).toBeGreaterThanOrEqual(24);
    expect(status.backups.map((b) => b.name)).toContain(manual.name);
    expect(status.lastAutomatic?.name).toBe(made.at(-1)!.name);
  }, 120_000);
});

describe('backups.inspect', () => {
  it('refuses a tampered file, another office and a newer schema, and restore refuses them unchanged', async () => {
    const o = await office();
    await addPerson(o.admin, '原有老人');
    mkdirSync(join(o.dir, 'office-files'), { recursive: true });
    writeFileSync(join(o.dir, 'office-files', 'doc.pdf'), 'document');

    const tampered = await backupNow(o.admin, join(o.dir, 'a'));
    writeFileSync(join(tampered.path, 'files', 'doc.pdf'), 'documenT');
    const t = await o.admin.call('backups.inspect', { path: tampered.path });
    expect(t).toMatchObject({ intact: false, sameOffice: true, schemaSupported: true });
    expect(t.problem).toContain('files/doc.pdf');

    const extra = await backupNow(o.admin, join(o.dir, 'b'));
    writeFileSync(join(extra.path, 'files', 'added.exe'), 'x');
    expect((await o.admin.call('backups.inspect', { path: extra.path })).intact).toBe(false);

    const other = await office('445381');
    const foreign = await backupNow(other.admin, join(o.dir, 'c'));
    const f = await o.admin.call('backups.inspect', { path: foreign.path });
    expect(f).toMatchObject({ intact: true, sameOffice: false });
    expect(f.problem).toContain('罗定市民政局');

    const newer = await backupNow(o.admin, join(o.dir, 'd'));
    const copy = new BetterSqlite3(join(newer.path, 'office.sqlite'));
    copy.pragma(`user_version = ${latestVersion() + 1}`);
    copy.close();
    rehash(newer.path, (m) => (m.schemaVersion = latestVersion() + 1));
    const n = await o.admin.call('backups.inspect', { path: newer.path });
    expect(n).toMatchObject({ intact: true, schemaSupported: false });
    expect(n.problem).toContain(`版本 ${latestVersion() + 1}`);

    expect((await o.admin.refusal('backups.inspect', { path: o.dir })).code).toBe('BACKUP_NOT_FOUND');
    for (const [path, code] of [
      [tampered.path, 'BACKUP_DAMAGED'],
      [foreign.path, 'BACKUP_OTHER_OFFICE'],
      [newer.path, 'BACKUP_SCHEMA_TOO_NEW'],
    ] as const) {
      expect((await o.admin.refusal('backups.restore', { path })).code).toBe(code);
    }
    expect(await names(o.admin)).toEqual(['原有老人']);
    expect(existsSync(join(o.dir, 'backups'))).toBe(false);
  });
});

describe('backups.restore', () => {
  it('brings the data back, keeps the current data as a backup, logs everyone out and records it', async () => {
    const o = await office();
    const viewer = await o.clientWithRole('viewer');
    await addPerson(o.admin, '甲');
    const files = join(o.dir, 'office-files');
    mkdirSync(files, { recursive: true });
    writeFileSync(join(files, 'kept.jpg'), 'old');
    const made = await backupNow(o.admin, join(o.dir, 'usb'));

    await addPerson(o.admin, '乙');
    writeFileSync(join(files, 'kept.jpg'), 'changed');
    writeFileSync(join(files, 'later.jpg'), 'later');

    const { restored, keptCurrent } = await o.admin.call('backups.restore', { path: made.path });
    expect(restored.name).toBe(made.name);
    expect(keptCurrent.kind).toBe('before-restore');

    expect((await o.admin.refusal('people.list', {})).code).toBe('NOT_LOGGED_IN');
    expect((await viewer.refusal('people.list', {})).code).toBe('NOT_LOGGED_IN');
    await o.admin.login(ADMIN.username, ADMIN.password);
    expect(await names(o.admin)).toEqual(['甲']);
    expect(readdirSync(files).sort()).toEqual(['kept.jpg']);
    expect(readFileSync(join(files, 'kept.jpg'), 'utf8')).toBe('old');

    expect(countPeople(join(keptCurrent.path, 'office.sqlite'))).toBe(2);
    expect(readFileSync(join(keptCurrent.path, 'files', 'later.jpg'), 'utf8')).toBe('later');
    expect((await o.admin.call('backups.status', {})).backups.map((b) => b.name)).toContain(keptCurrent.name);

    const audit = await o.admin.call('audit.list', { limit: 5 });
    const event = audit.rows.find((r) => r.action === 'restore');
    expect(event?.summary).toContain(made.name);
    expect(event?.actorName).toBe(ADMIN.displayName);

    // The office keeps working on the restored file, and survives a reopen.
    await addPerson(o.admin, '丙');
    o.reopen();
    const again = new TestClient(o.core);
    await again.login(ADMIN.username, ADMIN.password);
    expect(await names(again)).toEqual(['丙', '甲'].sort());
  });
});

describe('what an interrupted backup or restore left', () => {
  it('is tidied at the next start: a dead backup’s temp folder removed, a files folder moved aside put back', async () => {
    const o = await office();
    const backups = join(o.dir, 'backups');
    const deadPid = 2_000_000_000;
    const leftover = join(backups, `welfare-ledger-445302-20261122-100000-daily.${deadPid}.${Date.now()}.tmp`);
    mkdirSync(join(leftover, 'files'), { recursive: true });
    writeFileSync(join(leftover, 'office.sqlite'), 'half a copy');
    // A restore killed between its two renames: the office's files folder is only there under .old-<pid>.
    const filesDir = join(o.dir, 'office-files');
    const aside = `${filesDir}.old-${deadPid}`;
    mkdirSync(join(aside, 'sha256'), { recursive: true });
    writeFileSync(join(aside, 'sha256', 'photo'), 'a photo');
    rmSync(filesDir, { recursive: true, force: true });

    const client = new TestClient(o.reopen());
    await client.login(ADMIN.username, ADMIN.password);
    expect(existsSync(leftover)).toBe(false);
    expect(readFileSync(join(filesDir, 'sha256', 'photo'), 'utf8')).toBe('a photo');
    expect(existsSync(aside)).toBe(false);
    expect((await client.call('backups.status', {})).backups).toEqual([]);
  });
});

describe('a damaged database', () => {
  it('is not opened: DATABASE_DAMAGED names the newest good backup, and it can be restored', async () => {
    const o = await office();
    for (let i = 0; i < 300; i++) await addPerson(o.admin, `老人${i}`);
    // One a day: retention keeps only the last backup of each day.
    await o.core.automaticBackup('exit');
    o.clock.advanceMinutes(24 * 60);
    const good = (await o.core.automaticBackup('exit'))!;
    o.clock.advanceMinutes(24 * 60);
    const broken = (await o.core.automaticBackup('exit'))!;
    writeFileSync(join(broken.path, 'office.sqlite'), 'not a database');
    o.core.close();

    const bytes = readFileSync(o.dbPath);
    const pageSize = 4096;
    const middle = Math.floor(bytes.length / pageSize / 2) * pageSize;
    for (let i = middle - 2 * pageSize; i < middle + 2 * pageSize; i++) bytes[i] = (i * 131) % 251;
    writeFileSync(o.dbPath, bytes);

    const core = o.reopen();
    const client = new TestClient(core);
    // The check runs in the background; a login writes, so it waits for the check and is refused.
    expect((await client.refusal('auth.login', { username: ADMIN.username, password: ADMIN.password })).code).toBe('DATABASE_DAMAGED');
    const status = await client.call('setup.status', {});
    expect(status.configured).toBe(false);
    expect(status.problem?.code).toBe('DATABASE_DAMAGED');
    expect(status.problem?.params?.backupPath).toBe(good.path);
    expect(status.problem?.message).toContain('已损坏');
    expect((await client.refusal('people.list', {})).code).toBe('DATABASE_DAMAGED');

    await core.restoreDamaged(good.path, '信息科');
    await client.login(ADMIN.username, ADMIN.password);
    expect((await client.call('people.list', { limit: 1 })).total).toBe(300);
    expect(readdirSync(o.dir).some((f) => f.startsWith('office.sqlite.damaged-'))).toBe(true);
  });

  it('a database from a newer version stays refused', async () => {
    const o = await office();
    o.core.close();
    const db = new BetterSqlite3(o.dbPath);
    db.pragma(`user_version = ${latestVersion() + 1}`);
    db.close();
    const client = new TestClient(o.reopen());
    expect((await client.call('setup.status', {})).problem?.code).toBe('SCHEMA_TOO_NEW');
    await expect(client.core.restoreDamaged(o.dir, 'x')).rejects.toThrow();
  });
});
