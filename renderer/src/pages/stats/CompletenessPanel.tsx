import { Group, Loader, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import { YearSelect } from '../../components/YearSelect';
import type { Completeness } from '../../contract';
import { useT } from '../../i18n';
import { currentMonth } from '../../months';

/** 12 / 12 → "100%", 7 / 9 → "77.8%" (display only). */
function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.round((part * 1000) / whole);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

function rateColor(part: number, whole: number): string {
  if (whole <= 0) return 'gray';
  if (part >= whole) return 'green';
  return part * 2 >= whole ? 'yellow' : 'red';
}

/** 报送情况: for a year, who reported which month, and each station's reporting rate. */
export function CompletenessPanel({ initialYear }: { initialYear: number }) {
  const { t } = useT();
  const [year, setYear] = useState(initialYear);
  const [data, setData] = useState<Completeness | null>(null);
  const [error, setError] = useState<unknown>(null);
  const thisMonth = currentMonth();

  useEffect(() => {
    let live = true;
    setError(null);
    call('stats.completeness', { year }).then(
      (loaded) => live && setData(loaded),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [year]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <YearSelect value={year} onChange={setYear} />
          <Text size="sm" c="dimmed" pb={6}>
            {t('completeness.intro')}
          </Text>
        </Group>
        <Group gap="sm" align="flex-start">
          <ExportButton request="stats.completeness" input={{ year }} disabled={!data || data.year !== year} />
          <PrintButton request="stats.completeness" input={{ year }} disabled={!data || data.year !== year} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {!data && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {data && data.year === year && (
        <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
          <Stack gap="xs">
            <Title order={5}>{t('completeness.byMonth')}</Title>
            <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('completeness.byMonth')} data-testid="completeness-months">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>{t('month.label')}</Table.Th>
                  <Table.Th w={150}>{t('completeness.reported')}</Table.Th>
                  <Table.Th>{t('completeness.missing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{m.month}</Table.Td>
                    <Table.Td>
                      {m.operating === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('completeness.noneOperating')}
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          <Text size="sm">{t('completeness.reportedOf', { reported: m.reported, operating: m.operating })}</Text>
                          <Progress value={(m.reported * 100) / m.operating} color={rateColor(m.reported, m.operating)} size="sm" aria-hidden />
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {m.month >= thisMonth && m.operating > 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('completeness.inProgress', { count: m.missing.length })}
                        </Text>
                      ) : m.missing.length > 0 ? (
                        <Text size="sm" c="red.8">
                          {m.missing.map((s) => s.name).join('、')}
                        </Text>
                      ) : m.operating > 0 ? (
                        <Text size="sm" c="green.8">
                          {t('completeness.allReported')}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
          <Stack gap="xs">
            <Title order={5}>{t('completeness.byStation')}</Title>
            <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('completeness.byStation')} data-testid="completeness-stations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stats.station')}</Table.Th>
                  <Table.Th ta="right">{t('completeness.monthsOperating')}</Table.Th>
                  <Table.Th ta="right">{t('completeness.monthsReported')}</Table.Th>
                  <Table.Th w={170}>{t('completeness.rate')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.stations.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={4}>
                      <Text c="dimmed" ta="center" py="md">
                        {t('completeness.noStations')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {data.stations.map((s) => (
                  <Table.Tr key={s.stationId}>
                    <Table.Td>{s.name}</Table.Td>
                    <Table.Td ta="right">{s.monthsOperating}</Table.Td>
                    <Table.Td ta="right">{s.monthsReported}</Table.Td>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <Progress
                          value={s.monthsOperating ? (s.monthsReported * 100) / s.monthsOperating : 0}
                          color={rateColor(s.monthsReported, s.monthsOperating)}
                          size="sm"
                          w={80}
                          aria-hidden
                        />
                        <Text size="sm">{percent(s.monthsReported, s.monthsOperating)}</Text>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </SimpleGrid>
      )}
    </Stack>
  );
}
