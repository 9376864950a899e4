import { Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { call } from '../../client';
import { useDivisionChildren } from '../../components/DivisionSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import { CASE_STATES, STUCK_AFTER_DAYS, type CaseSaved, type CaseState, type Input } from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { leaveHashTarget, useHashTarget } from '../../hooks/useHashTarget';
import { usePagedList } from '../../hooks/usePagedList';
import { useT } from '../../i18n';
import { yearChoices } from '../../months';
import { useCan, useSession } from '../../session/session-context';
import { CasesTable } from './CasesTable';
import { CaseView } from './CaseView';
import { emptyHousehold } from './household-values';
import { HouseholdForm } from './HouseholdForm';
import { options, stateLabel } from './renovation-labels';
import { ExportButton } from '../../components/ExportButton';

const PAGE_SIZE = 50;

interface Filters {
  planYear: number | null;
  state: CaseState | null;
  townCode: string | null;
  stuckOnly: boolean;
}
const NO_FILTERS: Filters = { planYear: null, state: null, townCode: null, stuckOnly: false };

const fetchCases = (query: string, after: string | null, f: Filters) => {
  const input: Input<'renovations.list'> = { ...f, stuckOnly: f.stuckOnly || undefined, query: query || undefined, limit: PAGE_SIZE, after };
  return call('renovations.list', input);
};

type DrawerTarget = { kind: 'create' } | { kind: 'view'; id: string; warnings?: CaseSaved['warnings'] };

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
  const { query, setQuery, debouncedQuery, list, error, nearEnd, reload, footer } = usePagedList(fetchCases, filters);
  const { drawer, open: openDrawer, retarget, close: closeDrawer, exited } = useDrawerTarget<DrawerTarget>();
  const [createdNumber, setCreatedNumber] = useState<string | null>(null);

  const open = useCallback((target: DrawerTarget) => {
    setCreatedNumber(null);
    openDrawer(target);
  }, [openDrawer]);
  const close = () => {
    closeDrawer();
    leaveHashTarget('renovations');
  };

  // A link from the progress view's stuck cases, "#/renovations/<id>": open that case.
  useHashTarget('renovations', useCallback((id: string) => open({ kind: 'view', id }), [open]));

  // A new case opens at once: the next step is usually recorded right after the application.
  const created = (saved: CaseSaved) => {
    reload();
    setCreatedNumber(saved.case.caseNumber);
    retarget({ kind: 'view', id: saved.case.id, warnings: saved.warnings }, true);
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
        <Group gap="md" align="center">
          {list && (
            <Text size="sm" c="dimmed" data-testid="renovations-total">
                      {t('renovations.total', { count: list.total })}
            </Text>
          )}
          <ExportButton request="renovations.list" input={{ ...filters, stuckOnly: filters.stuckOnly || undefined, query: debouncedQuery || undefined }} />
        </Group>
      </Group>

      {createdNumber !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCreatedNumber(null)}>
          {t('renovations.created', { caseNumber: createdNumber })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <CasesTable rows={list.rows} emptyText={filtered ? t('renovations.noMatch') : t('renovations.empty')} onOpen={(row) => open({ kind: 'view', id: row.id })} onNearEnd={nearEnd} />
      )}
      <ListFooter {...footer} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={900} title={title}>
        {drawer?.target.kind === 'create' && (
          <HouseholdForm key={drawer.session} mode="create" initial={emptyHousehold(user.displayName)} onSaved={created} onCancel={close} />
        )}
        {drawer?.target.kind === 'view' && (
          <CaseView
            key={drawer.session}
            id={drawer.target.id}
            warnings={drawer.target.warnings}
            onChanged={reload}
            onClose={close}
          />
        )}
      </ListDrawer>
    </Stack>
  );
}
