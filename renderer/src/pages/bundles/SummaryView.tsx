import { Stack, Tabs, Text } from '@mantine/core';
import type { BundleSummary } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { perMilleText } from '../reports/report-format';
import { FigureTable, type FigureColumn } from './FigureTable';

const n = (v: number) => String(v);

/**
 * The report figures a bundle carries for its period, as the city will see them: the station
 * progress row, coverage, services per month, welfare homes and renovations.
 */
export function SummaryView({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  return (
    <Tabs defaultValue="progress" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="progress">{t('cityTables.tab.progress')}</Tabs.Tab>
        <Tabs.Tab value="coverage">{t('cityTables.tab.coverage')}</Tabs.Tab>
        <Tabs.Tab value="services">{t('bundles.summary.services')}</Tabs.Tab>
        <Tabs.Tab value="residents">{t('cityTables.tab.residents')}</Tabs.Tab>
        <Tabs.Tab value="renovations">{t('cityTables.tab.renovations')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="progress" pt="sm">
        <ProgressSummary summary={summary} />
      </Tabs.Panel>
      <Tabs.Panel value="coverage" pt="sm">
        <CoverageSummary summary={summary} />
      </Tabs.Panel>
      <Tabs.Panel value="services" pt="sm">
        <ServicesSummary summary={summary} />
      </Tabs.Panel>
      <Tabs.Panel value="residents" pt="sm">
        <ResidentsSummary summary={summary} />
      </Tabs.Panel>
      <Tabs.Panel value="renovations" pt="sm">
        <RenovationsSummary summary={summary} />
      </Tabs.Panel>
    </Tabs>
  );
}

export function progressColumns(t: ReturnType<typeof useT>['t']): FigureColumn[] {
  return [
    { key: 'county', label: t('reports.county') },
    { key: 'tasks', label: t('reports.tasks'), figure: true },
    { key: 'built', label: t('reports.built'), figure: true },
    { key: 'rate', label: t('reports.rate'), figure: true },
    { key: 'beds', label: t('reports.bedsInstalled'), figure: true },
    { key: 'visits', label: t('reports.homeVisits'), figure: true },
  ];
}

function ProgressSummary({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  const p = summary.progress;
  const rows = [
    {
      key: 'county',
      head: summary.county.name,
      testId: 'preview-progress-row',
      cells: [n(p.tasks), n(p.built), perMilleText(p.ratePerMille), n(p.bedsInstalled), n(p.homeVisits)],
    },
  ];
  if (p.target) {
    rows.push({
      key: 'target',
      head: t('reports.targetRow', { year: p.year }),
      testId: 'preview-target-row',
      cells: [n(p.target.stations), '—', '—', n(p.target.familyBeds), n(p.target.homeVisits)],
    });
  }
  return (
    <Stack gap={4}>
      <FigureTable label={t('reports.progressTitle', { year: p.year })} columns={progressColumns(t)} rows={rows} minWidth={620} testId="preview-progress" />
      <Text size="xs" c="dimmed">
        {t('bundles.summary.progressHelp', { year: p.year, asOf: summary.asOf })}
      </Text>
    </Stack>
  );
}

function CoverageSummary({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  const c = summary.coverage;
  const group = (key: 'streets' | 'towns') => {
    const g = c[key];
    return {
      key,
      head: t(`reports.${key}`),
      cells: [n(g.total), n(g.covered), perMilleText(g.ratePerMille), g.uncovered.map((u) => u.name).join('、') || '—'],
    };
  };
  return (
    <Stack gap={4}>
      <FigureTable
        label={t('reports.coverageTitle')}
        columns={[
          { key: 'kind', label: '' },
          { key: 'total', label: t('bundles.summary.divisions'), figure: true },
          { key: 'covered', label: t('bundles.summary.covered'), figure: true },
          { key: 'rate', label: t('bundles.summary.coverageRate'), figure: true },
          { key: 'uncovered', label: t('bundles.summary.uncovered') },
        ]}
        rows={[group('streets'), group('towns')]}
      />
      <Text size="xs" c="dimmed">
        {t('reports.goal', { rate: perMilleText(c.goalPerMille) })}
      </Text>
    </Stack>
  );
}

function ServicesSummary({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  const months = summary.services;
  const sum = (k: 'home' | 'onSite' | 'meals') => months.reduce((a, m) => a + m[k], 0);
  if (months.length === 0) return <Text size="sm" c="dimmed">{t('bundles.summary.noServices')}</Text>;
  return (
    <FigureTable
      label={t('bundles.summary.services')}
      columns={[
        { key: 'month', label: t('month.label') },
        { key: 'home', label: t('reports.seriesHome'), figure: true },
        { key: 'onSite', label: t('reports.seriesOnSite'), figure: true },
        { key: 'meals', label: t('stats.mealsCount'), figure: true },
        { key: 'stations', label: t('bundles.summary.stationsReporting'), figure: true },
      ]}
      rows={[
        ...months.map((m) => ({ key: m.month, head: m.month, cells: [n(m.home), n(m.onSite), n(m.meals), n(m.stationsReporting)] })),
        { key: 'total', head: t('homes.total'), total: true, cells: [n(sum('home')), n(sum('onSite')), n(sum('meals')), ''] },
      ]}
    />
  );
}

function ResidentsSummary({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  const r = summary.residents;
  const categories = r.byCategory.filter((c) => c.total > 0);
  return (
    <Stack gap={4}>
      <FigureTable
        label={t('cityTables.tab.residents')}
        columns={[
          { key: 'name', label: t('homes.fig.institutions') },
          { key: 'beds', label: t('homes.totalBeds'), figure: true },
          { key: 'residents', label: t('homes.residents'), figure: true },
          { key: 'leave', label: t('homes.onLeave'), figure: true },
          { key: 'rate', label: t('homes.rate'), figure: true },
        ]}
        rows={[
          ...r.institutions.map((i) => ({ key: i.id, head: i.name, cells: [n(i.totalBeds), n(i.residents), n(i.onLeave), perMilleText(i.ratePerMille)] })),
          { key: 'total', head: t('homes.total'), total: true, cells: [n(r.total.totalBeds), n(r.total.residents), n(r.total.onLeave), perMilleText(r.total.ratePerMille)] },
        ]}
      />
      <Text size="xs" c="dimmed">
        {categories.length > 0 ? categories.map((c) => `${t(`welfare.category.${c.category}`)} ${c.total}`).join('，') + '。' : ''}
        {t('bundles.summary.children', { count: r.children })}
      </Text>
    </Stack>
  );
}

export const RENOVATION_KEYS = ['applied', 'assessed', 'worksStarted', 'accepted', 'paid', 'closed'] as const;

function RenovationsSummary({ summary }: { summary: BundleSummary }) {
  const { t } = useT();
  const r = summary.renovations;
  return (
    <FigureTable
      label={t('cityTables.tab.renovations')}
      minWidth={900}
      columns={[
        { key: 'year', label: t('renoProgress.planYear') },
        { key: 'target', label: t('renoProgress.col.target'), figure: true },
        { key: 'cases', label: t('renoProgress.col.cases'), figure: true },
        { key: 'open', label: t('renoProgress.col.open'), figure: true },
        ...RENOVATION_KEYS.map((k) => ({ key: k, label: t(`renoProgress.col.${k}`), figure: true })),
        { key: 'subsidy', label: t('renoProgress.col.subsidyPaidYuan'), figure: true },
      ]}
      rows={[
        {
          key: 'year',
          head: String(r.year),
          cells: [r.target === null ? '—' : n(r.target), n(r.cases), n(r.open), ...RENOVATION_KEYS.map((k) => n(r[k])), formatFen(r.subsidyPaidFen)],
        },
      ]}
    />
  );
}
