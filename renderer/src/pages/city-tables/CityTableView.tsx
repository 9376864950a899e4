import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import type { CityRow, CityTable } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { purposeLabel } from '../bundles/bundle-labels';
import type { CityColumn } from './table-defs';

/**
 * One city table: a row per county of the city (未报送 where no bundle for the period arrived),
 * the 合计 row over the counties that sent it, and for each county the bundle its figures came
 * from. A county's name opens its records (the drill-down).
 */
export function CityTableView<C>(props: {
  label: string;
  columns: CityColumn<C>[];
  table: CityTable<C>;
  testId: string;
  onOpen(row: CityRow<C>): void;
}) {
  const { t } = useT();
  const { table, columns } = props;
  return (
    <Table.ScrollContainer minWidth={Math.max(760, 180 + columns.length * 110)}>
      <Table withTableBorder withColumnBorders verticalSpacing={8} bg="white" aria-label={props.label} data-testid={props.testId}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('reports.county')}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.key} ta="right">
                {c.label}
              </Table.Th>
            ))}
            <Table.Th>{t('cityTables.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.countyCode} data-testid="city-row" data-county={row.countyName} c={row.cells ? undefined : 'dimmed'}>
              <Table.Th scope="row" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {row.cells && row.source ? (
                  <Anchor component="button" type="button" fw={600} onClick={() => props.onOpen(row)} aria-label={t('cityTables.openCounty', { county: row.countyName })}>
                    {row.countyName}
                  </Anchor>
                ) : (
                  row.countyName
                )}
              </Table.Th>
              {columns.map((c) => (
                <Table.Td key={c.key} ta="right" className="money" data-col={c.key}>
                  {row.cells ? c.text(row.cells) : '—'}
                </Table.Td>
              ))}
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.source ? (
                  <Tooltip
                    label={t('cityTables.sourceTooltip', {
                      file: row.source.fileName,
                      at: formatDateTime(row.source.importedAt, false),
                    })}
                    multiline
                    w={320}
                  >
                    <Text size="sm" component="span" data-testid="row-source">
                      {t('cityTables.sourceSequence', { sequence: row.source.sequence })}
                      {row.source.purpose !== 'regular' && (
                        <Badge ml={6} size="xs" variant="light" color={row.source.purpose === 'correction' ? 'orange' : 'blue'} className="badge-full">
                          {purposeLabel(t, row.source.purpose)}
                        </Badge>
                      )}
                    </Text>
                  </Tooltip>
                ) : (
                  <Badge variant="outline" color="gray" className="badge-full" data-testid="not-reported">
                    {t('cityTables.notReported')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} bg="gray.0" data-testid="city-total">
            <Table.Th scope="row" fw={700}>
              {t('homes.total')}
            </Table.Th>
            {columns.map((c) => (
              <Table.Td key={c.key} ta="right" className="money" data-col={c.key}>
                {c.text(table.total)}
              </Table.Td>
            ))}
            <Table.Td>
              <Text size="xs" c="dimmed" fw={400}>
                {t('cityTables.countiesReporting', { count: table.countiesReporting, of: table.rows.length })}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
