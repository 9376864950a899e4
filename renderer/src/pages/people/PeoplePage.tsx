import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListDrawer } from '../../components/ListDrawer';
import { ListFooter } from '../../components/ListFooter';
import type { PersonSaved } from '../../contract';
import { useDrawerTarget } from '../../hooks/useDrawerTarget';
import { ExportButton } from '../../components/ExportButton';
import { usePagedList } from '../../hooks/usePagedList';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { PeopleTable } from './PeopleTable';
import { PersonForm, type PersonTarget } from './PersonForm';

const PAGE_SIZE = 50;

const fetchPeople = (query: string, after: string | null) => call('people.list', { query: query || undefined, limit: PAGE_SIZE, after });

/** 人员信息: search as you type, keyset pages, the person form in a drawer. */
export function PeoplePage() {
  const { t } = useT();
  const can = useCan();
  const { query, setQuery, debouncedQuery, list, error, nearEnd, reload, footer } = usePagedList(fetchPeople);

  const { drawer, open: openDrawer, retarget, close, exited } = useDrawerTarget<PersonTarget>();
  /** The name of the person just saved (worded at render time, so it follows the language). */
  const [savedName, setSavedName] = useState<string | null>(null);

  const open = (target: PersonTarget) => {
    setSavedName(null);
    openDrawer(target);
  };

  const saved = (result: PersonSaved, stayOpen: boolean) => {
    reload();
    if (stayOpen) {
      // Warnings: the form stays open on the saved record to show them.
      retarget({ kind: 'edit', id: result.person.id });
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
        <Group gap="md" align="center">
          {list && (
            <Text size="sm" c="dimmed" data-testid="people-total">
              {t('people.total', { count: list.total })}
            </Text>
          )}
          <ExportButton request="people.list" input={{ query: debouncedQuery || undefined }} />
        </Group>
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
          onNearEnd={nearEnd}
        />
      )}

      <ListFooter {...footer} />

      <ListDrawer opened={!!drawer?.open} onClose={close} onExited={exited} size={640} title={title}>
        {drawer && (
          <PersonForm key={drawer.session} target={drawer.target} readOnly={readOnly} onSaved={saved} onClose={close} />
        )}
      </ListDrawer>
    </Stack>
  );
}
