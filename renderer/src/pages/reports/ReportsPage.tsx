import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { YearSelect } from '../../components/YearSelect';
import type { Dashboard, DemoSummary, YearTarget } from '../../contract';
import { useT } from '../../i18n';
import { currentYear } from '../../months';
import { useCan, useSession } from '../../session/session-context';
import { CoveragePanel } from './CoveragePanel';
import { ProgressTable } from './ProgressTable';
import { FunnelChart, MonthlyChart } from './ReportCharts';
import { TargetsPanel } from './TargetsPanel';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';

/** The county's own name (云城区) from its division chain; the office name until it is known. */
function useCountyName(): string {
  const { office } = useSession();
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('divisions.ancestry', { code: office.divisionCode }).then(
      (chain) => live && setName(chain.at(-1)?.name ?? null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [office.divisionCode]);
  return name ?? office.divisionName;
}

/** 统计报表: the bulletin's progress row, charts, centre coverage and the yearly targets. Loaded on demand (recharts). */
export default function ReportsPage() {
  const { t } = useT();
  const can = useCan();
  const countyName = useCountyName();
  const [year, setYear] = useState(() => currentYear());
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [targets, setTargets] = useState<YearTarget[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [stationCount, setStationCount] = useState<number | null>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const [confirmDemo, setConfirmDemo] = useState(false);
  const [demoBusy, setDemoBusy] = useState(false);
  const [demoError, setDemoError] = useState<unknown>(null);
  const [demoDone, setDemoDone] = useState<DemoSummary | null>(null);
  const seq = useRef(0);

  const load = useCallback(async (y: number) => {
    const mine = ++seq.current;
    setError(null);
    try {
      const [d, list, stations] = await Promise.all([
        call('reports.dashboard', { year: y }),
        call('targets.list', {}),
        call('stations.list', { limit: 1 }),
      ]);
      if (mine !== seq.current) return;
      setDashboard(d);
      setTargets(list);
      setStationCount(stations.total);
    } catch (caught) {
      if (mine === seq.current) setError(caught);
    }
  }, []);

  useEffect(() => {
    void load(year);
  }, [year, reloadToken, load]);

  const fillDemo = async () => {
    setDemoBusy(true);
    setDemoError(null);
    try {
      const summary = await call('demo.fill', {});
      setDemoDone(summary);
      setReloadToken((n) => n + 1);
    } catch (caught) {
      setDemoError(caught);
    } finally {
      setDemoBusy(false);
      setConfirmDemo(false);
    }
  };

  const shown = dashboard && dashboard.progress.year === year ? dashboard : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="md">
          <Title order={3}>{t('nav.reports')}</Title>
          <YearSelect value={year} onChange={setYear} />
        </Group>
        {can.admin && stationCount === 0 && (
          <Button variant="light" onClick={() => setConfirmDemo(true)}>
            {t('demo.fill')}
          </Button>
        )}
      </Group>
      {demoDone && (
        <Alert color="green" variant="light" role="status" title={t('demo.done')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setDemoDone(null)}>
          {t('demo.summary', { ...demoDone })}
        </Alert>
      )}
      <ErrorAlert error={demoError} onClose={() => setDemoError(null)} />
      <ErrorAlert error={error} />
      {!shown && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {shown && (
        <>
          <Paper withBorder p="md" radius="md" bg="white">
            <Stack gap="sm">
              <Group justify="space-between" align="center">
                <Title order={5}>{t('reports.progressTitle', { year })}</Title>
                <Group gap="sm" align="flex-start">
                  <ExportButton request="reports.progress" input={{ year }} />
                  <PrintButton request="reports.progress" input={{ year }} />
                </Group>
              </Group>
              <ProgressTable progress={shown.progress} countyName={countyName} />
              <Text size="xs" c="dimmed">
                {t('reports.progressHelp')}
              </Text>
            </Stack>
          </Paper>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <MonthlyChart monthly={shown.monthly} />
            <FunnelChart funnel={shown.funnel} />
          </SimpleGrid>
          <Paper withBorder p="md" radius="md" bg="white">
            <Stack gap="sm">
              <Group justify="space-between" align="center">
                <Title order={5}>{t('reports.coverageTitle')}</Title>
                <Group gap="sm" align="flex-start">
                  <ExportButton request="reports.coverage" input={{}} />
                  <PrintButton request="reports.coverage" input={{}} />
                </Group>
              </Group>
              <CoveragePanel coverage={shown.coverage} />
            </Stack>
          </Paper>
          <Stack gap="sm">
            <Title order={4}>{t('reports.targetsTitle')}</Title>
            <TargetsPanel key={year} targets={targets} defaultYear={year} onSaved={() => setReloadToken((n) => n + 1)} />
          </Stack>
        </>
      )}
      <ConfirmModal
        opened={confirmDemo}
        title={t('demo.confirmTitle')}
        confirmLabel={t('demo.fill')}
        busy={demoBusy}
        onCancel={() => setConfirmDemo(false)}
        onConfirm={() => void fillDemo()}
      >
        {t('demo.confirmText')}
      </ConfirmModal>
    </Stack>
  );
}
