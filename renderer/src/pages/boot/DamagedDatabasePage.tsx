import { Alert, Button, Code, Stack, Text } from '@mantine/core';
import { call } from '../../client';
import { CenteredPage } from '../../components/CenteredPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SummaryItem } from '../../components/SummaryItem';
import type { LedgerError } from '../../contract';
import { formatDateTime } from '../../format';
import { useActions } from '../../hooks/useActions';
import { useT } from '../../i18n';
import { kindKey, type BackupKind } from '../backups/backup-labels';

const KINDS: readonly BackupKind[] = ['before-restore', 'daily', 'manual', 'exit'];

/**
 * The newest good backup DATABASE_DAMAGED names (params backupPath, backupCreatedAt); its kind is
 * the last word of the backup folder's name (…-20261122-1030-daily) unless the error says it.
 */
export function newestBackupOf(problem: LedgerError): { path: string; createdAt: string; kind: BackupKind | null } | null {
  const path = problem.params?.backupPath;
  if (typeof path !== 'string' || path === '') return null;
  const createdAt = String(problem.params?.backupCreatedAt ?? '');
  const stated = problem.params?.backupKind;
  const name = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const kind = KINDS.find((k) => k === stated) ?? KINDS.find((k) => name.endsWith(`-${k}`)) ?? null;
  return { path, createdAt, kind };
}

/** The CLI line that restores `path` while the app is closed (main/cli/backup-command.ts). */
export function restoreCommand(path: string): string {
  return `welfare-ledger restore --db FILE.sqlite --user ADMIN --from "${path}"`;
}

/**
 * The start-up check found the database damaged: the app did not open it. Said plainly, with the
 * newest good backup: restored here with one button (the damaged file is kept beside it), or
 * from the command line with the app closed.
 */
export function DamagedDatabasePage({ problem, onRetry }: { problem: LedgerError; onRetry: () => void }) {
  const { t } = useT();
  const backup = newestBackupOf(problem);
  const { busy, error, run, clearError } = useActions();
  const restore = () =>
    run('run', async () => {
      await call('backups.restoreNewest', {});
      onRetry();
    });
  return (
    <CenteredPage width={680}>
      <Stack data-testid="database-damaged">
        <Alert color="red" variant="light" role="alert" title={t('backups.boot.damagedTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('backups.boot.damagedText')}</Text>
            <Text size="xs" c="dimmed">
              {t('boot.problemCode', { code: problem.code })}
            </Text>
          </Stack>
        </Alert>
        {backup ? (
          <Stack gap="sm">
            <SummaryItem label={t('backups.boot.newest')}>
              <Text size="sm" fw={600} data-testid="newest-backup">
                {formatDateTime(backup.createdAt, false)}
                {backup.kind && ` · ${t(kindKey(backup.kind))}`}
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                {backup.path}
              </Text>
            </SummaryItem>
            <Text size="sm" c="dimmed">
              {t('backups.boot.restoreHelp')}
            </Text>
            <ErrorAlert error={error} onClose={clearError} />
            <Button onClick={restore} loading={busy === 'run'} w="fit-content" data-testid="restore-newest">
              {t('backups.boot.restore')}
            </Button>
            <Text size="sm">{t('backups.boot.cliHelp')}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {restoreCommand(backup.path)}
            </Code>
          </Stack>
        ) : (
          <Text size="sm">{t('backups.boot.noBackup')}</Text>
        )}
        <Button variant="default" onClick={onRetry} w="fit-content">
          {t('common.retry')}
        </Button>
      </Stack>
    </CenteredPage>
  );
}
