import { Alert, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session/session-context';
import { AutoBackupsSection } from './AutoBackupsSection';
import { BackupList } from './BackupList';
import { BackupNowSection } from './BackupNowSection';
import type { BackupStatus } from './backup-labels';
import { RestoreSection } from './RestoreSection';
import { useBackupCheck } from './useBackupCheck';

/**
 * 备份与恢复 (admins, county and city): the automatic backups and the list of those kept, 立即备份
 * to any folder, and 从备份恢复 — checked first, confirmed in plain words, then everyone is logged
 * out (the restored database has its own sessions and accounts).
 */
export function BackupsPage() {
  const { t } = useT();
  const { logout } = useSession();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  const target = useBackupCheck();
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<unknown>(null);
  const restoreRef = useRef<HTMLElement>(null);

  const load = useCallback(async () => {
    try {
      setStatus(await call('backups.status', {}));
      setStatusError(null);
    } catch (caught) {
      setStatusError(caught);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** From the list: the restore section shows what the backup is; `thenConfirm` goes on to ask. */
  const choose = async (path: string, thenConfirm: boolean) => {
    setRestoreError(null);
    restoreRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    const found = await target.inspect(path);
    if (thenConfirm && found && found.problem === null) setConfirming(true);
  };

  const restore = async () => {
    const check = target.check;
    if (!check) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      await call('backups.restore', { path: check.backup.path });
      setConfirming(false);
      // Every session ended with the swap: back to the login page.
      logout();
    } catch (caught) {
      setConfirming(false);
      setRestoreError(caught);
      void load();
    } finally {
      setRestoring(false);
    }
  };

  const check = target.check;
  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.backups')}</Title>
      <Text size="sm" c="dimmed">
        {t('backups.intro')}
      </Text>
      <ErrorAlert error={statusError} />
      {status === null && !statusError && (
        <Group justify="center" py="md">
          <Loader size="sm" />
        </Group>
      )}
      {status && (
        <AutoBackupsSection status={status}>
          <BackupList
            backups={status.backups}
            busy={restoring || target.checking}
            onInspect={(path) => void choose(path, false)}
            onRestore={(path) => void choose(path, true)}
          />
        </AutoBackupsSection>
      )}
      <BackupNowSection onBackedUp={() => void load()} />
      <RestoreSection ref={restoreRef} target={target} busy={restoring} onRestore={() => setConfirming(true)} />
      <ErrorAlert error={restoreError} title={t('backups.restoreFailed')} onClose={() => setRestoreError(null)} />
      <ConfirmModal
        opened={confirming && check !== null}
        title={t('backups.confirmTitle')}
        confirmLabel={t('backups.restore')}
        color="orange"
        busy={restoring}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void restore()}
      >
        {check && (
          <Stack gap="xs">
            <Text size="sm">{t('backups.confirmWhich', { when: formatDateTime(check.backup.createdAt, false), office: check.backup.office })}</Text>
            <Alert color="orange" variant="light">
              {t('backups.confirmText')}
            </Alert>
          </Stack>
        )}
      </ConfirmModal>
    </Stack>
  );
}
