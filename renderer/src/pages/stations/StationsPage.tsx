import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { useDivisionChildren } from '../../components/DivisionSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import {
  LIFECYCLE_STEPS,
  OPERATING_MODES,
  STATION_KINDS,
  type Input,
  type LifecycleStep,
  type OperatingMode,
  type Station,
  type StationKind,
} from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { usePagedList } from '../../hooks/usePagedList';
import { useT } from '../../i18n';
import { yearChoices } from '../../months';
import { useCan, useSession } from '../../session/session-context';
import { StationDrawerContent, type StationTarget } from './StationDrawerContent';
import { StationsTable } from './StationsTable';
import { ExportButton } from '../../components/ExportButton';

const PAGE_SIZE = 50;

interface Filters {
  kind: StationKind | null;
  townCode: string | null;
  state: LifecycleStep | null;
  operatingMode: OperatingMode | null;
  taskYear: number | null;
}
const NO_FILTERS: Filters = { kind: null, townCode: null, state: null, operatingMode: null, taskYear: null };

const fetchStations = (query: string, after: string | null, f: Filters) => {
  const input: Input<'stations.list'> = { query: query || undefined, ...f, limit: PAGE_SIZE, after };
  return call('stations.list', input);
};

/** 服务站点: filters, search as you type, keyset pages, the station form in a wide drawer. */
export function StationsPage() {
  const { t } = useT();
  const can = useCan();
  const { office } = useSession();
  const towns = useDivisionChildren(office.divisionCode);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const { query, setQuery, debouncedQuery, list, error, nearEnd, reload, footer } = usePagedList(fetchStations, filters);

  const { drawer, open: openDrawer, close, exited } = useDrawerTarget<StationTarget>();
  const [savedName, setSavedName] = useState<string | null>(null);

  const open = (target: StationTarget) => {
    setSavedName(null);
    openDrawer(target);
  };

  const saved = (station: Station) => {
    reload();
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
        <Group gap="md" align="center">
          {list && (
            <Text size="sm" c="dimmed" data-testid="stations-total">
                      {t('stations.total', { count: list.total })}
            </Text>
          )}
          <ExportButton request="stations.list" input={{ query: debouncedQuery || undefined, ...filters }} />
        </Group>
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
          onNearEnd={nearEnd}
        />
      )}

      <ListFooter {...footer} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={920} title={title}>
        {drawer && (
          <StationDrawerContent
            key={drawer.session}
            target={drawer.target}
            readOnly={readOnly}
            onSaved={saved}
            onClose={close}
          />
        )}
      </ListDrawer>
    </Stack>
  );
}
