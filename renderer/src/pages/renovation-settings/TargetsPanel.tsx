import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField, parseNumberField } from '../../components/NumberField';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import type { LedgerError, RenovationTarget } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { fenToYuanInput, formatFen, parseYuan } from '../../money';
import { currentYear } from '../../months';
import { useCan } from '../../session/session-context';

const QUARTER_FIELDS = ['quarters.0', 'quarters.1', 'quarters.2', 'quarters.3'] as const;
const FIELDS = ['year', ...QUARTER_FIELDS, 'budgetFen'] as const;
type Field = (typeof FIELDS)[number];
/** The contract's bound on a quarter's households. */
const MAX_HOUSEHOLDS = 100_000;

export const sumQuarters = (quarters: readonly number[]) => quarters.reduce((a, b) => a + b, 0);

/** 年度目标: households per quarter and the budget, by year (everyone); setting a year's (administrators). */
export function TargetsPanel() {
  const { t } = useT();
  const can = useCan();
  const [targets, setTargets] = useState<RenovationTarget[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);

  const load = useCallback(() => {
    call('renovationTargets.list', {}).then(setTargets, setLoadError);
  }, []);
  useEffect(load, [load]);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={960}>
        {t('renoTarget.intro')}
      </Text>
      <ErrorAlert error={loadError} />
      {!targets && !loadError && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {targets && (
        <Table.ScrollContainer minWidth={860} maw={960}>
          <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={t('renoSettings.tab.targets')}>
            <Table.Thead className="nowrap-head">
              <Table.Tr>
                <Table.Th>{t('year.label')}</Table.Th>
                {[1, 2, 3, 4].map((q) => (
                  <Table.Th key={q} ta="right">
                    {t('renoTarget.quarterHouseholds', { quarter: t(`renoProgress.q${q as 1 | 2 | 3 | 4}`) })}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('renoTarget.yearHouseholds')}</Table.Th>
                <Table.Th ta="right">{t('renoTarget.budgetYuan')}</Table.Th>
                <Table.Th>{t('people.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {targets.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <Text c="dimmed" ta="center" py="sm">
                      {t('renoTarget.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {targets.map((x) => (
                <Table.Tr key={x.year} data-testid="target-row">
                  <Table.Td>{x.year}</Table.Td>
                  {x.quarters.map((n, i) => (
                    <Table.Td key={i} ta="right" className="money">
                      {n}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" className="money" fw={600}>
                    {sumQuarters(x.quarters)}
                  </Table.Td>
                  <Table.Td ta="right" className="money">
                    {formatFen(x.budgetFen)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(x.updatedAt, false)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {saved !== null && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setSaved(null)} maw={960}>
          {t('renoTarget.saved', { year: saved })}
        </Alert>
      )}
      {can.admin && targets && (
        <TargetForm
          targets={targets}
          onSaved={(target) => {
            setSaved(target.year);
            load();
          }}
        />
      )}
    </Stack>
  );
}

type Values = { year: string; quarters: [string, string, string, string]; budget: string };

function valuesFor(year: number, targets: RenovationTarget[]): Values {
  const found = targets.find((x) => x.year === year);
  return {
    year: String(year),
    quarters: found ? (found.quarters.map(String) as Values['quarters']) : ['', '', '', ''],
    budget: found ? fenToYuanInput(found.budgetFen) : '',
  };
}

/** 设置年度目标: typing a year that has a target fills in its figures (saving replaces them). */
function TargetForm({ targets, onSaved }: { targets: RenovationTarget[]; onSaved(target: RenovationTarget): void }) {
  const { t } = useT();
  const [values, setValues] = useState<Values>(() => valuesFor(currentYear(), targets));
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(FIELDS);

  const setYear = (text: string) => {
    const year = Number(text);
    if (text.length === 4 && year >= 2000 && year <= 2100) setValues(valuesFor(year, targets));
    else setValues((v) => ({ ...v, year: text }));
    errors.clear();
  };
  const setQuarter = (index: number, text: string) => {
    setValues((v) => ({ ...v, quarters: v.quarters.map((q, i) => (i === index ? text : q)) as Values['quarters'] }));
    errors.setFieldError(QUARTER_FIELDS[index]!, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.clear();
    const found: Partial<Record<Field, LedgerError>> = {};
    const year = parseNumberField(values.year);
    if (year === null) found.year = clientError('REQUIRED', 'year');
    else if (year < 2000) found.year = clientError('TOO_SMALL', 'year', { min: 2000 });
    else if (year > 2100) found.year = clientError('TOO_LARGE', 'year', { max: 2100 });
    const quarters = values.quarters.map((text, i) => {
      const n = parseNumberField(text);
      if (n === null) found[QUARTER_FIELDS[i]!] = clientError('REQUIRED', QUARTER_FIELDS[i]!);
      else if (n > MAX_HOUSEHOLDS) found[QUARTER_FIELDS[i]!] = clientError('TOO_LARGE', QUARTER_FIELDS[i]!, { max: MAX_HOUSEHOLDS });
      return n ?? 0;
    });
    const budget = parseYuan(values.budget);
    if (!budget.ok) found.budgetFen = clientError('INVALID_INPUT', 'budgetFen');
    else if (budget.fen === null) found.budgetFen = clientError('REQUIRED', 'budgetFen');
    errors.setFieldErrors(found);
    if (Object.keys(found).length || year === null || !budget.ok || budget.fen === null) return;
    setSaving(true);
    try {
      const target = await call('renovationTargets.set', {
        year,
        quarters: [quarters[0]!, quarters[1]!, quarters[2]!, quarters[3]!],
        budgetFen: budget.fen,
      });
      onSaved(target);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  const parsedBudget = parseYuan(values.budget);
  const total = values.quarters.reduce((sum, q) => sum + (parseNumberField(q) || 0), 0);
  const replaces = targets.some((x) => String(x.year) === values.year);
  return (
    <Paper withBorder p="md" radius="md" maw={960} bg="white">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('renoTarget.setTitle')}>
        <Stack gap="sm">
          <Title order={5}>{t('renoTarget.setTitle')}</Title>
          <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
          <SimpleGrid cols={{ base: 3, md: 6 }}>
            <NumberField
              label={t('renoTarget.year')}
              value={values.year}
              onChange={setYear}
              error={errors.errorFor('year')}
              labelProps={requiredLabel(true)}
              maxLength={4}
            />
            {QUARTER_FIELDS.map((field, i) => (
              <NumberField
                key={field}
                label={t(`renoProgress.q${(i + 1) as 1 | 2 | 3 | 4}`)}
                value={values.quarters[i]!}
                onChange={(v) => setQuarter(i, v)}
                error={errors.errorFor(field)}
                labelProps={requiredLabel(true)}
                maxLength={6}
                rightSection={
                  <Text size="sm" c="dimmed">
                    {t('renoTarget.householdUnit')}
                  </Text>
                }
              />
            ))}
            <TextInput
              label={t('renoTarget.budget')}
              value={values.budget}
              onChange={(e) => {
                const budget = e.currentTarget.value;
                setValues((v) => ({ ...v, budget }));
                errors.setFieldError('budgetFen', null);
              }}
              error={errors.errorFor('budgetFen') ?? (!parsedBudget.ok ? t('money.invalid') : undefined)}
              labelProps={requiredLabel(true)}
              inputMode="decimal"
              maxLength={16}
              rightSection={
                <Text size="sm" c="dimmed">
                  {t('money.yuan')}
                </Text>
              }
            />
          </SimpleGrid>
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Text size="sm" data-testid="target-year-total">
                {t('renoTarget.formTotal', { count: total })}
                {parsedBudget.ok && parsedBudget.fen !== null && ` · ${t('renoTarget.formBudget', { amount: formatFen(parsedBudget.fen) })}`}
              </Text>
              <Text size="xs" c="dimmed">
                {replaces ? t('renoTarget.replaces', { year: values.year }) : t('renoTarget.help')}
              </Text>
            </Stack>
            <Button type="submit" loading={saving}>
              {t('renoTarget.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
