import { Alert, Button, Drawer, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { useDivisionChildren } from '../../components/DivisionSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import {
  LIFECYCLE_STEPS,
  OPERATING_MODES,
  STATION_KINDS,
  type Input,
  type LifecycleStep,
  type OperatingMode,
  type Station,
  type StationKind,
  type StationPage,
  type StationRow,
} from '../../contract';
import { useT } from '../../i18n';
import { yearChoices } from '../../months';
import { useCan, useLockAwareOverlay, useSession } from '../../session/session-context';
import { StationDrawerContent, type StationTarget } from './StationDrawerContent';
import { StationsTable } from './StationsTable';

const PAGE_SIZE = 50;

interface Filters {
  kind: StationKind | null;
  townCode: string | null;
  state: LifecycleStep | null;
  operatingMode: OperatingMode | null;
  taskYear: number | null;
}
const NO_FILTERS: Filters = { kind: null, townCode: null, state: null, operatingMode: null, taskYear: null };

interface ListState {
  rows: StationRow[];
  total: number;
  nextCursor: string | null;
}

/** 服务站点: filters, search as you type, keyset pages, the station form in a wide drawer. */
export function StationsPage() {
  const { t } = useT();
  const can = useCan();
  const { office } = useSession();
  const towns = useDivisionChildren(office.divisionCode);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);

  const [drawer, setDrawer] = useState<{ target: StationTarget; open: boolean; session: number } | null>(null);
  const overlay = useLockAwareOverlay(!!drawer?.open);
  const [savedName, setSavedName] = useState<string | null>(null);

  const fetchPage = useCallback(async (q: string, f: Filters, after: string | null): Promise<StationPage | null> => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const input: Input<'stations.list'> = { query: q || undefined, ...f, limit: PAGE_SIZE, after };
      const page = await call('stations.list', input);
      return seq === requestSeq.current ? page : null;
    } catch (caught) {
      if (seq === requestSeq.current) setError(caught);
      return null;
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    let live = true;
    void fetchPage(debouncedQuery, filters, null).then((page) => {
      if (live && page) setList({ rows: page.rows, total: page.total, nextCursor: page.nextCursor });
    });
    return () => {
      live = false;
    };
  }, [debouncedQuery, filters, reloadToken, fetchPage]);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    const page = await fetchPage(debouncedQuery, filters, list.nextCursor);
    if (page) setList((current) => ({ rows: [...(current?.rows ?? []), ...page.rows], total: page.total, nextCursor: page.nextCursor }));
  };

  const open = (target: StationTarget) => {
    setSavedName(null);
    setDrawer((d) => ({ target, open: true, session: (d?.session ?? 0) + 1 }));
  };
  const close = () => setDrawer((d) => (d ? { ...d, open: false } : d));

  const saved = (station: Station) => {
    setReloadToken((n) => n + 1);
    setSavedName(station.name);
    close();
  };

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = debouncedQuery !== '' || Object.values(filters).some((v) => v !== null);

  const readOnly = !can.edit;
  const title = drawer?.target.kind === 'new' ? t('station.newTitle') : readOnly ? t('station.viewTitle') : t('station.editTitle');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.stations')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'new' })}>{t('stations.new')}</Button>}
      </Group>

      <SimpleGrid cols={{ base: 3, lg: 5 }} spacing="sm">
        <Select
          label={t('station.kind')}
          placeholder={t('audit.any')}
          data={STATION_KINDS.map((k) => ({ value: k, label: t(`station.kind.${k}`) }))}
          value={filters.kind}
          onChange={(v) => setFilter('kind', v as StationKind | null)}
          clearable
        />
        <Select
          label={t('station.town')}
          placeholder={towns.loading ? t('common.loading') : t('audit.any')}
          data={towns.items.map((d) => ({ value: d.code, label: d.name }))}
          value={filters.townCode}
          onChange={(v) => setFilter('townCode', v)}
          clearable
          searchable
          nothingFoundMessage={t('division.nothingFound')}
        />
        <Select
          label={t('station.state')}
          placeholder={t('audit.any')}
          data={LIFECYCLE_STEPS.map((s) => ({ value: s, label: t(`station.state.${s}`) }))}
          value={filters.state}
          onChange={(v) => setFilter('state', v as LifecycleStep | null)}
          clearable
        />
        <Select
          label={t('station.operatingMode')}
          placeholder={t('audit.any')}
          data={OPERATING_MODES.map((m) => ({ value: m, label: t(`station.mode.${m}`) }))}
          value={filters.operatingMode}
          onChange={(v) => setFilter('operatingMode', v as OperatingMode | null)}
          clearable
        />
        <Select
          label={t('station.taskYear')}
          placeholder={t('audit.any')}
          data={yearChoices().map((y) => ({ value: String(y), label: String(y) }))}
          value={filters.taskYear === null ? null : String(filters.taskYear)}
          onChange={(v) => setFilter('taskYear', v ? Number(v) : null)}
          clearable
          maxDropdownHeight={280}
        />
      </SimpleGrid>

      <Group align="flex-end" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('people.search')}
            placeholder={t('stations.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            maxLength={50}
            w={360}
            type="search"
            autoComplete="off"
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setFilters(NO_FILTERS);
                setQuery('');
              }}
            >
              {t('audit.clear')}
            </Button>
          )}
        </Group>
        {list && (
          <Text size="sm" c="dimmed" data-testid="stations-total">
            {t('stations.total', { count: list.total })}
          </Text>
        )}
      </Group>

      {savedName !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSavedName(null)}>
          {t('station.saved', { name: savedName })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <StationsTable
          rows={list.rows}
          emptyText={filtered ? t('stations.noMatch') : t('stations.empty')}
          onOpen={(row) => open({ kind: 'edit', id: row.id })}
        />
      )}

      {list?.nextCursor && (
        <Group justify="center">
          <Button variant="default" onClick={() => void loadMore()} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}

      <Drawer
        {...overlay}
        onClose={close}
        onExitTransitionEnd={() => setDrawer((d) => (d && !d.open ? null : d))}
        keepMounted
        keepMountedMode="display-none"
        position="right"
        size={920}
        title={<Text fw={700}>{title}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {drawer && (
          <StationDrawerContent
            key={drawer.session}
            target={drawer.target}
            readOnly={readOnly}
            onSaved={saved}
            onClose={close}
          />
        )}
      </Drawer>
    </Stack>
  );
}
