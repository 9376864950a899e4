import { Alert, Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SummaryItem } from '../../components/SummaryItem';
import type { BundleExportRow } from '../../contract';
import { useT } from '../../i18n';
import { formatBytes } from '../../format';
import { periodText, purposeLabel } from './bundle-labels';
import { downloadBundle } from './download-bundle';
import { HashText } from './HashText';

/** A bundle just written: its file name, sequence and SHA-256, and 保存到U盘/下载. */
export function ExportResult(props: { row: BundleExportRow; onClose(): void }) {
  const { t } = useT();
  const { row } = props;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await downloadBundle(row.sequence);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      title={t('bundles.exported', { purpose: purposeLabel(t, row.purpose) })}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={props.onClose}
      data-testid="export-result"
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <SummaryItem label={t('bundles.fileName')}>
            <Text size="sm" fw={600} ff="monospace" data-testid="export-file-name">
              {row.fileName}
            </Text>
          </SummaryItem>
          <SummaryItem label={t('bundles.sequence')}>
            <span data-testid="export-sequence">{row.sequence}</span>
          </SummaryItem>
          <SummaryItem label={t('bundles.period')}>{periodText(t, row.period.label)}</SummaryItem>
          <SummaryItem label={t('bundles.size')}>{row.fileSize === null ? '' : formatBytes(row.fileSize)}</SummaryItem>
          <SummaryItem label="SHA-256" span={4}>
            {row.fileSha256 && <HashText hash={row.fileSha256} full />}
          </SummaryItem>
        </SimpleGrid>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Button w="fit-content" onClick={() => void save()} loading={saving}>
          {t('bundles.save')}
        </Button>
        <Text size="xs" c="dimmed">
          {t(saved ? 'bundles.savedHelp' : 'bundles.saveHelp')}
        </Text>
      </Stack>
    </Alert>
  );
}
