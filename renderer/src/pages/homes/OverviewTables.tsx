import { Anchor, Badge, Table, Text } from '@mantine/core';
import { RESIDENT_CATEGORIES, type ResidentsOverview } from '../../contract';
import { useT } from '../../i18n';
import { FLAG_COLORS, categoryLabel, flagLabel, institutionTypeLabel, levelLabel } from '../institutions/welfare-labels';
import { perMilleText } from '../reports/report-format';

/** 0–1 → "86.7%" through the reports' own per-mille wording; null (no beds) → "—". */
function rateText(rate: number | null): string {
  return perMilleText(rate === null ? null : Math.round(rate * 1000));
}

const num = { ta: 'right', className: 'money' } as const;

/** 入住情况: beds and residents per institution on the day, with the county's total row. */
export function OccupancyTable({ overview }: { overview: ResidentsOverview }) {
  const { t } = useT();
  const total = overview.occupancyTotal;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" bg="white" aria-label={t('homes.occupancy')} data-testid="occupancy-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('resident.institution')}</Table.Th>
            <Table.Th>{t('homes.type')}</Table.Th>
            <Table.Th ta="right">{t('homes.totalBeds')}</Table.Th>
            <Table.Th ta="right">{t('homes.nursingBeds')}</Table.Th>
            <Table.Th ta="right">{t('homes.residents')}</Table.Th>
            <Table.Th ta="right">{t('homes.onLeave')}</Table.Th>
            <Table.Th ta="right">{t('homes.rate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.occupancy.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="sm" size="sm">
                  {t('homes.noInstitutions')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {overview.occupancy.map((row) => (
            <Table.Tr key={row.institutionId}>
              <Table.Td fw={500}>{row.name}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{institutionTypeLabel(t, row.type)}</Table.Td>
              <Table.Td {...num}>{row.totalBeds}</Table.Td>
              <Table.Td {...num}>{row.nursingBeds}</Table.Td>
              <Table.Td {...num}>{row.residents}</Table.Td>
              <Table.Td {...num}>{row.onLeave}</Table.Td>
              <Table.Td {...num}>{rateText(row.rate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} bg="gray.0" data-testid="occupancy-total">
            <Table.Th scope="row" colSpan={2}>
              {t('homes.total')}
            </Table.Th>
            <Table.Td {...num}>{total.totalBeds}</Table.Td>
            <Table.Td {...num}>{total.nursingBeds}</Table.Td>
            <Table.Td {...num}>{total.residents}</Table.Td>
            <Table.Td {...num}>{total.onLeave}</Table.Td>
            <Table.Td {...num}>{rateText(total.rate)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

const LEVEL_COLUMNS = ['self_care', 'partial', 'complete', 'unassessed', 'total'] as const;

/** 分类统计: residents by category (rows, in the contract's order) and self-care level (columns). */
export function CategoryLevelTable({ overview }: { overview: ResidentsOverview }) {
  const { t } = useT();
  const rows = RESIDENT_CATEGORIES.map(
    (category) =>
      overview.byCategory.find((r) => r.category === category) ?? { category, self_care: 0, partial: 0, complete: 0, unassessed: 0, total: 0 },
  );
  const sum = (key: (typeof LEVEL_COLUMNS)[number]) => rows.reduce((n, r) => n + r[key], 0);
  const heading = (key: (typeof LEVEL_COLUMNS)[number]) =>
    key === 'unassessed' ? t('resident.unassessed') : key === 'total' ? t('homes.total') : levelLabel(t, key);
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs" bg="white" aria-label={t('homes.byCategory')} data-testid="category-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('resident.category')}</Table.Th>
            {LEVEL_COLUMNS.map((k) => (
              <Table.Th key={k} ta="right">
                {heading(k)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.category}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{categoryLabel(t, row.category)}</Table.Td>
              {LEVEL_COLUMNS.map((k) => (
                <Table.Td key={k} {...num} fw={k === 'total' ? 600 : undefined}>
                  {row[k]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700} bg="gray.0">
            <Table.Th scope="row">{t('homes.total')}</Table.Th>
            {LEVEL_COLUMNS.map((k) => (
              <Table.Td key={k} {...num}>
                {sum(k)}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

/** 需关注: overdue reassessments, children turning 18 soon, long leaves; each name opens the resident. */
export function FlagsTable({ overview, mayOpen }: { overview: ResidentsOverview; mayOpen(flag: ResidentsOverview['flags'][number]): boolean }) {
  const { t } = useT();
  const detail = (f: ResidentsOverview['flags'][number]) => t(`homes.flagDetail.${f.flag}`, { date: f.date ?? '—', days: f.days });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('homes.flags')} data-testid="flags-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('person.name')}</Table.Th>
            <Table.Th>{t('resident.institution')}</Table.Th>
            <Table.Th>{t('homes.flag')}</Table.Th>
            <Table.Th>{t('homes.flagWhy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {overview.flags.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text c="dimmed" ta="center" py="sm" size="sm">
                  {t('homes.noFlags')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {overview.flags.map((f) => (
            <Table.Tr key={`${f.residentId}-${f.flag}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {mayOpen(f) ? (
                  <Anchor href={`#/residents/${f.residentId}`} fw={500}>
                    {f.name}
                  </Anchor>
                ) : (
                  f.name
                )}
              </Table.Td>
              <Table.Td>{f.institutionName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={FLAG_COLORS[f.flag]} variant="light" className="badge-full">
                  {flagLabel(t, f.flag)}
                </Badge>
              </Table.Td>
              <Table.Td>{detail(f)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
