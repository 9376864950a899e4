import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField, parseNumberField } from '../../components/NumberField';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import type { YearTarget } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { countText } from './report-format';

const FIELDS = ['year', 'stations', 'familyBeds', 'homeVisits'] as const;
type Field = (typeof FIELDS)[number];
/** The contract's upper bounds. */
const MAX: Record<Field, number> = { year: 2100, stations: 100_000, familyBeds: 1_000_000, homeVisits: 100_000_000 };

/** 年度任务: the targets per year (everyone) and setting one (administrators). */
export function TargetsPanel({ targets, defaultYear, onSaved }: { targets: YearTarget[]; defaultYear: number; onSaved(): void }) {
  const { t } = useT();
  const can = useCan();
  const existing = (year: number) => targets.find((x) => x.year === year);
  const initial = (year: number) => {
    const found = existing(year);
    const text = (n: number | undefined) => (n === undefined ? '' : String(n));
    return { year: String(year), stations: text(found?.stations), familyBeds: text(found?.familyBeds), homeVisits: text(found?.homeVisits) };
  };
  const [values, setValues] = useState<Record<Field, string>>(() => initial(defaultYear));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const errors = useFormErrors(FIELDS);

  const set = (field: Field, value: string) => {
    const year = Number(value);
    if (field === 'year' && value.length === 4 && year >= 2000 && year <= 2100) setValues(initial(year));
    else setValues((v) => ({ ...v, [field]: value }));
    errors.setFieldError(field, null);
    setSaved(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    const found: Partial<Record<Field, ReturnType<typeof clientError>>> = {};
    const numbers = {} as Record<Field, number>;
    for (const f of FIELDS) {
      const value = parseNumberField(values[f]);
      if (value === null) found[f] = clientError('REQUIRED', f);
      else if (value > MAX[f]) found[f] = clientError('TOO_LARGE', f, { max: MAX[f] });
      else if (f === 'year' && value < 2000) found[f] = clientError('TOO_SMALL', f, { min: 2000 });
      else numbers[f] = value;
    }
    errors.setFieldErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const target = await call('targets.set', {
        year: numbers.year,
        stations: numbers.stations,
        familyBeds: numbers.familyBeds,
        homeVisits: numbers.homeVisits,
      });
      setSaved(target.year);
      onSaved();
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  const numberProps = (field: Field) => ({
    value: values[field],
    onChange: (v: string) => set(field, v),
    error: errors.errorFor(field),
    maxLength: String(MAX[field]).length,
    labelProps: requiredLabel(true),
  });

  return (
    <Stack gap="md">
      <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('reports.targetsTitle')} maw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('year.label')}</Table.Th>
            <Table.Th ta="right">{t('target.stations')}</Table.Th>
            <Table.Th ta="right">{t('target.familyBeds')}</Table.Th>
            <Table.Th ta="right">{t('target.homeVisits')}</Table.Th>
            <Table.Th>{t('people.updatedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" ta="center" py="sm">
                  {t('reports.noTargets')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {targets.map((x) => (
            <Table.Tr key={x.year}>
              <Table.Td>{x.year}</Table.Td>
              <Table.Td ta="right" className="money">
                {countText(x.stations)}
              </Table.Td>
              <Table.Td ta="right" className="money">
                {countText(x.familyBeds)}
              </Table.Td>
              <Table.Td ta="right" className="money">
                {countText(x.homeVisits)}
              </Table.Td>
              <Table.Td>{formatDateTime(x.updatedAt, false)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {can.admin && (
        <Paper withBorder p="md" radius="md" maw={860} bg="white">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="sm">
              <Title order={5}>{t('reports.setTarget')}</Title>
              <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
              {saved !== null && (
                <Alert color="green" variant="light" role="status">
                  {t('reports.targetSaved', { year: saved })}
                </Alert>
              )}
              <SimpleGrid cols={4}>
                <NumberField label={t('reports.targetYear')} {...numberProps('year')} />
                <NumberField label={t('target.stations')} {...numberProps('stations')} />
                <NumberField label={t('target.familyBeds')} {...numberProps('familyBeds')} />
                <NumberField label={t('target.homeVisits')} {...numberProps('homeVisits')} />
              </SimpleGrid>
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {existing(Number(values.year)) ? t('reports.targetReplaces', { year: values.year }) : ''}
                </Text>
                <Button type="submit" loading={saving}>
                  {t('reports.saveTarget')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
