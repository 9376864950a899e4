import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { BackupInfo, BackupKind } from '../../contract/areas/backups';
import { AppError } from '../../contract/errors';

/** What a backup folder holds beside the database copy and the attachments. */
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_FILE = 'office.sqlite';
export const FILES_FOLDER = 'files';

const KINDS = ['exit', 'daily', 'manual', 'before-restore'] as const satisfies readonly BackupKind[];

const manifestSchema = z.object({
  format: z.literal(1),
  kind: z.enum(KINDS),
  createdAt: z.string(),
  office: z.string(),
  divisionCode: z.string(),
  installationId: z.string(),
  schemaVersion: z.number().int(),
  size: z.number().int(),
  files: z.number().int(),
  /** Relative path (with '/') → SHA-256 hex, for the database copy and every attachment. */
  sha256: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Folder name: welfare-ledger-<division>-<YYYYMMDD-HHmmss>-<kind>, in China time like every date
 * of the office (what a person reads, and the days and months retention counts), whatever the
 * machine's time zone.
 */
export function backupName(divisionCode: string, at: Date, kind: BackupKind): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const china = new Date(at.getTime() + 8 * 3600_000);
  const stamp = `${china.getUTCFullYear()}${p(china.getUTCMonth() + 1)}${p(china.getUTCDate())}-${p(china.getUTCHours())}${p(china.getUTCMinutes())}${p(china.getUTCSeconds())}`;
  return `welfare-ledger-${divisionCode}-${stamp}-${kind}`;
}

const NAME = /^welfare-ledger-\d{4,6}-(\d{8})-(\d{6})-(exit|daily|manual|before-restore)(-\d+)?$/;

/** The kind and local day/month of a backup folder, from its name alone (retention needs no file reads). */
export function parseBackupName(name: string): { kind: BackupKind; day: string; month: string; stamp: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  return { kind: m[3] as BackupKind, day: m[1]!, month: m[1]!.slice(0, 6), stamp: `${m[1]}-${m[2]}${m[4] ?? ''}` };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Every regular file under `folder`, as paths relative to it with '/' separators. */
export function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(folder, full).split(sep).join('/'));
    }
  };
  walk(folder);
  return out.sort();
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** Reads and checks the shape of a backup's manifest; a folder without one is not a backup. */
export function readManifest(folder: string): Manifest {
  let text: string;
  try {
    text = readFileSync(join(folder, MANIFEST_FILE), 'utf8');
  } catch {
    throw new AppError('BACKUP_NOT_FOUND', 'path');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('BACKUP_DAMAGED', 'path', { file: MANIFEST_FILE });
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) throw new AppError('BACKUP_DAMAGED', 'path', { file: MANIFEST_FILE });
  return result.data;
}

export function toBackupInfo(name: string, path: string, m: Manifest): BackupInfo {
  return {
    name,
    path,
    kind: m.kind,
    createdAt: m.createdAt,
    office: m.office,
    divisionCode: m.divisionCode,
    installationId: m.installationId,
    schemaVersion: m.schemaVersion,
    size: m.size,
    files: m.files,
  };
}
