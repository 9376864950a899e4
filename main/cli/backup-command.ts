import { parseArgs } from 'node:util';
import type { JobStatus } from '../contract/areas/jobs';
import type { BackupInfo } from '../contract/areas/backups';
import { AppError, formatMessage } from '../contract/errors';
import { Client, locale, login, openCore, RefusedError, required, withUser } from './cli-support';

/** `welfare-ledger backup` and `restore`: the same requests as the app's 备份与恢复 page. */

export const BACKUP_USAGE = `backups:
  backup        back up the database and its attachments into a new folder in DIR
                --db FILE.sqlite --user ADMIN --out DIR
  restore       verify a backup folder and restore it (the current data is kept
                as a before-restore backup); a damaged database is restored
                without a login --db FILE.sqlite --user ADMIN --from BACKUPDIR`;

const options = { db: { type: 'string' }, user: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' } } as const;

/** Runs `backup`/`restore`; false when `command` is neither. */
export async function backupCommand(command: string | undefined, args: string[]): Promise<boolean> {
  if (command === 'backup') await backup(args);
  else if (command === 'restore') await restore(args);
  else return false;
  return true;
}

async function backup(args: string[]) {
  const { values } = parseArgs({ args, options });
  const out = required(values, 'out');
  await withUser(values, async (client) => {
    let status: JobStatus = await client.call('backups.create', { folder: out });
    while (status.state === 'running') {
      await new Promise((done) => setTimeout(done, 20));
      status = await client.call('jobs.status', { id: status.id });
    }
    if (status.state !== 'done' || !status.result) {
      throw new RefusedError(status.error ? formatMessage(status.error.code, status.error.field, status.error.params, locale) : status.state);
    }
    const made = status.result as BackupInfo;
    console.log(`${made.path}\t${made.size} bytes\t${made.files} files`);
  });
}

async function restore(args: string[]) {
  const { values } = parseArgs({ args, options });
  const from = required(values, 'from');
  const user = required(values, 'user');
  const core = openCore(required(values, 'db'));
  try {
    const client = new Client(core);
    const { problem } = await client.call('setup.status', {});
    if (problem?.code === 'DATABASE_DAMAGED') {
      // Nobody can log in to a damaged database; whoever may replace the file may restore it.
      const restored = await core.restoreDamaged(from, user).catch((error: unknown) => {
        throw error instanceof AppError ? new RefusedError(error.toLedgerError(locale).message) : error;
      });
      console.log(`restored ${restored.name}`);
      return;
    }
    await login(client, user);
    const { restored, keptCurrent } = await client.call('backups.restore', { path: from });
    console.log(`restored ${restored.name}; the previous data kept as ${keptCurrent.path}`);
  } finally {
    core.close();
  }
}
