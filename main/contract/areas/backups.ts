import { z } from 'zod';
import { request } from '../define';
import type { JobStatus } from './jobs';

/**
 * Backups and restore (issue 8). A backup is a folder: a consistent copy of the office database
 * (SQLite's online backup), the attachments folder beside it, and a manifest naming the office,
 * the schema version, when and why it was made, and every file's SHA-256. The app makes one at
 * every clean exit and at most once a day while running, keeping the last 14 daily and 12
 * monthly ones in the data folder's `backups`; an admin can also back up now to any folder (a
 * USB stick) and restore from a backup, which is verified first and keeps the current database
 * as a backup of its own.
 */

export type BackupKind = 'exit' | 'daily' | 'manual' | 'before-restore';

export interface BackupInfo {
  /** The backup folder's name, e.g. welfare-ledger-445302-20261122-103000-daily. */
  name: string;
  /** Absolute path of the backup folder. */
  path: string;
  kind: BackupKind;
  createdAt: string;
  /** The office it belongs to. */
  office: string;
  divisionCode: string;
  installationId: string;
  schemaVersion: number;
  /** Bytes of the database copy plus the attachments. */
  size: number;
  /** Attachments (renovation photos and documents) copied. */
  files: number;
}

/** What restoring a backup would find, before anything is changed. */
export interface BackupCheck {
  backup: BackupInfo;
  /** PRAGMA integrity_check of the copy, and every file against the manifest's SHA-256. */
  intact: boolean;
  /** The same office as the open one (the same division and installation lineage). */
  sameOffice: boolean;
  /** Not made by a newer version of the program. */
  schemaSupported: boolean;
  /** Why it cannot be restored, when it cannot (a translated message). */
  problem: string | null;
}

export interface BackupStatus {
  /** The folder the automatic backups go to. */
  folder: string;
  backups: BackupInfo[];
  lastAutomatic: BackupInfo | null;
  retention: { daily: number; monthly: number };
}

/**
 * A folder as an absolute path (/media/usb/备份, D:\备份, \\server\share): a relative one would
 * land wherever the program happens to run from.
 */
const folderPath = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\'), {
    params: { code: 'PATH_NOT_ABSOLUTE' },
  });

export const backupRequests = {
  'backups.status': request<BackupStatus>()({ access: 'admin', input: z.strictObject({}) }),
  /** Backs up now (a job: database, then attachments), to `folder` or to the automatic backups folder. */
  'backups.create': request<JobStatus<BackupInfo>>()({ access: 'admin', input: z.strictObject({ folder: folderPath.nullish() }) }),
  'backups.inspect': request<BackupCheck>()({ access: 'admin', input: z.strictObject({ path: folderPath }) }),
  /**
   * Restores the backup at `path`: verified first; the current database is kept as a backup
   * ('before-restore'); then the files are swapped atomically and the office reopened. Everyone
   * is logged out.
   */
  /**
   * Only while the start-up check has found the database damaged (nobody can log in to it):
   * restores the newest automatic backup of this installation that passes inspection (the one
   * setup.status offers), keeping the damaged file beside it. Refused at any other time.
   */
  'backups.restoreNewest': request<BackupInfo>()({ access: 'public', input: z.strictObject({}) }),
  'backups.restore': request<{ restored: BackupInfo; keptCurrent: BackupInfo }>()({
    access: 'admin',
    input: z.strictObject({ path: folderPath }),
  }),
};
