import { Anchor, Badge, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable';
import type { InstitutionRow } from '../../contract';
import { useT } from '../../i18n';
import { institutionTypeLabel } from './welfare-labels';

/** residents ÷ total beds as "85%" ("—" without beds). */
export function occupancyText(residents: number, totalBeds: number): string {
  return totalBeds > 0 ? `${Math.round((residents / totalBeds) * 100)}%` : '—';
}

/** The institutions list: what each is and how full it is today; a row opens the institution. */
export function InstitutionsTable({
  rows,
  emptyText,
  onOpen,
}: {
  rows: InstitutionRow[];
  emptyText: string;
  onOpen(row: InstitutionRow, tab?: 'form' | 'beds'): void;
}) {
  const { t } = useT();
  return (
    <ListTable
      label={t('nav.institutions')}
      minWidth={980}
      nowrapHead
      header={
        <>
          <Table.Th miw={200}>{t('institution.name')}</Table.Th>
          <Table.Th>{t('institution.type')}</Table.Th>
          <Table.Th>{t('station.town')}</Table.Th>
          <Table.Th ta="right">{t('institutions.beds')}</Table.Th>
          <Table.Th ta="right">{t('institutions.registeredBeds')}</Table.Th>
          <Table.Th ta="right">{t('institutions.residentsToday')}</Table.Th>
          <Table.Th ta="right">{t('institutions.occupancy')}</Table.Th>
        </>
      }
      columns={7}
      isEmpty={rows.length === 0}
      emptyText={emptyText}
    >
      {rows.map((row) => (
        <Table.Tr key={row.id} className="clickable-row" onClick={() => onOpen(row)}>
          <Table.Td>
            <Anchor
              component="button"
              type="button"
              fw={500}
              ta="left"
              onClick={(e) => {
                e.stopPropagation();
                onOpen(row);
              }}
            >
              {row.name}
            </Anchor>
            {row.closedOn && (
              <Badge ml="xs" size="sm" color="gray" variant="light" className="badge-full">
                {t('institutions.closedOn', { date: row.closedOn })}
              </Badge>
            )}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{institutionTypeLabel(t, row.type)}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.townName}</Table.Td>
          <Table.Td ta="right" className="money">
            {t('institutions.bedsOf', { total: row.totalBeds, nursing: row.nursingBeds })}
          </Table.Td>
          <Table.Td ta="right" className="money">
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={(e) => {
                e.stopPropagation();
                onOpen(row, 'beds');
              }}
              aria-label={t('institutions.openBeds', { name: row.name })}
            >
              {row.registeredBeds}
            </Anchor>
          </Table.Td>
          <Table.Td ta="right" className="money">
            {row.residents}
            {row.onLeave > 0 && (
              <Text span size="xs" c="dimmed">
                {' '}
                {t('institutions.onLeave', { count: row.onLeave })}
              </Text>
            )}
          </Table.Td>
          <Table.Td ta="right" className="money">
            {occupancyText(row.residents, row.totalBeds)}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
