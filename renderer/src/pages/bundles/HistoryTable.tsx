import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTable } from '../../components/ListTable';
import type { BundleExportRow } from '../../contract';
import { formatBytes, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { periodText, PURPOSE_COLORS, purposeLabel } from './bundle-labels';
import { downloadBundle } from './download-bundle';
import { HashText } from './HashText';

/**
 * 报送记录: every bundle the office released, newest first. A row whose file was never written (the
 * sequence was recorded, then the power went) says so; it and any lost file are re-exported under
 * a new sequence.
 */
export function HistoryTable(props: { rows: BundleExportRow[]; busy: boolean; onReexport(sequence: number): void }) {
  const { t } = useT();
  const can = useCan();
  const [downloading, setDownloading] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const download = async (sequence: number) => {
    setDownloading(sequence);
    setError(null);
    try {
      await downloadBundle(sequence);
    } catch (caught) {
      setError(caught);
    } finally {
      setDownloading(null);
    }
  };

  const rows = [...props.rows].sort((a, b) => b.sequence - a.sequence);
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <ListTable
        label={t('bundles.historyTitle')}
        minWidth={1000}
        nowrapHead
        columns={can.edit ? 9 : 8}
        isEmpty={rows.length === 0}
        emptyText={t('bundles.historyEmpty')}
        header={
          <>
            <Table.Th ta="right">{t('bundles.sequence')}</Table.Th>
            <Table.Th>{t('bundles.period')}</Table.Th>
            <Table.Th>{t('bundles.purpose')}</Table.Th>
            <Table.Th>{t('bundles.createdAt')}</Table.Th>
            <Table.Th>{t('bundles.createdBy')}</Table.Th>
            <Table.Th>{t('bundles.fileName')}</Table.Th>
            <Table.Th ta="right">{t('bundles.size')}</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            {can.edit && <Table.Th>{t('common.actions')}</Table.Th>}
          </>
        }
      >
        {rows.map((row) => {
          const written = row.fileSize !== null;
          return (
            <Table.Tr key={row.id} data-testid="history-row" data-sequence={row.sequence}>
              <Table.Td ta="right" className="money" fw={600}>
                {row.sequence}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodText(t, row.period.label)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge variant="light" color={PURPOSE_COLORS[row.purpose]} className="badge-full">
                    {purposeLabel(t, row.purpose)}
                  </Badge>
                  {row.purpose === 'reexport' && row.ofSequence !== null && (
                    <Text size="xs" c="dimmed">
                      {t('bundles.reexportOf', { sequence: row.ofSequence })}
                    </Text>
                  )}
                  {row.reason && (
                    <Text size="xs" c="dimmed" maw={220}>
                      {row.reason}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td className="money">{formatDateTime(row.createdAt, false)}</Table.Td>
              <Table.Td>{row.createdBy}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace" c={written ? undefined : 'dimmed'} td={written ? undefined : 'line-through'}>
                  {row.fileName}
                </Text>
                {!written && (
                  <Text size="xs" c="red.8" data-testid="never-written">
                    {t('bundles.neverWritten')}
                  </Text>
                )}
                {written && !row.fileOnDisk && (
                  <Text size="xs" c="orange.8">
                    {t('bundles.fileGone')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" className="money">
                {row.fileSize === null ? '—' : formatBytes(row.fileSize)}
              </Table.Td>
              <Table.Td>{row.fileSha256 ? <HashText hash={row.fileSha256} /> : '—'}</Table.Td>
              {can.edit && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      disabled={!written || !row.fileOnDisk}
                      loading={downloading === row.sequence}
                      onClick={() => void download(row.sequence)}
                      aria-label={t('bundles.downloadSequence', { sequence: row.sequence })}
                    >
                      {t('bundles.download')}
                    </Button>
                    <Button
                      size="xs"
                      variant={written && row.fileOnDisk ? 'subtle' : 'light'}
                      disabled={props.busy}
                      onClick={() => props.onReexport(row.sequence)}
                      aria-label={t('bundles.reexportSequence', { sequence: row.sequence })}
                    >
                      {t('bundles.reexport')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ListTable>
    </Stack>
  );
}
