import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { VirtualListTable } from '../../components/ListTable';
import type { ResidentRow } from '../../contract';
import { useT } from '../../i18n';
import { FLAG_COLORS, LEVEL_COLORS, STATUS_COLORS, categoryLabel, flagLabel, levelLabel, statusLabel } from '../institutions/welfare-labels';

/**
 * The residents as on the list's date. A child's row is not opened by a role that may not see
 * children's records: its name is masked by the main side and the row is not a link.
 */
export function ResidentsTable(props: {
  rows: ResidentRow[];
  emptyText: string;
  mayOpen(row: ResidentRow): boolean;
  onOpen(row: ResidentRow): void;
  /** Scrolled near the last row read: read the next page. */
  onNearEnd(): void;
}) {
  const { t } = useT();
  const { rows, onOpen } = props;
  return (
    <VirtualListTable
      label={t('nav.residents')}
      minWidth={1000}
      nowrapHead
      header={
        <>
          <Table.Th>{t('person.name')}</Table.Th>
          <Table.Th>{t('person.idNumber')}</Table.Th>
          <Table.Th>{t('resident.age')}</Table.Th>
          <Table.Th>{t('resident.category')}</Table.Th>
          <Table.Th>{t('resident.institution')}</Table.Th>
          <Table.Th>{t('resident.bed')}</Table.Th>
          <Table.Th>{t('resident.admittedOn')}</Table.Th>
          <Table.Th>{t('resident.status')}</Table.Th>
          <Table.Th>{t('resident.level')}</Table.Th>
          <Table.Th>{t('resident.flags')}</Table.Th>
        </>
      }
      columns={10}
      rows={rows}
      rowKey={(row) => row.id}
      onNearEnd={props.onNearEnd}
      emptyText={props.emptyText}
      renderRow={(row, rowProps) => {
        const open = props.mayOpen(row);
        return (
          <Table.Tr key={row.id} {...rowProps} className={open ? 'clickable-row' : undefined} onClick={open ? () => onOpen(row) : undefined}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {open ? (
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
              ) : (
                <Tooltip label={t('resident.childProtected')}>
                  <Text span fw={500} data-testid="masked-name">
                    {row.name}
                  </Text>
                </Tooltip>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {row.idNumber ? (
                <span className="id-number">{row.idNumber}</span>
              ) : (
                <Badge color="orange" variant="light" className="badge-full">
                  {t('person.noIdNumber')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.age ?? ''}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{categoryLabel(t, row.category)}</Table.Td>
            <Table.Td style={{ minWidth: 120, maxWidth: 200 }}>{row.institutionName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.bedLabel ?? ''}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{row.admittedOn}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              <Badge color={STATUS_COLORS[row.status]} variant="light" className="badge-full">
                {statusLabel(t, row.status)}
              </Badge>
              {row.exitedOn && row.status === 'exited' && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {row.exitedOn}
                </Text>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {row.selfCareLevel ? (
                <Badge color={LEVEL_COLORS[row.selfCareLevel]} variant="light" className="badge-full">
                  {levelLabel(t, row.selfCareLevel)}
                </Badge>
              ) : (
                <Text span size="sm" c="dimmed">
                  {t('resident.unassessed')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="wrap">
                {row.flags.map((f) => (
                  <Badge key={f} color={FLAG_COLORS[f]} variant="dot" size="sm" className="badge-full">
                    {flagLabel(t, f)}
                  </Badge>
                ))}
                {!open && (
                  <Badge color="gray" variant="outline" size="sm" className="badge-full">
                    {t('resident.childBadge')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}
