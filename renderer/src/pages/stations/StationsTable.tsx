import { Anchor, Table, Text } from '@mantine/core';
import { VirtualListTable } from '../../components/ListTable';
import type { StationRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { StateBadge } from './StateBadge';

/** The station list: a real <table>; a row (or the name link) opens the station. */
export function StationsTable({
  rows,
  emptyText,
  onOpen,
  onNearEnd,
}: {
  rows: StationRow[];
  emptyText: string;
  onOpen(row: StationRow): void;
  /** Scrolled near the last row read: read the next page. */
  onNearEnd(): void;
}) {
  const { t } = useT();
  return (
    <VirtualListTable
      label={t('nav.stations')}
      minWidth={1040}
      nowrapHead
      header={
        <>
          <Table.Th miw={180}>{t('station.name')}</Table.Th>
          <Table.Th>{t('station.kind')}</Table.Th>
          <Table.Th>{t('station.town')}</Table.Th>
          <Table.Th>{t('station.village')}</Table.Th>
          <Table.Th>{t('station.state')}</Table.Th>
          <Table.Th>{t('station.taskYearShort')}</Table.Th>
          <Table.Th>{t('station.operation')}</Table.Th>
          <Table.Th>{t('people.updatedAt')}</Table.Th>
        </>
      }
      columns={8}
      rows={rows}
      rowKey={(row) => row.id}
      onNearEnd={onNearEnd}
      emptyText={emptyText}
      renderRow={(row, rowProps) => (
        <Table.Tr key={row.id} {...rowProps} className="clickable-row" onClick={() => onOpen(row)}>
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
          </Table.Td>
          <Table.Td>{t(`station.kind.${row.kind}`)}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.townName || (row.kind === 'county_centre' ? t('station.wholeCounty') : '')}</Table.Td>
          <Table.Td>{row.villageName}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <StateBadge state={row.state} date={row.stateDate} />
          </Table.Td>
          <Table.Td>{row.taskYear ?? ''}</Table.Td>
          <Table.Td>
            {row.operatingMode && <Text size="sm">{t(`station.mode.${row.operatingMode}`)}</Text>}
            {row.operatorName && (
              <Text size="xs" c="dimmed">
                {row.operatorName}
              </Text>
            )}
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.updatedAt, false)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
