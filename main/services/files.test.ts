import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, tempFileOwner, tempPathFor, writeFileAtomic } from './files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('writeFileAtomic', () => {
  it('replaces the file whole, readable by the owner only, with no temporary file left', () => {
    const path = join(dir, '导出.xlsx');
    writeFileAtomic(path, '旧');
    writeFileAtomic(path, Buffer.from([1, 2, 3]));
    expect(readFileSync(path)).toEqual(Buffer.from([1, 2, 3]));
    expect(readdirSync(dir)).toEqual(['导出.xlsx']);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file and no temporary file when the rename is refused', () => {
    const path = join(dir, 'occupied');
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(readdirSync(path)).toEqual(['inside']);
  });
});

describe('tempFileOwner', () => {
  it.each([
    ['export.xlsx.4242.1764370000000.tmp', 4242], // writeFileAtomic
    ['.445302-2025-Q1-3.wlb.partial.4242.9f3ac2d1.tmp', 4242], // writeBundle
    ['445302-2025-Q1-3.wlb.4242.1764370000000.partial', 4242], // the city's staged bundle copy
  ])('knows %s as a temporary file of pid %i', (name, pid) => {
    expect(tempFileOwner(name)).toBe(pid);
  });

  it('knows the names tempPathFor makes', () => {
    expect(tempFileOwner(tempPathFor('/data/office.sqlite').split('/').at(-1)!)).toBe(process.pid);
  });

  it.each(['export.xlsx', '445302-2025-Q1-3.wlb.partial', 'welfare-ledger.sqlite-wal', 'report.2025.tmp', 'a.4242.zz.tmp', 'config.json'])(
    'leaves %s alone',
    (name) => {
      expect(tempFileOwner(name)).toBeNull();
    },
  );
});

describe('removeStaleTempFiles', () => {
  it('removes the temporary files of ended processes, in subfolders too, and nothing else', () => {
    const dead = deadPid();
    mkdirSync(join(dir, 'sha256', 'ab'), { recursive: true });
    const stale = [`config.json.${dead}.1764370000000.tmp`, `sha256/ab/${'ab'.repeat(32)}.${dead}.1764370000001.tmp`, `.b.wlb.${dead}.0a1b2c3d.tmp`];
    const kept = [
      'config.json',
      'b.wlb.partial', // bundle export's own half of its ordered release
      `mine.${process.pid}.1764370000000.tmp`, // a write of this process
      `parent.${process.ppid}.1764370000000.tmp`, // a write of a running process
    ];
    for (const name of [...stale, ...kept]) writeFileSync(join(dir, name), 'x');

    expect(removeStaleTempFiles(dir).map((path) => path.slice(dir.length + 1).split('\\').join('/')).sort()).toEqual([...stale].sort());
    expect(readdirSync(dir).sort()).toEqual([...kept, 'sha256'].sort());
    expect(readdirSync(join(dir, 'sha256', 'ab'))).toEqual([]);
  });

  it('removes a stale temporary folder whole', () => {
    const stale = `.445302-daily.${deadPid()}.1764370000000.tmp`;
    mkdirSync(join(dir, 'backups', stale, 'files'), { recursive: true });
    writeFileSync(join(dir, 'backups', stale, 'office.sqlite'), 'half');
    expect(removeStaleTempFiles(dir)).toEqual([join(dir, 'backups', stale)]);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });

  it('scans only the folder itself when asked for a shallow scan', () => {
    const dead = deadPid();
    mkdirSync(join(dir, 'backups', 'welfare-ledger-445302-20261120-daily', 'files'), { recursive: true });
    const nested = join(dir, 'backups', 'welfare-ledger-445302-20261120-daily', 'files', `a.${dead}.1764370000000.tmp`);
    const top = join(dir, `config.json.${dead}.1764370000000.tmp`);
    writeFileSync(nested, 'x');
    writeFileSync(top, 'x');
    expect(removeStaleTempFiles(dir, { deep: false })).toEqual([top]);
    expect(readdirSync(dirname(nested))).toEqual([basename(nested)]);
  });

  it('does nothing for a folder that does not exist', () => {
    expect(removeStaleTempFiles(join(dir, 'missing'))).toEqual([]);
  });
});
