import { Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import { INSTITUTION_TYPES, type Institution, type InstitutionRow, type InstitutionType } from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { InstitutionDrawerContent, type InstitutionTarget } from './InstitutionDrawerContent';
import { InstitutionsTable } from './InstitutionsTable';
import { institutionTypeLabel, options } from './welfare-labels';
import { ExportButton } from '../../components/ExportButton';

/** institutions.list answers the whole county at once; the table shows it a page at a time. */
const PAGE_SIZE = 50;

/** 供养机构: the county's welfare homes with today's occupancy; the form and bed register in a drawer. */
export function InstitutionsPage() {
  const { t } = useT();
  const can = useCan();
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [includeClosed, setIncludeClosed] = useState(false);
  const [type, setType] = useState<InstitutionType | null>(null);
  const [rows, setRows] = useState<InstitutionRow[] | null>(null);
  const [shown, setShown] = useState(PAGE_SIZE);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const seq = useRef(0);

  const { drawer, open: openDrawer, close, exited } = useDrawerTarget<InstitutionTarget>();
  const [savedName, setSavedName] = useState<string | null>(null);

  useEffect(() => {
    const mine = ++seq.current;
    setError(null);
    call('institutions.list', { query: debouncedQuery || undefined, includeClosed }).then(
      (found) => {
        if (mine !== seq.current) return;
        setRows(found);
        setShown(PAGE_SIZE);
      },
      (caught: unknown) => mine === seq.current && setError(caught),
    );
  }, [debouncedQuery, includeClosed, reloadToken]);

  const filtered = useMemo(() => (rows ?? []).filter((r) => !type || r.type === type), [rows, type]);

  const open = (target: InstitutionTarget) => {
    setSavedName(null);
    openDrawer(target);
  };
  const reload = () => setReloadToken((n) => n + 1);

  const saved = (institution: Institution) => {
    reload();
    setSavedName(institution.name);
    // A new institution's next step is its bed register: stay in the drawer, on that tab.
    if (drawer?.target.kind === 'new') open({ kind: 'edit', id: institution.id, tab: 'beds', created: true });
    else close();
  };

  const readOnly = !can.edit;
  const title = drawer?.target.kind === 'new' ? t('institution.newTitle') : readOnly ? t('institution.viewTitle') : t('institution.editTitle');
  const anyFilter = debouncedQuery !== '' || type !== null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.institutions')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'new' })}>{t('institutions.new')}</Button>}
      </Group>

      <Group align="flex-end" justify="space-between">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('people.search')}
            placeholder={t('stations.searchPlaceholder')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            maxLength={50}
            w={300}
            type="search"
            autoComplete="off"
          />
          <Select
            label={t('institution.type')}
            placeholder={t('audit.any')}
            data={options(INSTITUTION_TYPES, (v) => institutionTypeLabel(t, v))}
            value={type}
            onChange={(v) => setType(v as InstitutionType | null)}
            clearable
            w={200}
          />
          <Checkbox
            label={t('institutions.includeClosed')}
            checked={includeClosed}
            onChange={(e) => setIncludeClosed(e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <Group gap="md" align="center">
          {rows && (
            <Text size="sm" c="dimmed" data-testid="institutions-total">
                      {t('institutions.total', { count: filtered.length })}
            </Text>
          )}
          <ExportButton request="institutions.list" input={{ query: debouncedQuery || undefined, includeClosed }} />
        </Group>
      </Group>

      {savedName !== null && !drawer?.open && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSavedName(null)}>
          {t('institution.saved', { name: savedName })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {rows && (
        <InstitutionsTable
          rows={filtered.slice(0, shown)}
          emptyText={anyFilter ? t('institutions.noMatch') : t('institutions.empty')}
          onOpen={(row, tab) => open({ kind: 'edit', id: row.id, tab })}
        />
      )}
      <ListFooter hasMore={filtered.length > shown} onLoadMore={() => setShown((n) => n + PAGE_SIZE)} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={920} title={title}>
        {drawer && (
          <InstitutionDrawerContent
            key={drawer.session}
            target={drawer.target}
            readOnly={readOnly}
            onSaved={saved}
            onBedsChanged={reload}
            onClose={close}
          />
        )}
      </ListDrawer>
    </Stack>
  );
}
