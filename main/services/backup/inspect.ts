import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { latestVersion } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import type { BackupCheck, BackupInfo } from '../../contract/areas/backups';
import type { OfficeInfo } from '../../contract/areas/setup';
import { AppError } from '../../contract/errors';
import type { Locale } from '../../contract/messages';
import { readOffice } from '../office/setup';
import { DATABASE_FILE, FILES_FOLDER, listFiles, readManifest, sha256File, toBackupInfo } from './manifest';

export interface Inspection {
  check: BackupCheck;
  /** Why it cannot be restored (the first reason found), or null. */
  refusal: AppError | null;
}

/**
 * Verifies a backup folder without changing it: every file against the manifest's SHA-256 (and no
 * file the manifest does not name), PRAGMA integrity_check of the copy opened read-only, the
 * schema version against this program's, and — when `office` is given — that the copy holds the
 * same office (division and installation id).
 */
export async function inspectFolder(path: string, office: OfficeInfo | null, locale: Locale = 'zh-CN', nativeBinding?: string): Promise<Inspection> {
  const folder = resolve(path);
  const manifest = readManifest(folder);
  const backup: BackupInfo = toBackupInfo(basename(folder), folder, manifest);
  let intact = true;
  let sameOffice = true;
  let schemaSupported = true;
  let refusal: AppError | null = null;
  const refuse = (error: AppError) => {
    refusal ??= error;
  };

  const present = listFiles(folder).filter((f) => f === DATABASE_FILE || f.startsWith(`${FILES_FOLDER}/`));
  const named = Object.keys(manifest.sha256).sort();
  for (const file of new Set([...present, ...named])) {
    const expected = manifest.sha256[file];
    const full = join(folder, ...file.split('/'));
    if (!expected || !existsSync(full) || sha256File(full) !== expected) {
      intact = false;
      refuse(new AppError('BACKUP_DAMAGED', 'path', { file }));
    }
  }
  if (!manifest.sha256[DATABASE_FILE]) {
    intact = false;
    refuse(new AppError('BACKUP_DAMAGED', 'path', { file: DATABASE_FILE }));
  }

  const supported = latestVersion();
  if (manifest.schemaVersion > supported) {
    schemaSupported = false;
    refuse(new AppError('BACKUP_SCHEMA_TOO_NEW', 'path', { found: manifest.schemaVersion, supported }));
  }

  if (intact) {
    const copy = openDatabase(join(folder, DATABASE_FILE), { readonly: true, nativeBinding });
    try {
      const rows = copy.sqlite.pragma('integrity_check') as { integrity_check: string }[];
      const version = copy.sqlite.pragma('user_version', { simple: true }) as number;
      if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') {
        intact = false;
        refuse(new AppError('BACKUP_DAMAGED', 'path', { file: DATABASE_FILE }));
      } else if (version > supported) {
        schemaSupported = false;
        refuse(new AppError('BACKUP_SCHEMA_TOO_NEW', 'path', { found: version, supported }));
      } else if (office) {
        // The office as the copy itself records it, not as the (unsigned) manifest claims.
        const held = version > 0 ? await readOffice(copy.db) : null;
        if (!held || held.divisionCode !== office.divisionCode || held.installationId !== office.installationId) {
          sameOffice = false;
          refuse(new AppError('BACKUP_OTHER_OFFICE', 'path', { office: held ? `${held.name} ${held.divisionCode}` : manifest.office }));
        }
      }
    } catch (error) {
      intact = false;
      refuse(new AppError('BACKUP_DAMAGED', 'path', { file: error instanceof Error ? `${DATABASE_FILE}: ${error.message}` : DATABASE_FILE }));
    } finally {
      copy.close();
    }
  }

  const found = refusal as AppError | null;
  return {
    check: { backup, intact, sameOffice, schemaSupported, problem: found ? found.toLedgerError(locale).message : null },
    refusal: found,
  };
}

