import { closeSync, type Dirent, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Writes to a temporary name, fsyncs, renames over the target, then fsyncs the folder. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = tempPathFor(path);
  const fd = openSync(temp, 'w', 0o600);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // write(2) may write less than asked (very large buffers, full disk): loop until all is out.
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameDurably(temp, path);
  } catch (error) {
    // Rename refused (target is a folder, permissions): leave nothing behind but the old file.
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Renames a file that is already fsynced to its final name, and makes the rename itself durable. */
export function renameDurably(from: string, to: string): void {
  renameSync(from, to);
  syncFolder(dirname(to));
}

/** Fsyncs a file written by other means (a copy) before it is renamed into place. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Fsyncs a folder, so that a rename or a new name in it survives a power cut. */
export function syncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Temporary names left by a process that died mid-write: `<name>.<pid>.<stamp>.tmp` (tempPathFor),
 * `.<name>.<pid>.<hex>.tmp` (writeBundle) and `<name>.<pid>.<stamp>.partial` (the city's staged
 * bundle copies). The final name is never touched by an interrupted write, so such a file is only
 * garbage. Bundle export's `<name>.partial` (no pid) is not matched: it belongs to the export's own
 * ordered release.
 */
const TEMP_NAME = /\.(\d{1,10})\.[0-9a-f]{1,16}\.(?:tmp|partial)$/;

/**
 * A temporary name beside `path` (file or folder) that removeStaleTempFiles recognises: use it for
 * anything that is written first and renamed to `path` afterwards.
 */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${Date.now()}.tmp`;
}

/** The pid that owns a temporary file name, or null when the name is not one of ours. */
export function tempFileOwner(name: string): number | null {
  const match = TEMP_NAME.exec(name);
  return match ? Number(match[1]) : null;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in `folder` (and, with `deep`, its subfolders), the temporary files and folders of writes
 * whose process is no longer running (killed, power cut). Meant for startup; one whose pid is alive
 * (another CLI run, or a reused pid) is left alone, so at worst it survives until the next start.
 * Folders that only ever get temp files at their top (the data folder, backups) are scanned shallow,
 * so start-up does not walk every backup's copy of the attachments. Returns the removed paths.
 */
export function removeStaleTempFiles(folder: string, { deep = true }: { deep?: boolean } = {}): string[] {
  const removed: string[] = [];
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return removed;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isDirectory()) continue; // links and devices are never ours
    const path = join(folder, entry.name);
    const owner = tempFileOwner(entry.name);
    if (owner !== null && !isRunning(owner)) {
      // A temp folder (a backup being assembled) goes whole.
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } else if (deep && entry.isDirectory()) {
      removed.push(...removeStaleTempFiles(path));
    }
  }
  return removed;
}
