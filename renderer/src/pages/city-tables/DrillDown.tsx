import { Drawer, Group, Loader, Pagination, SimpleGrid, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { SummaryItem } from '../../components/SummaryItem';
import type { CityRecordsPage, CitySource, ImportedBundle } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';
import { periodText, purposeLabel, registerLabel } from '../bundles/bundle-labels';
import { HashText } from '../bundles/HashText';
import { cellText } from './record-cells';

export const DRILL_PAGE_SIZE = 50;

/**
 * A county's records as one bundle brought them (the one its figures came from): which bundle,
 * then a tab per register with a search box and pages of rows — columns as the register defines.
 */
export function DrillDown(props: { county: { code: string; name: string; source: CitySource } | null; period: string; onClose(): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.county !== null);
  return (
    <Drawer
      {...overlay}
      onClose={props.onClose}
      position="right"
      size={1120}
      title={<Text fw={700}>{props.county ? t('cityTables.drillTitle', { county: props.county.name, period: periodText(t, props.period) }) : ''}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.county && <DrillContent key={props.county.source.bundleId} county={props.county} period={props.period} />}
    </Drawer>
  );
}

function DrillContent({ county, period }: { county: { code: string; name: string; source: CitySource }; period: string }) {
  const { t } = useT();
  const [bundle, setBundle] = useState<ImportedBundle | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [register, setRegister] = useState<string | null>(null);
  const [towns, setTowns] = useState<ReadonlyMap<string, string>>(new Map());

  // Town codes show as names; without the list (unknown county) they stay codes.
  useEffect(() => {
    let live = true;
    call('divisions.children', { code: county.code }).then(
      (list) => live && setTowns(new Map(list.map((d) => [d.code, d.name]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [county.code]);

  useEffect(() => {
    let live = true;
    call('cityBundles.list', { countyCode: county.code, period }).then(
      (list) => {
        if (!live) return;
        const found = list.find((b) => b.id === county.source.bundleId) ?? null;
        setBundle(found);
        setRegister(found?.counts.find((c) => c.contents !== 'summary')?.contents ?? 'stations');
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [county, period]);

  if (error) return <ErrorAlert error={error} />;
  if (!bundle || !register) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  const registers = bundle.counts.filter((c) => c.contents !== 'summary');
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" data-testid="drill-source">
        <SummaryItem label={t('bundles.sequence')}>
          {bundle.sequence} · {purposeLabel(t, bundle.purpose)}
        </SummaryItem>
        <SummaryItem label={t('bundles.fileName')}>
          <Text size="sm" ff="monospace">
            {bundle.fileName}
          </Text>
        </SummaryItem>
        <SummaryItem label={t('cityImport.made')}>
          {formatDateTime(bundle.createdAt, false)} · {bundle.createdBy}
        </SummaryItem>
        <SummaryItem label={t('cityImport.importedAt')}>{formatDateTime(bundle.importedAt, false)}</SummaryItem>
        <SummaryItem label="SHA-256" span={4}>
          <HashText hash={bundle.fileSha256} full />
        </SummaryItem>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('cityTables.drillHelp', { end: bundle.period.end })}
      </Text>
      <Tabs value={register} onChange={(v) => v && setRegister(v)} keepMounted={false}>
        <Tabs.List>
          {registers.map((r) => (
            <Tabs.Tab key={r.contents} value={r.contents}>
              {registerLabel(t, r.contents)}（{r.records}）
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {registers.map((r) => (
          <Tabs.Panel key={r.contents} value={r.contents} pt="sm">
            <RegisterRecords bundleId={bundle.id} register={r.contents} towns={towns} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function RegisterRecords({ bundleId, register, towns }: { bundleId: string; register: string; towns: ReadonlyMap<string, string> }) {
  const { t, locale } = useT();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CityRecordsPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    call('cityRecords.list', { bundleId, register, query: debounced || null, offset: (page - 1) * DRILL_PAGE_SIZE, limit: DRILL_PAGE_SIZE }).then(
      (loaded) => {
        if (mine !== seq.current) return;
        setData(loaded);
        setLoading(false);
      },
      (caught: unknown) => {
        if (mine !== seq.current) return;
        setError(caught);
        setLoading(false);
      },
    );
  }, [bundleId, register, debounced, page]);

  const pages = data ? Math.max(1, Math.ceil(data.total / DRILL_PAGE_SIZE)) : 1;
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('cityTables.search')}
          placeholder={t('cityTables.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setPage(1);
          }}
          w={280}
          maxLength={50}
          rightSection={loading ? <Loader size="xs" /> : null}
        />
        <Group gap="md" align="center">
          {data && (
            <Text size="sm" c="dimmed" data-testid="drill-total">
              {t('cityTables.recordsTotal', { count: data.total })}
            </Text>
          )}
          {/* Every page of the register, with the search applied — not only the page shown. */}
          <ExportButton request="cityRecords.list" input={{ bundleId, register, query: debounced || null }} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {data && (
        <Table.ScrollContainer minWidth={Math.max(700, data.columns.length * 120)}>
          <Table striped withTableBorder verticalSpacing={6} bg="white" aria-label={registerLabel(t, register)} data-testid="drill-table">
            <Table.Thead className="nowrap-head">
              <Table.Tr>
                {data.columns.map((c) => (
                  <Table.Th key={c.key}>{c.label[locale]}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={data.columns.length}>
                    <Text c="dimmed" ta="center" py="md">
                      {t(debounced ? 'cityTables.noMatch' : 'cityTables.noRecords')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {data.rows.map((row) => (
                <Table.Tr key={row.id} data-testid="drill-row">
                  {data.columns.map((c, i) => (
                    // The first column (a name) may wrap; codes, dates and figures stay on one line.
                    <Table.Td key={c.key} style={i === 0 ? { minWidth: 200 } : { whiteSpace: 'nowrap' }}>
                      {cellText(t, register, c.key, row.data[c.key], towns)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination total={pages} value={page} onChange={setPage} size="sm" />
        </Group>
      )}
    </Stack>
  );
}
