import { Anchor, Badge, Table } from '@mantine/core';
import { VirtualListTable } from '../../components/ListTable';
import type { PersonRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';

/** The people list: a real <table>; a row (or the name link) opens the person. */
export function PeopleTable({
  rows,
  emptyText,
  onOpen,
  onNearEnd,
}: {
  rows: PersonRow[];
  emptyText: string;
  onOpen(row: PersonRow): void;
  /** Scrolled near the last row read: read the next page. */
  onNearEnd(): void;
}) {
  const { t } = useT();
  return (
    <VirtualListTable
      label={t('nav.people')}
      minWidth={900}
      header={
        <>
          <Table.Th>{t('person.name')}</Table.Th>
          <Table.Th>{t('person.idNumber')}</Table.Th>
          <Table.Th>{t('person.sex')}</Table.Th>
          <Table.Th>{t('person.birthDate')}</Table.Th>
          <Table.Th>{t('person.phone')}</Table.Th>
          <Table.Th>{t('person.hukou')}</Table.Th>
          <Table.Th>{t('people.updatedAt')}</Table.Th>
        </>
      }
      columns={7}
      emptyText={emptyText}
      rows={rows}
      rowKey={(row) => row.id}
      onNearEnd={onNearEnd}
      renderRow={(row, rowProps) => (
        <Table.Tr key={row.id} {...rowProps} className="clickable-row" onClick={() => onOpen(row)}>
          <Table.Td>
            <Anchor
              component="button"
              type="button"
              fw={500}
              onClick={(e) => {
                e.stopPropagation();
                onOpen(row);
              }}
            >
              {row.name}
            </Anchor>
          </Table.Td>
          <Table.Td>
            {row.hasIdNumber ? (
              <span className="id-number">{row.idNumber}</span>
            ) : (
              <Badge color="orange" variant="light">
                {t('person.noIdNumber')}
              </Badge>
            )}
          </Table.Td>
          <Table.Td>{row.sex ? t(`sex.${row.sex}`) : ''}</Table.Td>
          <Table.Td>{row.birthDate ?? ''}</Table.Td>
          <Table.Td>{row.phone ?? ''}</Table.Td>
          <Table.Td>{row.hukouDivisionName}</Table.Td>
          <Table.Td>{formatDateTime(row.updatedAt, false)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
