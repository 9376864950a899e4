import { Alert, Button, Drawer, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RemoteSelect, type RemoteOption } from '../../components/RemoteSelect';
import type { FamilyBed } from '../../contract';
import { useT } from '../../i18n';
import { useCan, useLockAwareOverlay } from '../../session/session-context';
import { BedForm, type BedTarget } from './BedForm';
import { BedsTable } from './BedsTable';
import { useStationSearch } from './pickers';

const PAGE_SIZE = 50;
type Status = 'active' | 'ended';

interface ListState {
  rows: FamilyBed[];
  total: number;
  nextCursor: string | null;
}

/** 家庭养老床位: the list with station / status filters and search, the bed form in a drawer. */
export function BedsPage() {
  const { t } = useT();
  const can = useCan();
  const stationSearch = useStationSearch();
  const [station, setStation] = useState<RemoteOption | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);
  const [drawer, setDrawer] = useState<{ target: BedTarget; open: boolean; session: number } | null>(null);
  const overlay = useLockAwareOverlay(!!drawer?.open);
  const [savedName, setSavedName] = useState<string | null>(null);
  const stationId = station?.value ?? null;

  const fetchPage = useCallback(async (q: string, sid: string | null, st: Status | null, after: string | null) => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await call('beds.list', { query: q || undefined, stationId: sid, status: st, limit: PAGE_SIZE, after });
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
    void fetchPage(debouncedQuery, stationId, status, null).then((page) => {
      if (live && page) setList({ rows: page.rows, total: page.total, nextCursor: page.nextCursor });
    });
    return () => {
      live = false;
    };
  }, [debouncedQuery, stationId, status, reloadToken, fetchPage]);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    const page = await fetchPage(debouncedQuery, stationId, status, list.nextCursor);
    if (page) setList((current) => ({ rows: [...(current?.rows ?? []), ...page.rows], total: page.total, nextCursor: page.nextCursor }));
  };

  const open = (target: BedTarget) => {
    setSavedName(null);
    setDrawer((d) => ({ target, open: true, session: (d?.session ?? 0) + 1 }));
  };
  const close = () => setDrawer((d) => (d ? { ...d, open: false } : d));
  const saved = (bed: FamilyBed) => {
    setReloadToken((n) => n + 1);
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
        {list && (
          <Text size="sm" c="dimmed" data-testid="beds-total">
            {t('beds.total', { count: list.total })}
          </Text>
        )}
      </Group>

      {savedName !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSavedName(null)}>
          {t('bed.saved', { name: savedName })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <BedsTable rows={list.rows} emptyText={filtered ? t('beds.noMatch') : t('beds.empty')} onOpen={(row) => open({ kind: 'edit', id: row.id })} />
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
        size={680}
        title={<Text fw={700}>{title}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {drawer && <BedForm key={drawer.session} target={drawer.target} readOnly={readOnly} onSaved={saved} onClose={close} />}
      </Drawer>
    </Stack>
  );
}
