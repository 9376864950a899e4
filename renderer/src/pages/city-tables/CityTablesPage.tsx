import { Anchor, Button, Group, Loader, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import type { CityRow, CitySource, CityTable, Period } from '../../contract';
import { downloadText } from '../../download';
import { useT } from '../../i18n';
import { hrefOf } from '../shell/router';
import { periodText } from '../bundles/bundle-labels';
import { CityTableView } from './CityTableView';
import { DrillDown } from './DrillDown';
import { cityCsvFileName, cityTableCsv, CITY_TABS, columnsOf, type CityTab } from './table-defs';

const REQUEST = {
  progress: 'cityTables.progress',
  coverage: 'cityTables.coverage',
  residents: 'cityTables.residents',
  renovations: 'cityTables.renovations',
} as const;

interface Loaded {
  tab: CityTab;
  period: string;
  table: CityTable<unknown>;
}

/**
 * 全市汇总 (city): for a period some county's bundle brought, the city's tables — the seed's
 * station progress table, coverage, welfare homes, renovations — one row per county and 合计; each
 * row says which bundle its figures came from, and a county opens its records.
 */
export function CityTablesPage() {
  const { t } = useT();
  const [periods, setPeriods] = useState<{ period: Period; counties: number }[] | null>(null);
  const [periodsError, setPeriodsError] = useState<unknown>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [tab, setTab] = useState<CityTab>('progress');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [drill, setDrill] = useState<{ code: string; name: string; source: CitySource } | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    let live = true;
    call('cityTables.periods', {}).then(
      (list) => {
        if (!live) return;
        setPeriods(list);
        setPeriod((current) => current ?? list[0]?.period.label ?? null);
      },
      (caught: unknown) => live && setPeriodsError(caught),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!period) return;
    const mine = ++seq.current;
    setError(null);
    (call(REQUEST[tab], { period }) as Promise<CityTable<unknown>>).then(
      (table) => mine === seq.current && setLoaded({ tab, period, table }),
      (caught: unknown) => mine === seq.current && setError(caught),
    );
  }, [tab, period]);

  const shown = loaded && loaded.tab === tab && loaded.period === period ? loaded : null;
  const tabName = (k: CityTab) => t(`cityTables.tab.${k}`);
  const open = (row: CityRow<unknown>) => row.source && setDrill({ code: row.countyCode, name: row.countyName, source: row.source });

  const downloadCsv = () => {
    if (!shown || !period) return;
    const title = t('cityTables.csvTitle', { table: tabName(shown.tab), period: periodText(t, period) });
    const csv = cityTableCsv(title, columnsOf(shown.tab, t), shown.table, {
      county: t('reports.county'),
      source: t('cityTables.source'),
      total: t('homes.total'),
      notReported: t('cityTables.notReported'),
      sourceText: (sequence, fileName) => t('cityTables.sourceCsv', { sequence, file: fileName }),
    });
    downloadText(cityCsvFileName(t('cityTables.csvPrefix'), tabName(shown.tab), period), csv);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="md">
          <Title order={3}>{t('nav.city-tables')}</Title>
          {periods && periods.length > 0 && (
            <Select
              label={t('bundles.period')}
              data={periods.map((p) => ({ value: p.period.label, label: t('cityTables.periodOption', { period: periodText(t, p.period.label), count: p.counties }) }))}
              value={period}
              onChange={(v) => v && setPeriod(v)}
              allowDeselect={false}
              w={240}
              maxDropdownHeight={320}
            />
          )}
        </Group>
        {shown && (
          <Group gap="sm" align="flex-start">
            <ExportButton request={REQUEST[shown.tab]} input={{ period: shown.period }} />
            <PrintButton request={REQUEST[shown.tab]} input={{ period: shown.period }} />
            <Button variant="default" onClick={downloadCsv}>
              {t('cityTables.csv')}
            </Button>
          </Group>
        )}
      </Group>
      <ErrorAlert error={periodsError} />
      {periods === null && !periodsError && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {periods && periods.length === 0 && (
        <Paper withBorder p="lg" radius="md" bg="white" data-testid="no-periods">
          <Text size="sm">
            {t('cityTables.nothingYet')} <Anchor href={hrefOf('city-import')}>{t('nav.city-import')}</Anchor>
          </Text>
        </Paper>
      )}
      {period && (
        <Tabs value={tab} onChange={(v) => v && setTab(v as CityTab)}>
          <Tabs.List>
            {CITY_TABS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {tabName(k)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      )}
      <ErrorAlert error={error} />
      {period && !shown && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {shown && period && (
        <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={tabName(shown.tab)}>
          <Stack gap="sm">
            <Title order={5}>{t(`cityTables.title.${shown.tab}`, { period: periodText(t, period) })}</Title>
            <CityTableView
              label={t(`cityTables.title.${shown.tab}`, { period: periodText(t, period) })}
              columns={columnsOf(shown.tab, t)}
              table={shown.table}
              testId={`city-${shown.tab}-table`}
              onOpen={open}
            />
            <Text size="xs" c="dimmed">
              {t(`cityTables.help.${shown.tab}`)}
            </Text>
          </Stack>
        </Paper>
      )}
      <DrillDown county={drill} period={period ?? ''} onClose={() => setDrill(null)} />
    </Stack>
  );
}
