import { Alert, Button, Drawer, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { PersonPage, PersonRow, PersonSaved } from '../../contract';
import { useT } from '../../i18n';
import { useCan, useLockAwareOverlay } from '../../session/session-context';
import { PeopleTable } from './PeopleTable';
import { PersonForm, type PersonTarget } from './PersonForm';

const PAGE_SIZE = 50;

interface ListState {
  rows: PersonRow[];
  total: number;
  nextCursor: string | null;
}

/** 人员信息: search as you type, keyset pages, the person form in a drawer. */
export function PeoplePage() {
  const { t } = useT();
  const can = useCan();
  const [query, setQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(query.trim(), 250);
  const [list, setList] = useState<ListState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reloadToken, setReloadToken] = useState(0);
  const requestSeq = useRef(0);

  const [drawer, setDrawer] = useState<{ target: PersonTarget; open: boolean; session: number } | null>(null);
  const overlay = useLockAwareOverlay(!!drawer?.open);
  /** The name of the person just saved (worded at render time, so it follows the language). */
  const [savedName, setSavedName] = useState<string | null>(null);

  const fetchPage = useCallback(async (q: string, after: string | null): Promise<PersonPage | null> => {
    const seq = ++requestSeq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await call('people.list', { query: q || undefined, limit: PAGE_SIZE, after });
      return seq === requestSeq.current ? page : null;
    } catch (caught) {
      if (seq === requestSeq.current) setError(caught);
      return null;
    } finally {
      if (seq === requestSeq.current) setLoading(false);
    }
  }, []);

  // A new query (or a save) starts again from the first page.
  useEffect(() => {
    let live = true;
    void fetchPage(debouncedQuery, null).then((page) => {
      if (live && page) setList({ rows: page.rows, total: page.total, nextCursor: page.nextCursor });
    });
    return () => {
      live = false;
    };
  }, [debouncedQuery, reloadToken, fetchPage]);

  const loadMore = async () => {
    if (!list?.nextCursor) return;
    const page = await fetchPage(debouncedQuery, list.nextCursor);
    if (page) setList((current) => ({ rows: [...(current?.rows ?? []), ...page.rows], total: page.total, nextCursor: page.nextCursor }));
  };

  const open = (target: PersonTarget) => {
    setSavedName(null);
    setDrawer((d) => ({ target, open: true, session: (d?.session ?? 0) + 1 }));
  };
  const close = () => setDrawer((d) => (d ? { ...d, open: false } : d));

  const saved = (result: PersonSaved, stayOpen: boolean) => {
    setReloadToken((n) => n + 1);
    if (stayOpen) {
      // Warnings: the form stays open on the saved record to show them.
      setDrawer((d) => (d ? { ...d, target: { kind: 'edit', id: result.person.id } } : d));
    } else {
      setSavedName(result.person.name);
      close();
    }
  };

  const readOnly = !can.edit;
  const title =
    drawer?.target.kind === 'new' ? t('person.newTitle') : readOnly ? t('person.viewTitle') : t('person.editTitle');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={3}>{t('nav.people')}</Title>
        {can.edit && <Button onClick={() => open({ kind: 'new' })}>{t('people.new')}</Button>}
      </Group>

      <Group align="flex-end" justify="space-between">
        <TextInput
          label={t('people.search')}
          placeholder={t('people.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          maxLength={50}
          w={420}
          type="search"
          autoComplete="off"
        />
        {list && (
          <Text size="sm" c="dimmed" data-testid="people-total">
            {t('people.total', { count: list.total })}
          </Text>
        )}
      </Group>

      {savedName !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSavedName(null)}>
          {t('person.saved', { name: savedName })}
        </Alert>
      )}
      <ErrorAlert error={error} />

      {list && (
        <PeopleTable
          rows={list.rows}
          emptyText={debouncedQuery ? t('people.noMatch') : t('people.empty')}
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
        size={640}
        title={<Text fw={700}>{title}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {drawer && (
          <PersonForm key={drawer.session} target={drawer.target} readOnly={readOnly} onSaved={saved} onClose={close} />
        )}
      </Drawer>
    </Stack>
  );
}
