import { Group, Loader, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { YearSelect } from '../../components/YearSelect';
import { STUCK_AFTER_DAYS, type RenovationProgress } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { currentYear } from '../../months';
import { percentFill, percentText } from './progress-format';
import { QuarterTable } from './QuarterTable';
import { StuckList } from './StuckList';
import { TownTable } from './TownTable';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';

/** 改造进度: how far the year's programme is — by quarter against the targets, by town, money against budget, stuck cases. */
export function RenovationProgressPage() {
  const { t } = useT();
  const [year, setYear] = useState(() => currentYear());
  const [progress, setProgress] = useState<RenovationProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setError(null);
    call('renovations.progress', { year }).then(
      (loaded) => mine === seq.current && setProgress(loaded),
      (caught: unknown) => mine === seq.current && setError(caught),
    );
  }, [year]);

  const shown = progress && progress.year === year ? progress : null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="md">
          <Title order={3}>{t('nav.renovation-progress')}</Title>
          <YearSelect value={year} onChange={setYear} label={t('renoProgress.planYear')} />
        </Group>
        <Group gap="sm" align="flex-start">
          <ExportButton request="renovations.progress" input={{ year }} />
          <PrintButton request="renovations.progress" input={{ year }} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {!shown && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {shown && (
        <>
          <Headline progress={shown} />
          <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('renoProgress.byQuarter')}>
            <Stack gap="sm">
              <Title order={5}>{t('renoProgress.byQuarter')}</Title>
              <QuarterTable progress={shown} />
              <Text size="xs" c="dimmed">
                {t('renoProgress.quarterHelp')}
              </Text>
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('renoProgress.byTown')}>
            <Stack gap="sm">
              <Title order={5}>{t('renoProgress.byTown')}</Title>
              <TownTable progress={shown} />
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('renoProgress.stuckTitle')}>
            <Stack gap="sm">
              <Group gap="xs" align="baseline">
                <Title order={5}>{t('renoProgress.stuckTitle')}</Title>
                <Text size="sm" c="dimmed" data-testid="stuck-count">
                  {t('renoProgress.stuckCount', { count: shown.stuck.length })}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {t('renoProgress.stuckHelp', { days: STUCK_AFTER_DAYS })}
              </Text>
              <StuckList key={year} stuck={shown.stuck} />
            </Stack>
          </Paper>
        </>
      )}
    </Stack>
  );
}

/** The three figures a clerk is asked for: households against the target, money against the budget, cases stuck. */
function Headline({ progress }: { progress: RenovationProgress }) {
  const { t } = useT();
  const target = progress.target ? progress.target.quarters.reduce((a, b) => a + b, 0) : null;
  const done = progress.total.accepted;
  const budget = progress.budgetFen;
  const spent = progress.spentFen;
  const over = budget !== null && spent > budget;
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
      <Paper withBorder p="md" radius="md" bg="white" data-testid="headline-households">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('renoProgress.householdsDone')}
          </Text>
          <Text fw={700} size="xl" className="money">
            {target === null ? t('renoProgress.householdsNoTarget', { done }) : t('renoProgress.householdsOf', { done, target })}
          </Text>
          <Progress value={percentFill(done, target)} color="teal" size="lg" aria-label={t('renoProgress.householdsDone')} />
          <Text size="xs" c="dimmed">
            {target === null
              ? t('renoProgress.noTargetShort')
              : t('renoProgress.householdsPercent', { percent: percentText(done, target) })}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" bg="white" data-testid="headline-budget">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('renoProgress.spentVsBudget')}
          </Text>
          <Text fw={700} size="xl" className="money" data-testid="spent">
            {t('renoProgress.yuanAmount', { amount: formatFen(spent) })}
          </Text>
          <Progress value={percentFill(spent, budget)} color={over ? 'red' : 'ledger'} size="lg" aria-label={t('renoProgress.spentVsBudget')} />
          <Text size="xs" c={over ? 'red.8' : 'dimmed'} data-testid="budget-line">
            {budget === null
              ? t('renoProgress.noBudget')
              : over
                ? t('renoProgress.overBudget', { budget: formatFen(budget), percent: percentText(spent, budget), over: formatFen(spent - budget) })
                : t('renoProgress.ofBudget', { budget: formatFen(budget), percent: percentText(spent, budget), left: formatFen(budget - spent) })}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" bg="white" data-testid="headline-cases">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('renoProgress.casesOfYear', { year: progress.year })}
          </Text>
          <Text fw={700} size="xl" className="money">
            {t('renoProgress.casesCount', { count: progress.total.cases })}
          </Text>
          <Text size="sm">{t('renoProgress.casesBreakdown', { open: progress.total.open, closed: progress.total.closed })}</Text>
          <Text size="sm" c={progress.stuck.length > 0 ? 'red.8' : 'dimmed'}>
            {t('renoProgress.stuckShort', { count: progress.stuck.length, days: STUCK_AFTER_DAYS })}
          </Text>
        </Stack>
      </Paper>
    </SimpleGrid>
  );
}
