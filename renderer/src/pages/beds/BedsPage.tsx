import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import { RemoteSelect, type RemoteOption } from '../../components/RemoteSelect';
import type { FamilyBed } from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { usePagedList } from '../../hooks/usePagedList';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { BedForm, type BedTarget } from './BedForm';
import { BedsTable } from './BedsTable';
import { useStationSearch } from './pickers';
import { ExportButton } from '../../components/ExportButton';

const PAGE_SIZE = 50;
type Status = 'active' | 'ended';

interface BedFilters {
  stationId: string | null;
  status: Status | null;
}

const fetchBeds = (query: string, after: string | null, f: BedFilters) =>
  call('beds.list', { query: query || undefined, ...f, limit: PAGE_SIZE, after });

/** 家庭养老床位: the list with station / status filters and search, the bed form in a drawer. */
export function BedsPage() {
  const { t } = useT();
  const can = useCan();
  const stationSearch = useStationSearch();
  const [station, setStation] = useState<RemoteOption | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const { drawer, open: openDrawer, close, exited } = useDrawerTarget<BedTarget>();
  const [savedName, setSavedName] = useState<string | null>(null);
  const stationId = station?.value ?? null;
  const filters = useMemo<BedFilters>(() => ({ stationId, status }), [stationId, status]);
  const { query, setQuery, debouncedQuery, list, error, nearEnd, reload, footer } = usePagedList(fetchBeds, filters);

  const open = (target: BedTarget) => {
    setSavedName(null);
    openDrawer(target);
  };
  const saved = (bed: FamilyBed) => {
    reload();
    setSavedName(bed.personName);
    close();
  };

  const filtered = debouncedQuery !== '' || stationId !== null || status !== null;
  const readOnly = !can.edit;
  const title = drawer?.target.kind === 'new' ? t('bed.newTitle') : readOnly ? t('bed.viewTitle') : t('bed.editTitle');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.beds')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'new' })}>{t('beds.new')}</Button>}
      </Group>

      <Group align="flex-end" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('people.search')}
            placeholder={t('beds.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            maxLength={50}
            w={360}
            type="search"
            autoComplete="off"
          />
          <RemoteSelect label={t('bed.station')} value={station} onChange={setStation} search={stationSearch} placeholder={t('audit.any')} clearable w={240} />
          <Select
            label={t('bed.status')}
            placeholder={t('audit.any')}
            data={(['active', 'ended'] as const).map((s) => ({ value: s, label: t(`bed.status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as Status | null)}
            clearable
            w={140}
          />
        </Group>
        <Group gap="md" align="center">
          {list && (
            <Text size="sm" c="dimmed" data-testid="beds-total">
                      {t('beds.total', { count: list.total })}
            </Text>
          )}
          <ExportButton request="beds.list" input={{ query: debouncedQuery || undefined, ...filters }} />
        </Group>
      </Group>

      {savedName !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSavedName(null)}>
          {t('bed.saved', { name: savedName })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <BedsTable rows={list.rows} emptyText={filtered ? t('beds.noMatch') : t('beds.empty')} onOpen={(row) => open({ kind: 'edit', id: row.id })} onNearEnd={nearEnd} />
      )}
      <ListFooter {...footer} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={680} title={title}>
        {drawer && <BedForm key={drawer.session} target={drawer.target} readOnly={readOnly} onSaved={saved} onClose={close} />}
      </ListDrawer>
    </Stack>
  );
}
