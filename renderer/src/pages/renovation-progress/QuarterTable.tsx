import { Table, Text } from '@mantine/core';
import type { ProgressCounts, RenovationProgress } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { cumulative, percentText } from './progress-format';

/** The counted steps, in the workflow's order, as the quarter and town tables show them. */
export const COUNT_COLUMNS = ['applied', 'assessed', 'worksStarted', 'accepted', 'paid', 'closed'] as const satisfies readonly (keyof ProgressCounts)[];

export function CountHeads() {
  const { t } = useT();
  return (
    <>
      {COUNT_COLUMNS.map((c) => (
        <Table.Th key={c} ta="right">
          {t(`renoProgress.col.${c}`)}
        </Table.Th>
      ))}
      <Table.Th ta="right">{t('renoProgress.col.subsidyPaidYuan')}</Table.Th>
    </>
  );
}

export function CountCells({ counts }: { counts: ProgressCounts }) {
  return (
    <>
      {COUNT_COLUMNS.map((c) => (
        <Table.Td key={c} ta="right" className="money" data-col={c}>
          {counts[c]}
        </Table.Td>
      ))}
      <Table.Td ta="right" className="money" data-col="subsidyPaidFen">
        {formatFen(counts.subsidyPaidFen)}
      </Table.Td>
    </>
  );
}

/**
 * 按季度: each quarter's target and the cases reaching each step in it; the last column compares the
 * households accepted so far with the target so far (a household counts as done once accepted).
 */
export function QuarterTable({ progress }: { progress: RenovationProgress }) {
  const { t } = useT();
  const targets = progress.quarters.map((q) => q.target);
  const hasTarget = targets.every((n) => n !== null);
  const cumTarget = hasTarget ? cumulative(targets as number[]) : null;
  const cumAccepted = cumulative(progress.quarters.map((q) => q.accepted));
  const yearTarget = cumTarget ? cumTarget[3]! : null;
  const against = (done: number, target: number | null) =>
    target === null ? String(done) : t('renoProgress.against', { done, target, percent: percentText(done, target) });

  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={t('renoProgress.byQuarter')} data-testid="quarter-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('renoProgress.quarter')}</Table.Th>
            <Table.Th ta="right">{t('renoProgress.col.target')}</Table.Th>
            <CountHeads />
            <Table.Th ta="right">{t('renoProgress.col.cumulative')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {progress.quarters.map((q, i) => (
            <Table.Tr key={q.quarter} data-testid={`quarter-${q.quarter}`}>
              <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                {t(`renoProgress.q${q.quarter}`)}
              </Table.Th>
              <Table.Td ta="right" className="money" data-col="target">
                {q.target ?? '—'}
              </Table.Td>
              <CountCells counts={q} />
              <Table.Td ta="right" className="money" data-col="cumulative">
                {against(cumAccepted[i]!, cumTarget ? cumTarget[i]! : null)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} bg="gray.0" data-testid="quarter-total">
            <Table.Th scope="row">{t('renoProgress.yearTotal')}</Table.Th>
            <Table.Td ta="right" className="money" data-col="target">
              {yearTarget ?? '—'}
            </Table.Td>
            <CountCells counts={progress.total} />
            <Table.Td ta="right" className="money" data-col="cumulative">
              {against(progress.total.accepted, yearTarget)}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {!hasTarget && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('renoProgress.noTarget', { year: progress.year })}
        </Text>
      )}
    </Table.ScrollContainer>
  );
}
