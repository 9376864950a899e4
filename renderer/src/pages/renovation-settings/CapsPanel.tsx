import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField, parseNumberField } from '../../components/NumberField';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import type { LedgerError, RenovationCap } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen, parseYuan } from '../../money';
import { currentYear } from '../../months';
import { useCan } from '../../session/session-context';

const FIELDS = ['fromYear', 'capFen', 'note'] as const;
type Field = (typeof FIELDS)[number];

/** 每户补助上限: the caps newest first, each with the plan years it covers (everyone); adding one (administrators). */
export function CapsPanel() {
  const { t } = useT();
  const can = useCan();
  const [caps, setCaps] = useState<RenovationCap[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [added, setAdded] = useState<RenovationCap | null>(null);

  const load = useCallback(() => {
    call('renovationCaps.list', {}).then(setCaps, setLoadError);
  }, []);
  useEffect(load, [load]);

  /** caps are newest first: each covers its year up to the year before the next newer one. */
  const coverage = (index: number): string => {
    const cap = caps![index]!;
    const newer = index > 0 ? caps![index - 1]! : null;
    if (!newer) return t('renoCap.fromOn', { year: cap.fromYear });
    const last = newer.fromYear - 1;
    return last === cap.fromYear ? t('renoCap.onlyYear', { year: cap.fromYear }) : t('renoCap.years', { from: cap.fromYear, to: last });
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={860}>
        {t('renoCap.intro')}
      </Text>
      <ErrorAlert error={loadError} />
      {!caps && !loadError && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {caps && (
        <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('renoSettings.tab.caps')} maw={860}>
          <Table.Thead className="nowrap-head">
            <Table.Tr>
              <Table.Th>{t('renoCap.fromYear')}</Table.Th>
              <Table.Th ta="right">{t('renoCap.capYuan')}</Table.Th>
              <Table.Th>{t('renoCap.appliesTo')}</Table.Th>
              <Table.Th>{t('renoCap.noteAndEntry')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {caps.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" ta="center" py="sm">
                    {t('renoCap.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {caps.map((cap, i) => (
              <Table.Tr key={cap.id} data-testid="cap-row">
                <Table.Td>{cap.fromYear}</Table.Td>
                <Table.Td ta="right" className="money">
                  {formatFen(cap.capFen)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{coverage(i)}</Table.Td>
                <Table.Td>
                  {cap.note && <Text size="sm">{cap.note}</Text>}
                  <Text size="xs" c="dimmed">
                    {cap.createdByName ? `${cap.createdByName} · ${formatDateTime(cap.createdAt, false)}` : formatDateTime(cap.createdAt, false)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {added && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setAdded(null)} maw={860}>
          {t('renoCap.added', { year: added.fromYear, amount: formatFen(added.capFen) })}
        </Alert>
      )}
      {can.admin && caps && (
        <CapForm
          key={caps.length}
          caps={caps}
          onAdded={(cap) => {
            setAdded(cap);
            load();
          }}
        />
      )}
    </Stack>
  );
}

/** 新增补助上限: a year not yet used, the amount in 元, a note; confirmed first since a cap is never edited. */
function CapForm({ caps, onAdded }: { caps: RenovationCap[]; onAdded(cap: RenovationCap): void }) {
  const { t } = useT();
  const [values, setValues] = useState(() => ({ fromYear: String(Math.max(currentYear(), (caps[0]?.fromYear ?? 0) + 1)), cap: '', note: '' }));
  const [confirming, setConfirming] = useState<{ fromYear: number; capFen: number; note: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(FIELDS);

  const set = (key: keyof typeof values, value: string, field: Field) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.setFieldError(field, null);
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const found: Partial<Record<Field, LedgerError>> = {};
    const year = parseNumberField(values.fromYear);
    if (year === null) found.fromYear = clientError('REQUIRED', 'fromYear');
    else if (year < 2000) found.fromYear = clientError('TOO_SMALL', 'fromYear', { min: 2000 });
    else if (year > 2100) found.fromYear = clientError('TOO_LARGE', 'fromYear', { max: 2100 });
    else if (caps.some((c) => c.fromYear === year)) found.fromYear = clientError('CAP_EXISTS', 'fromYear', { year });
    const cap = parseYuan(values.cap);
    if (!cap.ok) found.capFen = clientError('INVALID_INPUT', 'capFen');
    else if (cap.fen === null) found.capFen = clientError('REQUIRED', 'capFen');
    errors.setFieldErrors(found);
    if (Object.keys(found).length || year === null || !cap.ok || cap.fen === null) return;
    setConfirming({ fromYear: year, capFen: cap.fen, note: values.note.trim() || null });
  };

  const save = async () => {
    if (!confirming || saving) return;
    setSaving(true);
    try {
      onAdded(await call('renovationCaps.create', confirming));
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
      setConfirming(null);
    }
  };

  const parsed = parseYuan(values.cap);
  return (
    <Paper withBorder p="md" radius="md" maw={860} bg="white">
      <form onSubmit={check} noValidate aria-label={t('renoCap.addTitle')}>
        <Stack gap="sm">
          <Title order={5}>{t('renoCap.addTitle')}</Title>
          <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
          <SimpleGrid cols={3}>
            <NumberField
              label={t('renoCap.fromYear')}
              description={t('renoCap.fromYearHelp')}
              value={values.fromYear}
              onChange={(v) => set('fromYear', v, 'fromYear')}
              error={errors.errorFor('fromYear')}
              labelProps={requiredLabel(true)}
              maxLength={4}
            />
            <TextInput
              label={t('renoCap.cap')}
              description={parsed.ok && parsed.fen !== null ? t('money.reads', { amount: formatFen(parsed.fen) }) : t('money.help')}
              value={values.cap}
              onChange={(e) => set('cap', e.currentTarget.value, 'capFen')}
              error={errors.errorFor('capFen') ?? (!parsed.ok ? t('money.invalid') : undefined)}
              labelProps={requiredLabel(true)}
              inputMode="decimal"
              maxLength={12}
              rightSection={
                <Text size="sm" c="dimmed">
                  {t('money.yuan')}
                </Text>
              }
            />
            <TextInput
              label={t('renoCap.note')}
              description={t('renoCap.noteHelp')}
              value={values.note}
              onChange={(e) => set('note', e.currentTarget.value, 'note')}
              error={errors.errorFor('note')}
              maxLength={200}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit">{t('renoCap.add')}</Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirming !== null}
        title={t('renoCap.confirmTitle')}
        confirmLabel={t('renoCap.add')}
        busy={saving}
        onCancel={() => setConfirming(null)}
        onConfirm={() => void save()}
      >
        {confirming && t('renoCap.confirmText', { year: confirming.fromYear, amount: formatFen(confirming.capFen) })}
      </ConfirmModal>
    </Paper>
  );
}
