import { Table, Text } from '@mantine/core';
import type { RenovationProgress } from '../../contract';
import { useT } from '../../i18n';
import { CountCells, CountHeads } from './QuarterTable';

/** 按乡镇（街道）: the year's cases of each town, how many are still open, and the steps reached in the year. */
export function TownTable({ progress }: { progress: RenovationProgress }) {
  const { t } = useT();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={t('renoProgress.byTown')} data-testid="town-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('station.town')}</Table.Th>
            <Table.Th ta="right">{t('renoProgress.col.cases')}</Table.Th>
            <Table.Th ta="right">{t('renoProgress.col.open')}</Table.Th>
            <CountHeads />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {progress.byTown.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={10}>
                <Text c="dimmed" ta="center" py="sm">
                  {t('renoProgress.noCases', { year: progress.year })}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {progress.byTown.map((town) => (
            <Table.Tr key={town.townCode} data-testid="town-row">
              <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                {town.townName}
              </Table.Th>
              <Table.Td ta="right" className="money" data-col="cases">
                {town.cases}
              </Table.Td>
              <Table.Td ta="right" className="money" data-col="open">
                {town.open}
              </Table.Td>
              <CountCells counts={town} />
            </Table.Tr>
          ))}
        </Table.Tbody>
        {progress.byTown.length > 0 && (
          <Table.Tfoot>
            <Table.Tr fw={700} bg="gray.0" data-testid="town-total">
              <Table.Th scope="row">{t('renoProgress.total')}</Table.Th>
              <Table.Td ta="right" className="money" data-col="cases">
                {progress.total.cases}
              </Table.Td>
              <Table.Td ta="right" className="money" data-col="open">
                {progress.total.open}
              </Table.Td>
              <CountCells counts={progress.total} />
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </Table.ScrollContainer>
  );
}
