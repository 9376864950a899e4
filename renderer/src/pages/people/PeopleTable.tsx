import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { PersonRow } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';

/** The people list: a real <table>; a row (or the name link) opens the person. */
export function PeopleTable({ rows, emptyText, onOpen }: { rows: PersonRow[]; emptyText: string; onOpen(row: PersonRow): void }) {
  const { t } = useT();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs" bg="white" aria-label={t('nav.people')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person.name')}</Table.Th>
            <Table.Th>{t('person.idNumber')}</Table.Th>
            <Table.Th>{t('person.sex')}</Table.Th>
            <Table.Th>{t('person.birthDate')}</Table.Th>
            <Table.Th>{t('person.phone')}</Table.Th>
            <Table.Th>{t('person.hukou')}</Table.Th>
            <Table.Th>{t('people.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md">
                  {emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={row.id} className="clickable-row" onClick={() => onOpen(row)}>
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
