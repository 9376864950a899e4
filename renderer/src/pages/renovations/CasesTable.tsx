import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import { VirtualListTable } from '../../components/ListTable';
import type { CaseRow } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { CaseStateBadge } from './CaseStateBadge';
import { householdCategoryLabel } from './renovation-labels';

/** The cases of the list: one household each; the case number opens it. */
export function CasesTable(props: {
  rows: CaseRow[];
  emptyText: string;
  onOpen(row: CaseRow): void;
  /** Scrolled near the last row read: read the next page. */
  onNearEnd(): void;
}) {
  const { t } = useT();
  const { rows, onOpen } = props;
  return (
    <VirtualListTable
      label={t('nav.renovations')}
      minWidth={980}
      nowrapHead
      header={
        <>
          <Table.Th>{t('renovations.caseNumber')}</Table.Th>
          <Table.Th>{t('renovations.applicant')}</Table.Th>
          <Table.Th>{t('renovations.category')}</Table.Th>
          <Table.Th>{t('renovations.townVillage')}</Table.Th>
          <Table.Th>{t('renovations.planYear')}</Table.Th>
          <Table.Th>{t('renovations.state')}</Table.Th>
          <Table.Th ta="right">{t('renovations.subsidyYuan')}</Table.Th>
        </>
      }
      columns={7}
      rows={rows}
      rowKey={(row) => row.id}
      onNearEnd={props.onNearEnd}
      emptyText={props.emptyText}
      renderRow={(row, rowProps) => (
        <Table.Tr key={row.id} {...rowProps} className="clickable-row" onClick={() => onOpen(row)}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Anchor
              component="button"
              type="button"
              fw={500}
              style={{ fontVariantNumeric: 'tabular-nums' }}
              onClick={(e) => {
                e.stopPropagation();
                onOpen(row);
              }}
            >
              {row.caseNumber}
            </Anchor>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {row.applicantName}
            {row.people > 1 && (
              <Text span size="xs" c="dimmed" ml={4}>
                {t('renovations.morePeople', { count: row.people - 1 })}
              </Text>
            )}
            {row.duplicateReason && (
              <Tooltip label={t('renovations.duplicateShown', { reason: row.duplicateReason })} multiline maw={320}>
                <Badge color="grape" variant="light" size="sm" ml={6} className="badge-full" data-testid="duplicate-marker">
                  {t('renovations.duplicateBadge')}
                </Badge>
              </Tooltip>
            )}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{householdCategoryLabel(t, row.category)}</Table.Td>
          <Table.Td style={{ minWidth: 140 }}>
            {row.townName}
            {row.villageName && (
              <Text span size="xs" c="dimmed">
                {' · '}
                {row.villageName}
              </Text>
            )}
          </Table.Td>
          <Table.Td>{row.planYear}</Table.Td>
          <Table.Td>
            <CaseStateBadge state={row.state} stateDate={row.stateDate} daysInState={row.daysInState} stuck={row.stuck} />
          </Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {row.subsidyFen > 0 ? formatFen(row.subsidyFen) : <Text span c="dimmed">—</Text>}
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
