import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { FamilyBed } from '../../contract';
import { useT } from '../../i18n';

/** The family bed list; a row (or the name link) opens the bed. */
export function BedsTable({ rows, emptyText, onOpen }: { rows: FamilyBed[]; emptyText: string; onOpen(row: FamilyBed): void }) {
  const { t } = useT();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs" bg="white" aria-label={t('nav.beds')}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('bed.person')}</Table.Th>
            <Table.Th>{t('person.idNumber')}</Table.Th>
            <Table.Th>{t('bed.station')}</Table.Th>
            <Table.Th>{t('bed.operator')}</Table.Th>
            <Table.Th>{t('bed.installDate')}</Table.Th>
            <Table.Th>{t('bed.devices')}</Table.Th>
            <Table.Th>{t('bed.status')}</Table.Th>
            <Table.Th>{t('bed.endDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed" ta="center" py="md">
                  {emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={row.id} className="clickable-row" onClick={() => onOpen(row)}>
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
