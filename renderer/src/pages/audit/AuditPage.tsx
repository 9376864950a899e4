import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError } from '../../components/form-errors';
import { isRealDate, type AuditRow, type Input, type StaffMember } from '../../contract';
import { useT } from '../../i18n';
import { AuditTable } from './AuditTable';
import { AUDIT_ENTITIES, entityLabelKey } from './audit-labels';

const PAGE_SIZE = 100;

interface Filters {
  actorId: string | null;
  entity: string | null;
  entityId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { actorId: null, entity: null, entityId: '', from: '', to: '' };

function toInput(f: Filters): Input<'audit.list'> {
  return {
    actorId: f.actorId,
    entity: f.entity,
    entityId: f.entityId.trim() || null,
    from: f.from.trim() || null,
    to: f.to.trim() || null,
    limit: PAGE_SIZE,
  };
}

/** 审计日志 (admins): read-only, newest first, filters, "load more" by sequence number. */
export function AuditPage() {
  const { t, errorText } = useT();
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [nextCursor, setNextCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const seq = useRef(0);

  useEffect(() => {
    call('staff.list', {}).then(setStaff, () => undefined);
  }, []);

  const fetchPage = useCallback(async (filters: Filters, beforeSeq: number | null) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await call('audit.list', { ...toInput(filters), beforeSeq });
      if (mine !== seq.current) return;
      setRows((current) => (beforeSeq ? [...(current ?? []), ...page.rows] : page.rows));
      setNextCursor(page.nextCursor);
    } catch (caught) {
      if (mine === seq.current) setError(caught);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void fetchPage(applied, null);
  }, [applied, fetchPage]);

  const apply = (filters: Filters) => {
    const problems: { from?: string; to?: string } = {};
    for (const key of ['from', 'to'] as const) {
      const text = filters[key].trim();
      if (text && !isRealDate(text)) problems[key] = errorText(clientError('DATE_INVALID', key));
    }
    setDateErrors(problems);
    if (Object.keys(problems).length) return;
    setDraft(filters);
    setApplied({ ...filters });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.audit')}</Title>
      <Text size="sm" c="dimmed">
        {t('audit.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, lg: 5 }} spacing="sm">
            <Select
              label={t('audit.actor')}
              placeholder={t('audit.any')}
              data={staff.map((m) => ({ value: m.id, label: `${m.displayName}（${m.username}）` }))}
              value={draft.actorId}
              onChange={(actorId) => setDraft((d) => ({ ...d, actorId }))}
              clearable
              searchable
              nothingFoundMessage={t('division.nothingFound')}
            />
            <Select
              label={t('audit.entity')}
              placeholder={t('audit.any')}
              data={AUDIT_ENTITIES.map((e) => ({ value: e, label: t(entityLabelKey(e)) }))}
              value={draft.entity}
              onChange={(entity) => setDraft((d) => ({ ...d, entity }))}
              clearable
            />
            <TextInput
              label={t('audit.entityId')}
              value={draft.entityId}
              onChange={(e) => {
                const entityId = e.currentTarget.value;
                setDraft((d) => ({ ...d, entityId }));
              }}
              maxLength={64}
              spellCheck={false}
            />
            <TextInput
              label={t('audit.from')}
              placeholder="YYYY-MM-DD"
              value={draft.from}
              onChange={(e) => {
                const from = e.currentTarget.value;
                setDraft((d) => ({ ...d, from }));
              }}
              error={dateErrors.from}
              maxLength={10}
            />
            <TextInput
              label={t('audit.to')}
              placeholder="YYYY-MM-DD"
              value={draft.to}
              onChange={(e) => {
                const to = e.currentTarget.value;
                setDraft((d) => ({ ...d, to }));
              }}
              error={dateErrors.to}
              maxLength={10}
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit">{t('audit.search')}</Button>
            <Button variant="default" onClick={() => apply(NO_FILTERS)}>
              {t('audit.clear')}
            </Button>
          </Group>
        </Stack>
      </form>

      <ErrorAlert error={error} />
      {rows && (
        <AuditTable
          rows={rows}
          label={t('nav.audit')}
          onShowRecord={(row) => apply({ ...NO_FILTERS, entity: row.entity, entityId: row.entityId ?? '' })}
        />
      )}
      {nextCursor !== null && (
        <Group justify="center">
          <Button variant="default" loading={loading} onClick={() => void fetchPage(applied, nextCursor)}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
