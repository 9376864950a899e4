import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { isRealDate, type BedRate } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen, parseYuan } from '../../money';
import { useCan } from '../../session/session-context';

const FIELDS = ['effectiveFrom', 'buildFen', 'operatingFenPerMonth'] as const;

/** 补贴标准: the versioned rate table (everyone), and adding a rate (administrators). */
export function BedRatesPanel({ onChanged }: { onChanged(): void }) {
  const { t } = useT();
  const can = useCan();
  const [rates, setRates] = useState<BedRate[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState({ effectiveFrom: '', build: '', operating: '' });
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const errors = useFormErrors(FIELDS);

  const load = useCallback(() => {
    call('bedRates.list', {}).then(setRates, setLoadError);
  }, []);
  useEffect(load, [load]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    errors.clear();
    const build = parseYuan(values.build);
    const operating = parseYuan(values.operating);
    const found: Partial<Record<(typeof FIELDS)[number], ReturnType<typeof clientError>>> = {};
    if (!values.effectiveFrom.trim()) found.effectiveFrom = clientError('REQUIRED', 'effectiveFrom');
    else if (!isRealDate(values.effectiveFrom.trim())) found.effectiveFrom = clientError('DATE_INVALID', 'effectiveFrom');
    if (!build.ok) found.buildFen = clientError('INVALID_INPUT', 'buildFen');
    else if (build.fen === null) found.buildFen = clientError('REQUIRED', 'buildFen');
    if (!operating.ok) found.operatingFenPerMonth = clientError('INVALID_INPUT', 'operatingFenPerMonth');
    else if (operating.fen === null) found.operatingFenPerMonth = clientError('REQUIRED', 'operatingFenPerMonth');
    errors.setFieldErrors(found);
    if (Object.keys(found).length || !build.ok || !operating.ok || build.fen === null || operating.fen === null) return;
    setSaving(true);
    try {
      const rate = await call('bedRates.create', { effectiveFrom: values.effectiveFrom.trim(), buildFen: build.fen, operatingFenPerMonth: operating.fen });
      setValues({ effectiveFrom: '', build: '', operating: '' });
      setAdded(rate.effectiveFrom);
      load();
      onChanged();
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  const yuanHint = (text: string) => {
    const parsed = parseYuan(text);
    return parsed.ok && parsed.fen !== null ? t('money.reads', { amount: formatFen(parsed.fen) }) : t('money.help');
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('rate.intro')}
      </Text>
      <ErrorAlert error={loadError} />
      {rates && (
        <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('subsidy.tab.rates')} maw={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rate.effectiveFrom')}</Table.Th>
              <Table.Th ta="right">{t('rate.buildPerBed')}</Table.Th>
              <Table.Th ta="right">{t('rate.operatingPerBedMonth')}</Table.Th>
              <Table.Th>{t('rate.createdBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rates.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.effectiveFrom}</Table.Td>
                <Table.Td ta="right" className="money">
                  {formatFen(r.buildFen)}
                </Table.Td>
                <Table.Td ta="right" className="money">
                  {formatFen(r.operatingFenPerMonth)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {r.createdByName ? `${r.createdByName} · ${formatDateTime(r.createdAt, false)}` : t('rate.seeded')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {can.admin && (
        <Paper withBorder p="md" radius="md" maw={860} bg="white">
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="sm">
              <Title order={5}>{t('rate.addTitle')}</Title>
              <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
              {added && (
                <Alert color="green" variant="light" role="status">
                  {t('rate.added', { date: added })}
                </Alert>
              )}
              <SimpleGrid cols={3}>
                <TextInput
                  label={t('rate.effectiveFrom')}
                  description={t('rate.effectiveHelp')}
                  placeholder="YYYY-MM-DD"
                  value={values.effectiveFrom}
                  onChange={(e) => {
                    const effectiveFrom = e.currentTarget.value;
                    setValues((v) => ({ ...v, effectiveFrom }));
                    errors.setFieldError('effectiveFrom', null);
                  }}
                  error={errors.errorFor('effectiveFrom')}
                  labelProps={requiredLabel(true)}
                  maxLength={10}
                />
                <TextInput
                  label={t('rate.buildPerBed')}
                  description={yuanHint(values.build)}
                  value={values.build}
                  onChange={(e) => {
                    const build = e.currentTarget.value;
                    setValues((v) => ({ ...v, build }));
                    errors.setFieldError('buildFen', null);
                  }}
                  error={errors.errorFor('buildFen')}
                  labelProps={requiredLabel(true)}
                  inputMode="decimal"
                  maxLength={16}
                />
                <TextInput
                  label={t('rate.operatingPerBedMonth')}
                  description={yuanHint(values.operating)}
                  value={values.operating}
                  onChange={(e) => {
                    const operating = e.currentTarget.value;
                    setValues((v) => ({ ...v, operating }));
                    errors.setFieldError('operatingFenPerMonth', null);
                  }}
                  error={errors.errorFor('operatingFenPerMonth')}
                  labelProps={requiredLabel(true)}
                  inputMode="decimal"
                  maxLength={16}
                />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button type="submit" loading={saving}>
                  {t('rate.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
