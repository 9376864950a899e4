import { Alert, Group, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Input as MantineInput } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionFormShell, DateField, NoteField, useActionForm } from '../../components/action-form';
import { clientError } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { SELF_CARE_LEVELS, localDate, type Input, type LedgerError, type RenovationCase, type SelfCareLevel } from '../../contract';
import { useT, type MessageKey } from '../../i18n';
import { fenToYuanInput, formatFen, parseYuan } from '../../money';
import { levelLabel, options } from '../institutions/welfare-labels';
import { dateError } from '../residents/resident-values';
import type { CaseActionProps } from './case-action';
import { stepLabel } from './renovation-labels';

export type NextStep = RenovationCase['nextSteps'][number];

const FIELDS = [
  'step.date',
  'step.responsible',
  'step.abilityLevel',
  'step.needs',
  'step.acceptingBody',
  'step.passed',
  'step.remarks',
  'step.amountFen',
  'step.voucherNumber',
  'step.score',
  'step.reason',
  'step.note',
] as const;
type Field = (typeof FIELDS)[number];

/** What the clerk is told under the form's title, per step. */
const HELP: Partial<Record<NextStep, MessageKey>> = {
  town_reviewed: 'renovations.help.town_reviewed',
  county_reviewed: 'renovations.help.county_reviewed',
  publicised: 'renovations.help.publicised',
  assessed: 'renovations.help.assessed',
  plan_signed: 'renovations.help.plan_signed',
  works_started: 'renovations.help.works_started',
  works_completed: 'renovations.help.works_completed',
  acceptance: 'renovations.help.acceptance',
  paid: 'renovations.help.paid',
  satisfaction: 'renovations.help.satisfaction',
  rejected: 'renovations.help.rejected',
  withdrawn: 'renovations.help.withdrawn',
};

/** The button (and the modal's title) that records a step: 登记乡镇审核, 登记验收, 不予受理 … */
export function stepActionLabel(t: (key: MessageKey, params?: Record<string, string | number>) => string, step: NextStep): string {
  if (step === 'rejected' || step === 'withdrawn') return stepLabel(t, step);
  return t('renovations.record', { step: stepLabel(t, step) });
}

/**
 * One small form per kind of step: the date (today unless changed; not before the latest step), who
 * was responsible, and what the step records (ability and needs, the acceptance's result, the amount
 * paid and its voucher, the satisfaction score, the reason of an end). Refusals land on their field.
 */
