import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 8 point 6: every file the app writes goes through main/services/files.ts (temp name, fsync,
 * rename, folder fsync). This lists every other call under main/ that creates or replaces a file and
 * fails on any not on the allow-list below, each entry saying why that call is safe.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'main');

const WRITE_CALLS: [string, RegExp][] = [
  ['writeFileSync', /\bwriteFileSync\s*\(/],
  ['writeFile', /\bwriteFile\s*\(/],
  ['appendFile', /\bappendFile(Sync)?\s*\(/],
  ['createWriteStream', /\bcreateWriteStream\s*\(/],
  ['renameSync', /\brenameSync\s*\(/],
  ['rename', /\brename\s*\(/],
  ['copyFileSync', /\bcopyFileSync\s*\(/],
  ['copyFile', /\bcopyFile\s*\(/],
  ['cpSync', /\bcp(Sync)?\s*\(/],
  ['open for writing', /\bopen(Sync)?\s*\([^)]*['"`][wa]x?\+?['"`]/],
  ['SQLite backup', /\.backup\s*\(/],
  ['VACUUM INTO', /VACUUM\s+INTO/i],
];

/** file (relative to main/) and call → why it is safe. Keep it short; prefer writeFileAtomic. */
const ALLOWED: Record<string, string> = {
  'bundles/write-bundle.ts open for writing':
    'streams the bundle to a hidden .<name>.<pid>.<hex>.tmp, file.sync(), then renameDurably to the final name',
  'services/city/bundle-store.ts copyFileSync':
    'stageCopy copies to <target>.<pid>.<ms>.partial, fsyncs it, and commit() renames it with renameDurably',
  'services/backup/create-backup.ts copyFileSync':
    'copies into the hidden folder .<name>.<pid>.tmp, fsyncs each file and folder, then renameDurably to the final name',
  'services/ledger-core.ts copyFileSync': 'restore (putInPlace): copies the backup database to tempPathFor(path), syncFile, then renameDurably',
  'services/ledger-core.ts SQLite backup': "backupDatabase: SQLite's online backup into createBackup's temp folder, renamed whole afterwards",
  'services/ledger-core.ts renameSync':
    'restore moves the live files folder (and a damaged -wal/-shm) aside, never writes into them; the folder is fsynced by the renameDurably that follows',
};

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function writeCalls(): { key: string; line: string }[] {
  const found: { key: string; line: string }[] = [];
  for (const path of sources(MAIN)) {
    const file = relative(MAIN, path).split('\\').join('/');
    if (file === 'services/files.ts') continue;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (/^\s*(\/\/|\*)/.test(text)) return; // comments
        for (const [call, pattern] of WRITE_CALLS) {
          if (pattern.test(text)) found.push({ key: `${file} ${call}`, line: `main/${file}:${index + 1}: ${text.trim()}` });
        }
      });
  }
  return found;
}

describe('file writes under main/', () => {
  it('go through files.ts, or are on the commented allow-list', () => {
    const unexpected = writeCalls().filter((call) => !(call.key in ALLOWED)).map((call) => call.line);
    expect(unexpected, 'use writeFileAtomic / renameDurably from main/services/files.ts').toEqual([]);
  });

  it('has no stale allow-list entries', () => {
    const keys = new Set(writeCalls().map((call) => call.key));
    expect(Object.keys(ALLOWED).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('recognises the calls it looks for', () => {
    const probes = [
      "writeFileSync(path, data)",
      "fs.createWriteStream(out)",
      "renameSync(a, b)",
      "copyFileSync(a, b)",
      "await open(temp, 'wx', 0o600)",
      "db.backup(target)",
      "db.exec(`VACUUM INTO '${path}'`)",
    ];
    for (const probe of probes) expect(WRITE_CALLS.some(([, pattern]) => pattern.test(probe)), probe).toBe(true);
    expect(WRITE_CALLS.some(([, pattern]) => pattern.test("openSync(path, 'r')")), 'reads are not writes').toBe(false);
  });
});
