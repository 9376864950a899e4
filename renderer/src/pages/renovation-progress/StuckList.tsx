import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { STUCK_AFTER_DAYS, type RenovationProgress } from '../../contract';
import { useT } from '../../i18n';
import { CASE_STATE_COLORS, stateLabel } from '../renovations/renovation-labels';

const PAGE_SIZE = 50;

/** The address of a case: the cases page opens its drawer for #/renovations/<id>. */
export function caseHref(caseId: string): string {
  return `#/renovations/${caseId}`;
}

/** 停滞案件: open cases whose current step is older than the limit, oldest first; each opens the case. */
export function StuckList({ stuck }: { stuck: RenovationProgress['stuck'] }) {
  const { t } = useT();
  const [shown, setShown] = useState(PAGE_SIZE);
  if (stuck.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="xs" data-testid="stuck-none">
        {t('renoProgress.noStuck', { days: STUCK_AFTER_DAYS })}
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover withTableBorder verticalSpacing={6} bg="white" aria-label={t('renoProgress.stuckTitle')} data-testid="stuck-table">
          <Table.Thead className="nowrap-head">
            <Table.Tr>
              <Table.Th>{t('renoProgress.col.caseNumber')}</Table.Th>
              <Table.Th>{t('renoProgress.col.applicant')}</Table.Th>
              <Table.Th>{t('station.town')}</Table.Th>
              <Table.Th>{t('renoProgress.col.state')}</Table.Th>
              <Table.Th>{t('renoProgress.col.since')}</Table.Th>
              <Table.Th ta="right">{t('renoProgress.col.days')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stuck.slice(0, shown).map((row) => (
              <Table.Tr key={row.caseId} data-testid="stuck-row">
                <Table.Td className="money">
                  <Anchor href={caseHref(row.caseId)} fw={500} aria-label={t('renoProgress.openCase', { caseNumber: row.caseNumber, name: row.applicantName })}>
                    {row.caseNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.applicantName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.townName}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={CASE_STATE_COLORS[row.state]} className="badge-full">
                    {stateLabel(t, row.state)}
                  </Badge>
                </Table.Td>
                <Table.Td className="money">{row.since}</Table.Td>
                <Table.Td ta="right" className="money">
                  <Text span inherit c="red.8" fw={600}>
                    {t('renoProgress.days', { days: row.days })}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {stuck.length > shown && (
        <Group justify="center">
          <Button variant="default" onClick={() => setShown((n) => n + PAGE_SIZE)}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </>
  );
}
