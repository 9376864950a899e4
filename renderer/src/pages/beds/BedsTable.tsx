import { Anchor, Badge, Table, Text } from '@mantine/core';
import { VirtualListTable } from '../../components/ListTable';
import type { FamilyBed } from '../../contract';
import { useT } from '../../i18n';

/** The family bed list; a row (or the name link) opens the bed. */
export function BedsTable({
  rows,
  emptyText,
  onOpen,
  onNearEnd,
}: {
  rows: FamilyBed[];
  emptyText: string;
  onOpen(row: FamilyBed): void;
  /** Scrolled near the last row read: read the next page. */
  onNearEnd(): void;
}) {
  const { t } = useT();
  return (
    <VirtualListTable
      label={t('nav.beds')}
      minWidth={1000}
      nowrapHead
      header={
        <>
          <Table.Th>{t('bed.person')}</Table.Th>
          <Table.Th>{t('person.idNumber')}</Table.Th>
          <Table.Th>{t('bed.station')}</Table.Th>
          <Table.Th>{t('bed.operator')}</Table.Th>
          <Table.Th>{t('bed.installDate')}</Table.Th>
          <Table.Th>{t('bed.devices')}</Table.Th>
          <Table.Th>{t('bed.status')}</Table.Th>
          <Table.Th>{t('bed.endDate')}</Table.Th>
        </>
      }
      columns={8}
      rows={rows}
      rowKey={(row) => row.id}
      onNearEnd={onNearEnd}
      emptyText={emptyText}
      renderRow={(row, rowProps) => (
        <Table.Tr key={row.id} {...rowProps} className="clickable-row" onClick={() => onOpen(row)}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            <Anchor
              component="button"
              type="button"
              fw={500}
              onClick={(e) => {
                e.stopPropagation();
                onOpen(row);
              }}
            >
              {row.personName}
            </Anchor>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {row.personIdNumber ? (
              <span className="id-number">{row.personIdNumber}</span>
            ) : (
              <Badge color="orange" variant="light" className="badge-full">
                {t('person.noIdNumber')}
              </Badge>
            )}
          </Table.Td>
          <Table.Td style={{ minWidth: 120, maxWidth: 200 }}>{row.stationName}</Table.Td>
          <Table.Td style={{ maxWidth: 180 }}>{row.operatorName}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.installDate}</Table.Td>
          <Table.Td style={{ maxWidth: 200 }}>
            <Text size="sm">
              {row.devices
                .map((d) => (d === 'other' && row.devicesOther ? row.devicesOther : t(`device.${d}`)))
                .join('、')}
            </Text>
          </Table.Td>
          <Table.Td>
            <Badge color={row.status === 'active' ? 'green' : 'gray'} variant="light" className="badge-full">
              {t(`bed.status.${row.status}`)}
            </Badge>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.endDate ?? ''}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
