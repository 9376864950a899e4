import { Button, Fieldset, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { STANDARD_AMOUNTS, isRealDate, type AllowanceStandard, type LedgerError, type StandardAmount } from '../../contract';
import { useT } from '../../i18n';
import { fenToYuanInput, formatFen, parseYuan } from '../../money';
import { amountLabel } from '../institutions/welfare-labels';
import { CARE_CONCENTRATED, CARE_DISPERSED, ORPHAN } from './StandardsTable';

const FIELDS = ['standard.effectiveFrom', 'standard.note', ...STANDARD_AMOUNTS.map((k) => `standard.${k}` as const)] as const;
type Field = (typeof FIELDS)[number];
type Amounts = Record<StandardAmount, string>;

function amountsFrom(standard: AllowanceStandard | null): Amounts {
  return Object.fromEntries(STANDARD_AMOUNTS.map((k) => [k, fenToYuanInput(standard?.[k] ?? null)])) as Amounts;
}

/**
 * 新增津贴标准 (administrators): a new version from a date, pre-filled with the newest version's
 * amounts (the panel remounts it when the newest version changes).
 */
export function StandardForm({ newest, onAdded }: { newest: AllowanceStandard | null; onAdded(standard: AllowanceStandard): void }) {
  const { t } = useT();
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [note, setNote] = useState('');
  const [amounts, setAmounts] = useState<Amounts>(() => amountsFrom(newest));
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.clear();
    const found: Partial<Record<Field, LedgerError>> = {};
    const date = effectiveFrom.trim();
    if (!date) found['standard.effectiveFrom'] = clientError('REQUIRED', 'standard.effectiveFrom');
    else if (!isRealDate(date)) found['standard.effectiveFrom'] = clientError('DATE_INVALID', 'standard.effectiveFrom');
    const fen = {} as Record<StandardAmount, number | null>;
    for (const key of STANDARD_AMOUNTS) {
      const parsed = parseYuan(amounts[key]);
      if (parsed.ok) fen[key] = parsed.fen;
      else found[`standard.${key}`] = clientError('INVALID_INPUT', `standard.${key}`);
    }
    errors.setFieldErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const standard = await call('allowanceStandards.create', { standard: { effectiveFrom: date, note: note.trim() || null, ...fen } });
      onAdded(standard);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  const amountField = (key: StandardAmount, label: string) => {
    const parsed = parseYuan(amounts[key]);
    return (
      <TextInput
        key={key}
        label={label}
        aria-label={amountLabel(t, key)}
        description={parsed.ok && parsed.fen !== null ? t('money.reads', { amount: formatFen(parsed.fen) }) : t('standard.blankNotSet')}
        value={amounts[key]}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setAmounts((a) => ({ ...a, [key]: value }));
          errors.setFieldError(`standard.${key}`, null);
        }}
        error={errors.errorFor(`standard.${key}`) ?? (!parsed.ok ? t('money.invalid') : undefined)}
        inputMode="decimal"
        maxLength={14}
        rightSection={
          <Text size="sm" c="dimmed">
            {t('money.yuan')}
          </Text>
        }
      />
    );
  };
  const levelLabels = [t('welfare.level.self_care'), t('welfare.level.partial'), t('welfare.level.complete')];

  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('standard.addTitle')}>
        <Stack gap="sm">
          <Title order={5}>{t('standard.addTitle')}</Title>
          <Text size="sm" c="dimmed">
            {newest ? t('standard.prefilled', { date: newest.effectiveFrom }) : t('standard.blankNotSet')}
          </Text>
          <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
          <SimpleGrid cols={3}>
            <TextInput
              label={t('standard.effectiveFrom')}
              description={t('standard.effectiveHelp')}
              placeholder="YYYY-MM-DD"
              value={effectiveFrom}
              onChange={(e) => {
                setEffectiveFrom(e.currentTarget.value);
                errors.setFieldError('standard.effectiveFrom', null);
              }}
              error={errors.errorFor('standard.effectiveFrom')}
              labelProps={requiredLabel(true)}
              maxLength={10}
            />
            {amountField('basicLivingFen', t('standard.basicLivingMonthly'))}
          </SimpleGrid>
          <Fieldset legend={t('standard.careConcentrated')} variant="filled">
            <SimpleGrid cols={3}>{CARE_CONCENTRATED.map((key, i) => amountField(key, levelLabels[i]!))}</SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('standard.careDispersed')} variant="filled">
            <SimpleGrid cols={3}>{CARE_DISPERSED.map((key, i) => amountField(key, levelLabels[i]!))}</SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('standard.orphan')} variant="filled">
            <SimpleGrid cols={3}>
              {amountField(ORPHAN[0]!, t('standard.orphanConcentrated'))}
              {amountField(ORPHAN[1]!, t('standard.orphanDispersed'))}
            </SimpleGrid>
          </Fieldset>
          <TextInput
            label={t('standard.note')}
            description={t('standard.noteHelp')}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              errors.setFieldError('standard.note', null);
            }}
            error={errors.errorFor('standard.note')}
            maxLength={200}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={saving}>
              {t('standard.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
