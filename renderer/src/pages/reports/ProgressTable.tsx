import { Table, Text } from '@mantine/core';
import type { ProgressRow } from '../../contract';
import { useT } from '../../i18n';
import { countText, perMilleText } from './report-format';

/** The bulletin's 进展情况表 row for this county, and the year's targets under it when set. */
export function ProgressTable({ progress, countyName }: { progress: ProgressRow; countyName: string }) {
  const { t } = useT();
  const target = progress.target;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder withColumnBorders verticalSpacing="sm" bg="white" aria-label={t('reports.progressTitle', { year: progress.year })} data-testid="progress-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('reports.county')}</Table.Th>
            <Table.Th ta="right">{t('reports.tasks')}</Table.Th>
            <Table.Th ta="right">{t('reports.built')}</Table.Th>
            <Table.Th ta="right">{t('reports.rate')}</Table.Th>
            <Table.Th ta="right">{t('reports.bedsInstalled')}</Table.Th>
            <Table.Th ta="right">{t('reports.homeVisits')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr data-testid="progress-row">
            <Table.Td fw={600}>{countyName}</Table.Td>
            <Table.Td ta="right" className="money">
              {countText(progress.tasks)}
            </Table.Td>
            <Table.Td ta="right" className="money">
              {countText(progress.built)}
            </Table.Td>
            <Table.Td ta="right" className="money">
              {perMilleText(progress.ratePerMille)}
            </Table.Td>
            <Table.Td ta="right" className="money">
              {countText(progress.bedsInstalled)}
            </Table.Td>
            <Table.Td ta="right" className="money">
              {countText(progress.homeVisits)}
            </Table.Td>
          </Table.Tr>
          {target && (
            <Table.Tr data-testid="target-row" bg="gray.0">
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {t('reports.targetRow', { year: target.year })}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="money">
                {countText(target.stations)}
              </Table.Td>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right" className="money">
                {countText(target.familyBeds)}
              </Table.Td>
              <Table.Td ta="right" className="money">
                {countText(target.homeVisits)}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
