import { resolve } from 'node:path';
import type { Output, Parsed } from '../../contract';
import { AppError } from '../../contract/errors';
import type { RequestContext } from '../context';
import { automaticFolder, backupSource, isAutomatic, listBackups } from './automatic';
import { createBackup } from './create-backup';
import { inspectFolder } from './inspect';
import { DATABASE_FILE, FILES_FOLDER } from './manifest';
import { RETENTION } from './retention';
import { join } from 'node:path';

/** The backups area's handlers: status, back up now (a job), inspect, restore. */

export function backupStatus(ctx: RequestContext, _input: Parsed<'backups.status'>): Output<'backups.status'> {
  const folder = automaticFolder(ctx.host.dataDir);
  const backups = listBackups(folder);
  return { folder, backups, lastAutomatic: backups.find(isAutomatic) ?? null, retention: { ...RETENTION } };
}

export function startBackup(ctx: RequestContext, input: Parsed<'backups.create'>): Output<'backups.create'> {
  const office = ctx.officeInfo();
  const folder = input.folder ? resolve(input.folder) : automaticFolder(ctx.host.dataDir);
  const host = ctx.host;
  return host.jobs.start(ctx.actor().id, 'backup', (progress) => createBackup(backupSource(host, office, ctx.clock.now()), folder, 'manual', progress));
}

export async function inspectBackup(ctx: RequestContext, input: Parsed<'backups.inspect'>): Promise<Output<'backups.inspect'>> {
  return (await inspectFolder(input.path, ctx.officeInfo(), 'zh-CN', ctx.host.nativeBinding)).check;
}

/**
 * Verifies the backup (refusing with the reason), keeps the current database as a
 * 'before-restore' backup, then has the core swap the files once this request's transaction has
 * ended (the database must be closed for that) and log everyone out.
 */
export async function restoreBackup(ctx: RequestContext, input: Parsed<'backups.restore'>): Promise<Output<'backups.restore'>> {
  const office = ctx.officeInfo();
  if (ctx.host.jobs.busy) throw new AppError('BACKUP_BUSY');
  const { check, refusal } = await inspectFolder(input.path, office, 'zh-CN', ctx.host.nativeBinding);
  if (refusal) throw refusal;
  const keptCurrent = await createBackup(backupSource(ctx.host, office, ctx.clock.now()), automaticFolder(ctx.host.dataDir), 'before-restore');
  const actor = ctx.actor();
  ctx.host.replaceDatabase(ctx.session, {
    database: join(check.backup.path, DATABASE_FILE),
    files: join(check.backup.path, FILES_FOLDER),
    audit: {
      action: 'restore',
      entity: 'office',
      entityId: null,
      summary: `恢复备份 ${check.backup.name}（${check.backup.createdAt}）；恢复前的数据保存为 ${keptCurrent.name}`,
      after: { backup: check.backup.name, createdAt: check.backup.createdAt, keptCurrent: keptCurrent.name },
      actorName: actor.displayName,
      actorId: actor.id,
    },
  });
  return { restored: check.backup, keptCurrent };
}
