import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Ref } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n';
import { CheckView } from './CheckView';
import type { useBackupCheck } from './useBackupCheck';

/** 从备份恢复: a backup folder's path (or one chosen from the list), what it is, and 恢复. */
export function RestoreSection({ target, busy, onRestore, ref }: { target: ReturnType<typeof useBackupCheck>; busy: boolean; onRestore(): void; ref?: Ref<HTMLElement> }) {
  const { t } = useT();
  const path = target.path.trim();
  const restorable = target.check !== null && target.check.problem === null;
  return (
    <Paper ref={ref} withBorder p="md" radius="md" bg="white" component="section" aria-label={t('backups.restoreTitle')}>
      <Stack gap="sm">
        <Title order={5}>{t('backups.restoreTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('backups.restoreIntro')}
        </Text>
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('backups.path')}
            placeholder={t('backups.pathPlaceholder')}
            value={target.path}
            onChange={(event) => target.setPath(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && path) void target.inspect(path);
            }}
            disabled={busy}
            style={{ flex: 1, minWidth: 280 }}
            ff="monospace"
          />
          <Button variant={restorable ? 'default' : 'filled'} onClick={() => void target.inspect(path)} loading={target.checking} disabled={!path || busy}>
            {t('backups.inspect')}
          </Button>
        </Group>
        <ErrorAlert error={target.error} onClose={target.clearError} />
        {target.check && <CheckView check={target.check} />}
        {target.check && (
          <Group>
            <Button color="orange" disabled={!restorable || busy} onClick={onRestore}>
              {t('backups.restore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