export function StepForm(props: CaseActionProps & { case: RenovationCase; step: NextStep }) {
  const { t } = useT();
  const { step } = props;
  const c = props.case;
  const [date, setDate] = useState(localDate());
  const [responsible, setResponsible] = useState('');
  const [note, setNote] = useState('');
  const [abilityLevel, setAbilityLevel] = useState<SelfCareLevel | null>(null);
  const [needs, setNeeds] = useState('');
  const [acceptingBody, setAcceptingBody] = useState('');
  const [passed, setPassed] = useState<'yes' | 'no' | null>(null);
  const [remarks, setRemarks] = useState('');
  const [amount, setAmount] = useState(fenToYuanInput(c.plan.summary.subsidyFen));
  const [voucher, setVoucher] = useState('');
  const [score, setScore] = useState<string>('5');
  const [reason, setReason] = useState('');
  const form = useActionForm(FIELDS);
  const { errors } = form;
  const latest = [...c.steps].filter((s) => s.step !== 'correction' && !s.correctedByStepId).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq)).at(-1);
  const clear = (field: Field) => errors.setFieldError(field, null);
  const parsedAmount = parseYuan(amount);

  const check = (): Partial<Record<Field, LedgerError>> => {
    const found: Partial<Record<Field, LedgerError>> = {};
    const problem = dateError(date, 'step.date', true);
    if (problem) found['step.date'] = problem;
    else if (latest && date.trim() < latest.date)
      found['step.date'] = clientError('EVENT_BEFORE_PREVIOUS', 'step.date', { date: latest.date, kind: latest.step });
    if (!responsible.trim()) found['step.responsible'] = clientError('REQUIRED', 'step.responsible');
    if (step === 'assessed') {
      if (!abilityLevel) found['step.abilityLevel'] = clientError('REQUIRED', 'step.abilityLevel');
      if (!needs.trim()) found['step.needs'] = clientError('REQUIRED', 'step.needs');
    }
    if (step === 'acceptance') {
      if (!acceptingBody.trim()) found['step.acceptingBody'] = clientError('REQUIRED', 'step.acceptingBody');
      if (!passed) found['step.passed'] = clientError('REQUIRED', 'step.passed');
    }
    if (step === 'paid') {
      if (!parsedAmount.ok) found['step.amountFen'] = clientError('INVALID_INPUT', 'step.amountFen');
      else if (parsedAmount.fen === null) found['step.amountFen'] = clientError('REQUIRED', 'step.amountFen');
      if (!voucher.trim()) found['step.voucherNumber'] = clientError('REQUIRED', 'step.voucherNumber');
    }
    if ((step === 'rejected' || step === 'withdrawn') && !reason.trim()) found['step.reason'] = clientError('REQUIRED', 'step.reason');
    return found;
  };

  const input = (): Input<'renovations.step'>['step'] => {
    const base = { date: date.trim(), responsible: responsible.trim(), note: note.trim() || null };
    switch (step) {
      case 'assessed':
        return { step, ...base, abilityLevel: abilityLevel ?? 'self_care', needs: needs.trim() };
      case 'acceptance':
        return { step, ...base, acceptingBody: acceptingBody.trim(), passed: passed === 'yes', remarks: remarks.trim() || null };
      case 'paid':
        return { step, ...base, amountFen: parsedAmount.ok ? (parsedAmount.fen ?? 0) : 0, voucherNumber: voucher.trim() };
      case 'satisfaction':
        return { step, ...base, score: Number(score), remarks: remarks.trim() || null };
      case 'rejected':
      case 'withdrawn':
        return { step, ...base, reason: reason.trim() };
      case 'applied':
      case 'accepted':
        // Never offered: the application is the case's creation, and 'accepted' is recorded as an acceptance.
        throw new Error(`${step} is not recorded through this form`);
      default:
        return { step, ...base };
    }
  };
  const send = () => call('renovations.step', { id: c.id, version: c.version, step: input() });
  const help = HELP[step];
  const ending = step === 'rejected' || step === 'withdrawn';

  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)}
      submitLabel={stepActionLabel(t, step)}
      submitColor={ending ? 'red' : undefined}
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      {help && (
        <Text size="sm" c="dimmed">
          {t(help)}
        </Text>
      )}
      <SimpleGrid cols={2}>
        <DateField
          label={t('renovations.stepDate')}
          description={latest ? t('renovations.notBefore', { date: latest.date, step: stepLabel(t, latest.step) }) : undefined}
          value={date}
          onChange={(v) => {
            setDate(v);
            clear('step.date');
          }}
          error={errors.errorFor('step.date')}
          field="step.date"
        />
        <TextInput
          label={t('renovations.responsible')}
          description={t('renovations.responsibleHelp')}
          value={responsible}
          onChange={(e) => {
            setResponsible(e.currentTarget.value);
            clear('step.responsible');
          }}
          error={errors.errorFor('step.responsible')}
          labelProps={requiredLabel(true)}
          maxLength={50}
          data-field="step.responsible"
        />
      </SimpleGrid>

      {step === 'assessed' && (
        <>
          <Select
            label={t('renovations.abilityLevel')}
            description={t('renovations.abilityLevelHelp')}
            data={options(SELF_CARE_LEVELS, (l) => levelLabel(t, l))}
            value={abilityLevel}
            onChange={(v) => {
              setAbilityLevel(v as SelfCareLevel | null);
              clear('step.abilityLevel');
            }}
            error={errors.errorFor('step.abilityLevel')}
            allowDeselect={false}
            labelProps={requiredLabel(true)}
            data-field="step.abilityLevel"
          />
          <NoteField
            label={t('renovations.needs')}
            value={needs}
            onChange={(v) => {
              setNeeds(v);
              clear('step.needs');
            }}
            error={errors.errorFor('step.needs')}
            field="step.needs"
            required
          />
        </>
      )}

      {step === 'acceptance' && (
        <>
          <TextInput
            label={t('renovations.acceptingBody')}
            description={t('renovations.acceptingBodyHelp')}
            value={acceptingBody}
            onChange={(e) => {
              setAcceptingBody(e.currentTarget.value);
              clear('step.acceptingBody');
            }}
            error={errors.errorFor('step.acceptingBody')}
            labelProps={requiredLabel(true)}
            maxLength={100}
            data-field="step.acceptingBody"
          />
          <Radio.Group
            label={t('renovations.acceptanceResult')}
            description={t('renovations.acceptanceResultHelp')}
            value={passed}
            onChange={(v) => {
              setPassed(v as 'yes' | 'no');
              clear('step.passed');
            }}
            error={errors.errorFor('step.passed')}
            labelProps={requiredLabel(true)}
          >
            <Group gap="lg" mt={6} data-field="step.passed">
              <Radio value="yes" label={t('renovations.passed')} />
              <Radio value="no" label={t('renovations.failed')} color="red" />
            </Group>
          </Radio.Group>
          {passed === 'no' && (
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm">{t('renovations.failedGoesBack')}</Text>
            </Alert>
          )}
          <NoteField label={t('renovations.remarks')} value={remarks} onChange={setRemarks} error={errors.errorFor('step.remarks')} field="step.remarks" />
        </>
      )}

      {step === 'paid' && (
        <SimpleGrid cols={2}>
          <TextInput
            label={t('renovations.amountYuan')}
            description={
              parsedAmount.ok && parsedAmount.fen !== null
                ? t('renovations.amountReads', { amount: formatFen(parsedAmount.fen), subsidy: formatFen(c.plan.summary.subsidyFen) })
                : t('money.help')
            }
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              clear('step.amountFen');
            }}
            error={errors.errorFor('step.amountFen') ?? (!parsedAmount.ok ? t('money.invalid') : undefined)}
            labelProps={requiredLabel(true)}
            inputMode="decimal"
            autoComplete="off"
            maxLength={16}
            data-field="step.amountFen"
          />
          <TextInput
            label={t('renovations.voucherNumber')}
            description={t('renovations.voucherNumberHelp')}
            value={voucher}
            onChange={(e) => {
              setVoucher(e.currentTarget.value);
              clear('step.voucherNumber');
            }}
            error={errors.errorFor('step.voucherNumber')}
            labelProps={requiredLabel(true)}
            maxLength={50}
            data-field="step.voucherNumber"
          />
        </SimpleGrid>
      )}

      {step === 'satisfaction' && (
        <>
          <MantineInput.Wrapper
            label={t('renovations.score')}
            description={t('renovations.scoreHelp')}
            error={errors.errorFor('step.score')}
            labelElement="div"
            labelProps={{ id: 'renovation-score-label' }}
          >
            <SegmentedControl
              aria-labelledby="renovation-score-label"
              value={score}
              onChange={(v) => {
                setScore(v);
                clear('step.score');
              }}
              data={['1', '2', '3', '4', '5'].map((s) => ({ value: s, label: t('renovations.scoreOption', { score: s }) }))}
              mt={6}
              data-field="step.score"
            />
          </MantineInput.Wrapper>
          <NoteField label={t('renovations.remarks')} value={remarks} onChange={setRemarks} error={errors.errorFor('step.remarks')} field="step.remarks" />
        </>
      )}

      {ending && (
        <NoteField
          label={t(step === 'rejected' ? 'renovations.rejectReason' : 'renovations.withdrawReason')}
          value={reason}
          onChange={(v) => {
            setReason(v);
            clear('step.reason');
          }}
          error={errors.errorFor('step.reason')}
          field="step.reason"
          required
          maxLength={200}
        />
      )}

      <Stack gap={0}>
        <NoteField label={t('renovations.stepNote')} value={note} onChange={setNote} error={errors.errorFor('step.note')} field="step.note" />
      </Stack>
    </ActionFormShell>
  );
}
