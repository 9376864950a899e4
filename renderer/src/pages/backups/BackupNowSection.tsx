import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { SummaryItem } from '../../components/SummaryItem';
import { useJob } from '../../hooks/useJob';
import { useT } from '../../i18n';
import { formatBytes } from '../../format';
import type { BackupInfo } from './backup-labels';

/**
 * 立即备份: to a folder the admin types (a USB stick's path) or, left empty, to the automatic
 * backups folder; a job with a progress bar, then the backup's folder name and size.
 */
export function BackupNowSection(props: { onBackedUp(): void }) {
  const { t } = useT();
  const [folder, setFolder] = useState('');
  const [result, setResult] = useState<BackupInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const job = useJob<BackupInfo>();
  const [starting, setStarting] = useState(false);

  const backUp = async () => {
    setResult(null);
    setError(null);
    setCancelled(false);
    setStarting(true);
    const target = folder.trim();
    try {
      const end = await job.run(() => call('backups.create', { folder: target === '' ? null : target }));
      if (end.state === 'done' && end.result) setResult(end.result);
      else if (end.state === 'cancelled') setCancelled(true);
      else if (end.error) setError(end.error);
    } catch (caught) {
      setError(caught);
    } finally {
      setStarting(false);
      job.reset();
      props.onBackedUp();
    }
  };

  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('backups.nowTitle')}>
      <Stack gap="sm">
        <Title order={5}>{t('backups.nowTitle')}</Title>
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('backups.folder')}
            description={t('backups.folderHelp')}
            placeholder={t('backups.folderPlaceholder')}
            value={folder}
            onChange={(event) => setFolder(event.currentTarget.value)}
            disabled={starting}
            style={{ flex: 1, minWidth: 280 }}
            ff="monospace"
          />
          <Button onClick={() => void backUp()} loading={starting}>
            {t('backups.now')}
          </Button>
        </Group>
        {job.job && <JobProgress job={job.job} title={t('backups.running')} onCancel={job.cancel} />}
        {result && (
          <Alert
            color="green"
            variant="light"
            role="status"
            title={t('backups.done')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setResult(null)}
            data-testid="backup-result"
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <SummaryItem label={t('backups.folderName')}>
                <Text size="sm" fw={600} ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {result.name}
                </Text>
              </SummaryItem>
              <SummaryItem label={t('backups.size')}>{formatBytes(result.size)}</SummaryItem>
              <SummaryItem label={t('backups.files')}>{String(result.files)}</SummaryItem>
              <SummaryItem label={t('backups.where')} span={3}>
                <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {result.path}
                </Text>
              </SummaryItem>
            </SimpleGrid>
          </Alert>
        )}
        {cancelled && (
          <Alert color="gray" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCancelled(false)}>
            {t('backups.cancelled')}
          </Alert>
        )}
        <ErrorAlert error={error} title={t('backups.failedTitle')} onClose={() => setError(null)} />
      </Stack>
    </Paper>
  );
}
