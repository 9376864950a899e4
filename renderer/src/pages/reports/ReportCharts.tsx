import { BarChart } from '@mantine/charts';
import { Paper, Stack, Text, Title } from '@mantine/core';
import type { Dashboard } from '../../contract';
import { useT } from '../../i18n';
import { countText } from './report-format';

/** 月度服务人次: home / on-site / meals per month of the year. */
export function MonthlyChart({ monthly }: { monthly: Dashboard['monthly'] }) {
  const { t } = useT();
  const data = monthly.map((m) => ({ label: t('reports.monthShort', { month: Number(m.month.slice(5)) }), home: m.home, onSite: m.onSite, meals: m.meals }));
  const empty = monthly.every((m) => m.home + m.onSite + m.meals === 0);
  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <Stack gap="sm">
        <Title order={5}>{t('reports.monthlyTitle')}</Title>
        {empty ? (
          <Text c="dimmed" size="sm" py="xl" ta="center">
            {t('reports.noFigures')}
          </Text>
        ) : (
          <div role="img" aria-label={t('reports.monthlyTitle')} data-testid="chart-monthly">
            <BarChart
              h={260}
              data={data}
              dataKey="label"
              series={[
                { name: 'home', label: t('reports.seriesHome'), color: 'ledger.6' },
                { name: 'onSite', label: t('reports.seriesOnSite'), color: 'teal.6' },
                { name: 'meals', label: t('reports.seriesMeals'), color: 'orange.5' },
              ]}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              valueFormatter={countText}
              tickLine="y"
              gridAxis="y"
            />
          </div>
        )}
      </Stack>
    </Paper>
  );
}

/** 站点建设进度: how many stations are in each state today. */
export function FunnelChart({ funnel }: { funnel: Dashboard['funnel'] }) {
  const { t } = useT();
  const data = funnel.map((f) => ({ state: t(`station.state.${f.state}`), count: f.count }));
  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <Stack gap="sm">
        <Title order={5}>{t('reports.funnelTitle')}</Title>
        <div role="img" aria-label={t('reports.funnelTitle')} data-testid="chart-funnel">
          <BarChart
            h={260}
            data={data}
            dataKey="state"
            orientation="vertical"
            series={[{ name: 'count', label: t('reports.seriesStations'), color: 'ledger.6' }]}
            withBarValueLabel
            valueFormatter={countText}
            tickLine="x"
            gridAxis="x"
            xAxisProps={{ allowDecimals: false }}
            yAxisProps={{ width: 120, interval: 0 }}
          />
        </div>
      </Stack>
    </Paper>
  );
}
