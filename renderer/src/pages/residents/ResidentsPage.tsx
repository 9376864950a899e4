import { Alert, Button, Group, Input as MantineInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import {
  RESIDENT_CATEGORIES,
  localDate,
  maySeeChildRecords,
  pastDateProblem,
  type Input,
  type ResidentCategory,
  type ResidentRow,
  type ResidentSaved,
} from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { leaveHashTarget, useHashTarget } from '../../hooks/useHashTarget';
import { usePagedList } from '../../hooks/usePagedList';
import { useT } from '../../i18n';
import { useCan, useSession } from '../../session/session-context';
import { categoryLabel, options } from '../institutions/welfare-labels';
import { AdmitForm } from './AdmitForm';
import { useInstitutionChoices } from './pickers';
import { ResidentView } from './ResidentView';
import { ResidentsTable } from './ResidentsTable';
import { ExportButton } from '../../components/ExportButton';

const PAGE_SIZE = 50;
type Scope = 'current' | 'exited' | 'all';

interface Filters {
  onDate: string;
  institutionId: string | null;
  category: ResidentCategory | null;
  scope: Scope;
}

const fetchResidents = (query: string, after: string | null, f: Filters) => {
  const input: Input<'residents.list'> = { ...f, query: query || undefined, limit: PAGE_SIZE, after };
  return call('residents.list', input);
};

type DrawerTarget = { kind: 'admit' } | { kind: 'view'; id: string; warnings?: ResidentSaved['warnings'] };

/**
 * 在院人员: who lived in the county's homes on a day (today unless another is chosen), filtered by
 * home, category and scope, found by name, pinyin initials or ID tail; 办理入院 and each
 * resident's record in a drawer.
 */
export function ResidentsPage() {
  const { t } = useT();
  const can = useCan();
  const { user } = useSession();
  const institutions = useInstitutionChoices(true);
  const today = localDate();
  const [dateText, setDateText] = useState(today);
  const [filters, setFilters] = useState<Filters>({ onDate: today, institutionId: null, category: null, scope: 'current' });
  const { query, setQuery, debouncedQuery, list, error, nearEnd, reload, footer } = usePagedList(fetchResidents, filters);
  const { drawer, open: openDrawer, retarget, close: closeDrawer, exited } = useDrawerTarget<DrawerTarget>();
  const [admittedName, setAdmittedName] = useState<string | null>(null);

  const open = useCallback((target: DrawerTarget) => {
    setAdmittedName(null);
    openDrawer(target);
  }, [openDrawer]);
  const close = () => {
    closeDrawer();
    leaveHashTarget('residents');
  };

  // A link from the overview: open the resident named in the address, "#/residents/<id>".
  useHashTarget('residents', useCallback((id: string) => open({ kind: 'view', id }), [open]));

  const admitted = (saved: ResidentSaved) => {
    reload();
    if (saved.warnings.length > 0) {
      // Accepted with something to check: show it on the new record rather than closing.
      retarget({ kind: 'view', id: saved.resident.id, warnings: saved.warnings }, true);
    } else {
      close();
      setAdmittedName(saved.resident.name);
    }
  };

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const dateProblem = dateText.trim() ? pastDateProblem(dateText.trim()) : 'REQUIRED';
  const changeDate = (text: string) => {
    setDateText(text);
    const value = text.trim();
    if (value.length === 10 && !pastDateProblem(value)) setFilter('onDate', value);
  };
  const filtered = debouncedQuery !== '' || filters.institutionId !== null || filters.category !== null || filters.scope !== 'current';
  const mayOpen = (row: ResidentRow) => !row.isChild || maySeeChildRecords(user.role);
  const title = drawer?.target.kind === 'admit' ? t('resident.admitTitle') : t('resident.viewTitle');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.residents')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'admit' })}>{t('resident.admit')}</Button>}
      </Group>

      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t('resident.onDate')}
          description={t('resident.onDateHelp')}
          placeholder="YYYY-MM-DD"
          value={dateText}
          onChange={(e) => changeDate(e.currentTarget.value)}
          error={dateText.trim().length >= 10 && dateProblem ? t('resident.onDateInvalid') : undefined}
          maxLength={10}
          w={170}
          autoComplete="off"
          rightSectionWidth={56}
          rightSection={
            filters.onDate !== today ? (
              <Button variant="subtle" size="compact-xs" onClick={() => changeDate(today)}>
                {t('resident.today')}
              </Button>
            ) : null
          }
        />
        <Select
          label={t('resident.institution')}
          description={'\u00a0'}
          placeholder={t('audit.any')}
          data={institutions.choices}
          value={filters.institutionId}
          onChange={(v) => setFilter('institutionId', v)}
          clearable
          searchable
          w={240}
        />
        <Select
          label={t('resident.category')}
          description={'\u00a0'}
          placeholder={t('audit.any')}
          data={options(RESIDENT_CATEGORIES, (c) => categoryLabel(t, c))}
          value={filters.category}
          onChange={(v) => setFilter('category', v as ResidentCategory | null)}
          clearable
          w={180}
        />
        <MantineInput.Wrapper label={t('resident.scope')} description={'\u00a0'} labelElement="div" labelProps={{ id: 'resident-scope-label' }}>
          <SegmentedControl
            aria-labelledby="resident-scope-label"
            value={filters.scope}
            onChange={(v) => setFilter('scope', v as Scope)}
            data={(['current', 'exited', 'all'] as const).map((s) => ({ value: s, label: t(`resident.scope.${s}`) }))}
            display="flex"
          />
        </MantineInput.Wrapper>
      </Group>

      <Group align="flex-end" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('people.search')}
            placeholder={t('people.searchPlaceholder')}
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
                setFilters((f) => ({ ...f, institutionId: null, category: null, scope: 'current' }));
                setQuery('');
              }}
            >
              {t('audit.clear')}
            </Button>
          )}
        </Group>
        <Group gap="md" align="center">
          {list && (
            <Text size="sm" c="dimmed" data-testid="residents-total">
                      {t('resident.total', { count: list.total, date: list.onDate })}
            </Text>
          )}
          <ExportButton request="residents.list" input={{ ...filters, query: debouncedQuery || undefined }} />
        </Group>
      </Group>

      {admittedName !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setAdmittedName(null)}>
          {t('resident.admitted', { name: admittedName })}
        </Alert>
      )}
      <ErrorAlert error={error ?? institutions.error} />

      {list && (
        <ResidentsTable
          rows={list.rows}
          emptyText={filtered ? t('resident.noMatch') : t('resident.empty', { date: list.onDate })}
          mayOpen={mayOpen}
          onOpen={(row) => open({ kind: 'view', id: row.id })}
          onNearEnd={nearEnd}
        />
      )}
      <ListFooter {...footer} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={820} title={title}>
        {drawer?.target.kind === 'admit' && <AdmitForm key={drawer.session} onSaved={admitted} onClose={close} />}
        {drawer?.target.kind === 'view' && (
          <ResidentView
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
