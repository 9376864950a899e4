import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable';
import type { ImportedBundle } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { periodText, PURPOSE_COLORS, purposeLabel } from '../bundles/bundle-labels';
import { HashText } from '../bundles/HashText';
import { supersededBy } from './import-files';

/**
 * 已导入的报送包: every accepted bundle, with which one the city's figures for its county and
 * period come from (当前) and which were replaced by a correction or a re-export.
 */
export function ImportedList({ bundles }: { bundles: ImportedBundle[] }) {
  const { t } = useT();
  return (
    <ListTable
      label={t('cityImport.importedTitle')}
      minWidth={1040}
      nowrapHead
      columns={8}
      isEmpty={bundles.length === 0}
      emptyText={t('cityImport.importedEmpty')}
      header={
        <>
          <Table.Th>{t('cityImport.county')}</Table.Th>
          <Table.Th>{t('bundles.period')}</Table.Th>
          <Table.Th ta="right">{t('bundles.sequence')}</Table.Th>
          <Table.Th>{t('cityImport.status')}</Table.Th>
          <Table.Th>{t('cityImport.made')}</Table.Th>
          <Table.Th>{t('cityImport.importedAt')}</Table.Th>
          <Table.Th>{t('bundles.fileName')}</Table.Th>
          <Table.Th>SHA-256</Table.Th>
        </>
      }
    >
      {bundles.map((b) => {
        const replaced = supersededBy(b, bundles);
        return (
          <Table.Tr key={b.id} data-testid="imported-row" data-current={b.current}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{b.countyName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{periodText(t, b.period.label)}</Table.Td>
            <Table.Td ta="right" className="money" fw={600}>
              {b.sequence}
            </Table.Td>
            <Table.Td>
              <Stack gap={4} align="flex-start">
                <Group gap={4} wrap="nowrap">
                  {b.current ? (
                    <Badge color="green" className="badge-full">
                      {t('cityImport.current')}
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="outline" className="badge-full">
                      {replaced && !replaced.correction ? t('cityImport.replaced', { sequence: replaced.by }) : t('cityImport.corrected', { sequence: replaced?.by ?? '' })}
                    </Badge>
                  )}
                  {b.purpose !== 'regular' && (
                    <Badge variant="light" color={PURPOSE_COLORS[b.purpose]} className="badge-full">
                      {purposeLabel(t, b.purpose)}
                    </Badge>
                  )}
                </Group>
                {b.reason && (
                  <Text size="xs" c="dimmed" maw={260}>
                    {b.reason}
                  </Text>
                )}
                {b.missingSequences.length > 0 && (
                  <Text size="xs" c="orange.8">
                    {t('cityImport.missing', { sequences: b.missingSequences.join('、') })}
                  </Text>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm" className="money">
                {formatDateTime(b.createdAt, false)}
              </Text>
              <Text size="xs" c="dimmed">
                {b.createdBy}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" className="money">
                {formatDateTime(b.importedAt, false)}
              </Text>
              <Text size="xs" c="dimmed">
                {b.importedBy}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {b.fileName}
              </Text>
            </Table.Td>
            <Table.Td>
              <HashText hash={b.fileSha256} />
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
