import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { SummaryItem } from '../../components/SummaryItem';
import { formatBytes, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { kindKey, type BackupStatus } from './backup-labels';

/** 自动备份: where the automatic backups go, the last one, the rule for what is kept, and (children) the list. */
export function AutoBackupsSection({ status, children }: { status: BackupStatus; children: ReactNode }) {
  const { t } = useT();
  const last = status.lastAutomatic;
  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('backups.autoTitle')}>
      <Stack gap="sm">
        <Title order={5}>{t('backups.autoTitle')}</Title>
        <Text size="sm">{t('backups.autoIntro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SummaryItem label={t('backups.autoFolder')}>
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="backups-folder">
              {status.folder}
            </Text>
          </SummaryItem>
          <SummaryItem label={t('backups.lastAutomatic')}>
            <span data-testid="backups-last">
              {last
                ? t('backups.lastText', { when: formatDateTime(last.createdAt, false), kind: t(kindKey(last.kind)), size: formatBytes(last.size) })
                : t('backups.noAutomatic')}
            </span>
          </SummaryItem>
          <SummaryItem label={t('backups.retention')} span={2}>
            {t('backups.retentionText', { daily: status.retention.daily, monthly: status.retention.monthly })}
          </SummaryItem>
        </SimpleGrid>
        <Title order={6} mt="xs">
          {t('backups.listTitle')}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
