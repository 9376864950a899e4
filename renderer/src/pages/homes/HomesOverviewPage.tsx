import { Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import { localDate, maySeeChildRecords, type ResidentsOverview } from '../../contract';
import { useT } from '../../i18n';
import { useSession } from '../../session/session-context';
import { AsOfPicker } from './AsOfPicker';
import { CategoryLevelTable, FlagsTable, OccupancyTable } from './OverviewTables';

/**
 * 院舍概况: on a chosen day (today, any past day, or a month's end), each home's occupancy with the
 * county total, residents by category and self-care level, and who needs attention.
 */
export function HomesOverviewPage() {
  const { t } = useT();
  const { user } = useSession();
  const [onDate, setOnDate] = useState(localDate);
  const [overview, setOverview] = useState<ResidentsOverview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setError(null);
    call('residents.overview', { onDate }).then(
      (loaded) => mine === seq.current && setOverview(loaded),
      (caught: unknown) => {
        if (mine !== seq.current) return;
        setOverview(null);
        setError(caught);
      },
    );
  }, [onDate]);

  const current = overview && overview.onDate === onDate ? overview : null;
  // Turning 18 is only ever a child's flag: a role that may not open children's records gets no link.
  const mayOpen = (flag: ResidentsOverview['flags'][number]) => maySeeChildRecords(user.role) || flag.flag !== 'turning_18';

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.homes')}</Title>
      <Group justify="space-between" align="flex-end">
        <AsOfPicker value={onDate} onChange={setOnDate} />
        <Group gap="sm" align="flex-start">
          <ExportButton request="residents.overview" input={{ onDate }} disabled={!current} />
          <PrintButton request="residents.overview" input={{ onDate }} disabled={!current} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {!current && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {current && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Figure label={t('homes.fig.institutions')} value={String(current.occupancy.length)} />
            <Figure label={t('homes.fig.beds')} value={String(current.occupancyTotal.totalBeds)} />
            <Figure label={t('homes.fig.residents')} value={String(current.occupancyTotal.residents)} testId="figure-residents" />
            <Figure label={t('homes.fig.flags')} value={String(current.flags.length)} />
          </SimpleGrid>
          <Section title={t('homes.occupancy')} note={t('homes.occupancyNote', { date: current.onDate })}>
            <OccupancyTable overview={current} />
          </Section>
          <Section title={t('homes.byCategory')} note={t('homes.byCategoryNote')}>
            <CategoryLevelTable overview={current} />
          </Section>
          <Section title={t('homes.flags')} note={t('homes.flagsNote')}>
            <FlagsTable overview={current} mayOpen={mayOpen} />
          </Section>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm" radius="md" bg="white">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} className="money" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function Section({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Group justify="space-between" align="baseline" wrap="wrap">
        <Title order={4}>{title}</Title>
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      </Group>
      {children}
    </Stack>
  );
}
