import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../contract/areas/backups';
import type { OfficeInfo } from '../../contract/areas/setup';
import { AppError } from '../../contract/errors';
import { renameDurably, syncFile, syncFolder, tempPathFor, writeFileAtomic } from '../files';
import type { JobProgress } from '../jobs';
import { backupName, DATABASE_FILE, fileSize, FILES_FOLDER, listFiles, MANIFEST_FILE, sha256File, toBackupInfo, type Manifest } from './manifest';

/** What making a backup needs from the core that has the database open. */
export interface BackupSource {
  office: OfficeInfo;
  /** SQLite's online backup of the open connection into `toPath` (consistent while writes go on). */
  backupDatabase(toPath: string): Promise<void>;
  /** The attachments folder (may not exist yet). */
  filesDir: string;
  now: Date;
  nativeBinding?: string;
}

type Phases = Pick<JobProgress, 'phase' | 'advance' | 'throwIfCancelled'>;
const noProgress: Phases = { phase: () => undefined, advance: () => undefined, throwIfCancelled: () => undefined };

/** Copies every file of `from` into `to` (created), fsyncing each file and folder. Returns the relative paths. */
export function copyFolderDurably(from: string, to: string, onFile: () => void = () => undefined): string[] {
  mkdirSync(to, { recursive: true });
  const files = existsSync(from) ? listFiles(from) : [];
  const folders = new Set<string>([to]);
  for (const file of files) {
    const target = join(to, ...file.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(from, ...file.split('/')), target);
    syncFile(target);
    folders.add(dirname(target));
    onFile();
  }
  for (const folder of folders) syncFolder(folder);
  return files;
}

/**
 * Makes one backup folder in `folder`: the database copy, the attachments and the manifest are
 * written into a hidden temporary folder beside it, fsynced, and only then renamed to the final
 * name, so a half-made backup never carries that name.
 */
export async function createBackup(source: BackupSource, folder: string, kind: BackupKind, progress: Phases = noProgress): Promise<BackupInfo> {
  mkdirSync(folder, { recursive: true });
  let name = backupName(source.office.divisionCode, source.now, kind);
  for (let n = 2; existsSync(join(folder, name)); n++) name = `${backupName(source.office.divisionCode, source.now, kind)}-${n}`;
  // Named as every temp file is (tempPathFor): what a killed backup leaves is removed at the next start.
  const temp = tempPathFor(join(folder, name));
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    progress.phase('database', 1);
    const dbCopy = join(temp, DATABASE_FILE);
    await source.backupDatabase(dbCopy);
    const schemaVersion = settleCopy(dbCopy, source.nativeBinding);
    syncFile(dbCopy);
    progress.advance();
    progress.throwIfCancelled();

    const attachments = existsSync(source.filesDir) ? listFiles(source.filesDir) : [];
    progress.phase('files', attachments.length);
    copyFolderDurably(source.filesDir, join(temp, FILES_FOLDER), () => {
      progress.advance();
    });
    progress.throwIfCancelled();

    const sha256: Record<string, string> = { [DATABASE_FILE]: sha256File(dbCopy) };
    let size = fileSize(dbCopy);
    for (const file of attachments) {
      const path = join(temp, FILES_FOLDER, ...file.split('/'));
      sha256[`${FILES_FOLDER}/${file}`] = sha256File(path);
      size += fileSize(path);
    }
    const manifest: Manifest = {
      format: 1,
      kind,
      createdAt: source.now.toISOString(),
      office: source.office.name,
      divisionCode: source.office.divisionCode,
      installationId: source.office.installationId,
      schemaVersion,
      size,
      files: attachments.length,
      sha256,
    };
    writeFileAtomic(join(temp, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    syncFolder(temp);
    const final = join(folder, name);
    renameDurably(temp, final);
    return toBackupInfo(name, final, manifest);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('BACKUP_FAILED', undefined, { reason: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Turns the copy into a self-contained file (rollback journal instead of WAL), so it can be opened
 * read-only without SQLite creating -wal/-shm files beside it, and reads its schema version.
 */
function settleCopy(path: string, nativeBinding?: string): number {
  const copy = new BetterSqlite3(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    return copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
}
