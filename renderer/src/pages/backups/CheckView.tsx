import { Alert, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { SummaryItem } from '../../components/SummaryItem';
import { formatBytes, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { kindKey, type BackupCheck } from './backup-labels';

function Verdict({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size="xs" radius="xl" color={ok ? 'green' : 'red'} aria-hidden>
        <span style={{ fontSize: 9 }}>{ok ? '✓' : '✗'}</span>
      </ThemeIcon>
      <Text size="sm" c={ok ? undefined : 'red.8'}>
        {ok ? yes : no}
      </Text>
    </Group>
  );
}

/** What a backup is and whether it can be restored, as 'backups.inspect' found it. */
export function CheckView({ check }: { check: BackupCheck }) {
  const { t } = useT();
  const { backup } = check;
  return (
    <Stack gap="sm" data-testid="backup-check">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <SummaryItem label={t('backups.office')}>
          {backup.office} ({backup.divisionCode})
        </SummaryItem>
        <SummaryItem label={t('backups.when')}>{formatDateTime(backup.createdAt, false)}</SummaryItem>
        <SummaryItem label={t('backups.kind')}>{t(kindKey(backup.kind))}</SummaryItem>
        <SummaryItem label={t('backups.size')}>
          {formatBytes(backup.size)} · {t('backups.filesCount', { files: backup.files })}
        </SummaryItem>
        <SummaryItem label={t('backups.schema')}>{backup.schemaVersion}</SummaryItem>
        <SummaryItem label={t('backups.intactLabel')}>
          <Verdict ok={check.intact} yes={t('backups.intact')} no={t('backups.notIntact')} />
        </SummaryItem>
        <SummaryItem label={t('backups.sameOfficeLabel')}>
          <Verdict ok={check.sameOffice} yes={t('backups.sameOffice')} no={t('backups.otherOffice')} />
        </SummaryItem>
        <SummaryItem label={t('backups.schemaLabel')}>
          <Verdict ok={check.schemaSupported} yes={t('backups.schemaSupported')} no={t('backups.schemaTooNew')} />
        </SummaryItem>
      </SimpleGrid>
      {check.problem && (
        <Alert color="red" variant="light" role="alert" title={t('backups.cannotRestore')}>
          {check.problem}
        </Alert>
      )}
    </Stack>
  );
}
