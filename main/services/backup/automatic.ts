import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../contract/areas/backups';
import type { OfficeInfo } from '../../contract/areas/setup';
import type { CoreHost } from '../context';
import { createBackup, type BackupSource } from './create-backup';
import { inspectFolder } from './inspect';
import { parseBackupName, readManifest, toBackupInfo } from './manifest';
import { pruneAutomatic } from './retention';

/** The automatic backups' folder: `backups` in the data folder. */
export function automaticFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function backupSource(host: CoreHost, office: OfficeInfo, now: Date): BackupSource {
  return { office, now, filesDir: host.filesDir(), backupDatabase: (to) => host.backupDatabase(to), nativeBinding: host.nativeBinding };
}

/** An exit or daily backup into the automatic folder, then retention (only after it succeeded). */
export async function automaticBackup(host: CoreHost, office: OfficeInfo, kind: Extract<BackupKind, 'exit' | 'daily'>, now: Date): Promise<BackupInfo> {
  const folder = automaticFolder(host.dataDir);
  const made = await createBackup(backupSource(host, office, now), folder, kind);
  pruneAutomatic(folder);
  return made;
}

/** The backups in `folder`, newest first (folders whose manifest cannot be read are left out). */
export function listBackups(folder: string): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const found: BackupInfo[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || !parseBackupName(entry.name)) continue;
    try {
      const path = join(folder, entry.name);
      found.push(toBackupInfo(entry.name, path, readManifest(path)));
    } catch {
      // not a readable backup: inspect says why when someone picks it
    }
  }
  return found.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
}

export function isAutomatic(b: BackupInfo): boolean {
  return b.kind === 'exit' || b.kind === 'daily';
}

/**
 * The newest automatic backup that passes inspection, offered when the database is damaged (the
 * damaged file's office cannot be read, so the office is not compared: the data folder's own
 * backups folder only holds this installation's backups).
 */
export async function newestGoodBackup(dataDir: string, nativeBinding?: string): Promise<BackupInfo | null> {
  for (const backup of listBackups(automaticFolder(dataDir)).filter(isAutomatic)) {
    try {
      const { refusal } = await inspectFolder(backup.path, null, 'zh-CN', nativeBinding);
      if (!refusal) return backup;
    } catch {
      // unreadable: try the next older one
    }
  }
  return null;
}
