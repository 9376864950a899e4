import { Alert, Button, Checkbox, Drawer, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { useDivisionChildren } from '../../components/DivisionSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CASE_STATES, STUCK_AFTER_DAYS, type CaseRow, type CaseSaved, type CaseState, type Input } from '../../contract';
import { useT } from '../../i18n';
import { yearChoices } from '../../months';
import { useCan, useLockAwareOverlay, useSession } from '../../session/session-context';
import { CasesTable } from './CasesTable';
import { CaseView } from './CaseView';
import { emptyHousehold } from './household-values';
import { HouseholdForm } from './HouseholdForm';
import { options, stateLabel } from './renovation-labels';

const PAGE_SIZE = 50;

interface Filters {
  planYear: number | null;
  state: CaseState | null;
  townCode: string | null;
  stuckOnly: boolean;
}
const NO_FILTERS: Filters = { planYear: null, state: null, townCode: null, stuckOnly: false };

interface ListState {
  rows: CaseRow[];
  total: number;
  nextCursor: string | null;
}

type DrawerTarget = { kind: 'create' } | { kind: 'view'; id: string; warnings?: CaseSaved['warnings'] };

/** "#/renovations/<id>" (from the progress view's stuck cases) opens that case. */
function caseIdInHash(): string | null {
  const m = /^#\/renovations\/([0-9a-f-]{36})/.exec(window.location.hash);
  return m ? m[1]! : null;
}

/**
 * 适老化改造: the county's household cases, filtered by plan year, state and town (or only the
 * stuck ones), found by name, ID tail or case number; 新建改造申请 and each case in a drawer.
 */
export function RenovationsPage() {
  const { t } = useT();
  const can = useCan();
  const { office, user } = useSession();
  const towns = useDivisionChildren(office.divisionCode);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);
  const [drawer, setDrawer] = useState<{ target: DrawerTarget; open: boolean; session: number } | null>(null);
  const overlay = useLockAwareOverlay(!!drawer?.open);
  const [createdNumber, setCreatedNumber] = useState<string | null>(null);

  const fetchPage = useCallback(async (q: string, f: Filters, after: string | null) => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const input: Input<'renovations.list'> = { ...f, stuckOnly: f.stuckOnly || undefined, query: q || undefined, limit: PAGE_SIZE, after };
      const page = await call('renovations.list', input);
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

  const open = useCallback((target: DrawerTarget) => {
    setCreatedNumber(null);
    setDrawer((d) => ({ target, open: true, session: (d?.session ?? 0) + 1 }));
  }, []);
  const close = () => {
    setDrawer((d) => (d ? { ...d, open: false } : d));
    if (caseIdInHash()) window.history.replaceState(null, '', '#/renovations');
  };

  useEffect(() => {
    const fromHash = () => {
      const id = caseIdInHash();
      if (id) open({ kind: 'view', id });
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [open]);

  // A new case opens at once: the next step is usually recorded right after the application.
  const created = (saved: CaseSaved) => {
    setReloadToken((n) => n + 1);
    setCreatedNumber(saved.case.caseNumber);
    setDrawer((d) => (d ? { ...d, target: { kind: 'view', id: saved.case.id, warnings: saved.warnings }, session: d.session + 1 } : d));
  };

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = debouncedQuery !== '' || filters.planYear !== null || filters.state !== null || filters.townCode !== null || filters.stuckOnly;
  const title = drawer?.target.kind === 'create' ? t('renovations.createTitle') : t('renovations.viewTitle');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.renovations')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'create' })}>{t('renovations.create')}</Button>}
      </Group>

      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('renovations.planYear')}
          placeholder={t('audit.any')}
          data={yearChoices().map((y) => ({ value: String(y), label: String(y) }))}
          value={filters.planYear === null ? null : String(filters.planYear)}
          onChange={(v) => setFilter('planYear', v ? Number(v) : null)}
          clearable
          w={130}
          maxDropdownHeight={320}
        />
        <Select
          label={t('renovations.state')}
          placeholder={t('audit.any')}
          data={options(CASE_STATES, (s) => stateLabel(t, s))}
          value={filters.state}
          onChange={(v) => setFilter('state', v as CaseState | null)}
          clearable
          w={170}
          maxDropdownHeight={360}
        />
        <Select
          label={t('renovations.town')}
          placeholder={towns.loading ? t('common.loading') : t('audit.any')}
          data={towns.items.map((d) => ({ value: d.code, label: d.name }))}
          value={filters.townCode}
          onChange={(v) => setFilter('townCode', v)}
          clearable
          searchable
          nothingFoundMessage={t('division.nothingFound')}
          w={200}
          maxDropdownHeight={320}
        />
        <TextInput
          label={t('people.search')}
          placeholder={t('renovations.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          maxLength={50}
          w={320}
          type="search"
          autoComplete="off"
        />
        <Checkbox
          label={t('renovations.stuckOnly', { days: STUCK_AFTER_DAYS })}
          checked={filters.stuckOnly}
          onChange={(e) => setFilter('stuckOnly', e.currentTarget.checked)}
          mb={8}
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

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('renovations.stuckHelp', { days: STUCK_AFTER_DAYS })}
        </Text>
        {list && (
          <Text size="sm" c="dimmed" data-testid="renovations-total">
            {t('renovations.total', { count: list.total })}
          </Text>
        )}
      </Group>

      {createdNumber !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCreatedNumber(null)}>
          {t('renovations.created', { caseNumber: createdNumber })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <CasesTable rows={list.rows} emptyText={filtered ? t('renovations.noMatch') : t('renovations.empty')} onOpen={(row) => open({ kind: 'view', id: row.id })} />
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
        size={900}
        title={<Text fw={700}>{title}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {drawer?.target.kind === 'create' && (
          <HouseholdForm key={drawer.session} mode="create" initial={emptyHousehold(user.displayName)} onSaved={created} onCancel={close} />
        )}
        {drawer?.target.kind === 'view' && (
          <CaseView
            key={drawer.session}
            id={drawer.target.id}
            warnings={drawer.target.warnings}
            onChanged={() => setReloadToken((n) => n + 1)}
            onClose={close}
          />
        )}
      </Drawer>
    </Stack>
  );
}
