import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkStored, readStored, storedPath, storeFile } from './file-store';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

/** Every file under the folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('content-addressed file store', () => {
  let root: string;
  let filesDir: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'file-store-'));
    // Not created yet: the store makes its folders itself.
    filesDir = join(root, 'office-files');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256 in a folder named by its first two hex digits', () => {
    const sha256 = storeFile(filesDir, PNG);
    expect(sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    expect(filesUnder(filesDir)).toEqual([join('sha256', sha256.slice(0, 2), sha256)]);
    expect(readFileSync(storedPath(filesDir, sha256)).equals(PNG)).toBe(true);
    expect(readStored(filesDir, sha256)).toEqual({ state: 'ok', bytes: PNG });
  });

  it('keeps one file for the same bytes stored twice, and leaves no temporary files', () => {
    const first = storeFile(filesDir, PDF);
    const second = storeFile(filesDir, Buffer.from(PDF));
    const other = storeFile(filesDir, PNG);
    expect(second).toBe(first);
    expect(filesUnder(filesDir)).toEqual([join('sha256', first.slice(0, 2), first), join('sha256', other.slice(0, 2), other)].sort());
  });

  it('tells a missing file from an altered one, and hands out no altered bytes', () => {
    const gone = storeFile(filesDir, PNG);
    const changed = storeFile(filesDir, PDF);
    rmSync(storedPath(filesDir, gone));
    const bytes = readFileSync(storedPath(filesDir, changed));
    bytes[3] = bytes[3]! ^ 0xff;
    writeFileSync(storedPath(filesDir, changed), bytes);

    expect(readStored(filesDir, gone)).toEqual({ state: 'missing', bytes: null });
    expect(readStored(filesDir, changed)).toEqual({ state: 'altered', bytes: null });
    expect(checkStored(filesDir, [gone, changed, gone])).toEqual(
      new Map([
        [gone, 'missing'],
        [changed, 'altered'],
      ]),
    );
    // Never stored at all, not even the folder: missing too.
    expect(readStored(filesDir, 'ab'.repeat(32)).state).toBe('missing');
  });

  it('writes an altered or missing file again when the same bytes are stored', () => {
    const sha256 = storeFile(filesDir, PDF);
    writeFileSync(storedPath(filesDir, sha256), 'not the original');
    expect(storeFile(filesDir, PDF)).toBe(sha256);
    expect(readStored(filesDir, sha256).state).toBe('ok');
    rmSync(storedPath(filesDir, sha256));
    storeFile(filesDir, PDF);
    expect(readStored(filesDir, sha256).state).toBe('ok');
  });

  it('refuses a name that is not a SHA-256', () => {
    expect(() => storedPath(filesDir, '../../etc/passwd')).toThrow();
    expect(() => readStored(filesDir, 'AB'.repeat(32))).toThrow();
  });
});
