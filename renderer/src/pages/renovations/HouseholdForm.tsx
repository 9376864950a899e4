import { Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { LedgerCallError, call } from '../../client';
import { DivisionSelect, useDivisionChildren } from '../../components/DivisionSelect';
import { FormProblems } from '../../components/FormProblems';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import {
  HOUSEHOLD_CATEGORIES,
  HOUSEHOLD_CONDITIONS,
  normalisePhone,
  type CaseSaved,
  type HouseholdCategory,
  type HouseholdCondition,
  type RenovationCase,
} from '../../contract';
import { useT } from '../../i18n';
import { yearChoices } from '../../months';
import { useSession } from '../../session/session-context';
import { dateError } from '../residents/resident-values';
import { focusField } from '../stations/StationForm';
import {
  checkHousehold,
  householdField,
  householdFields,
  toCreateInput,
  toHouseholdInput,
  type HouseholdKey,
  type HouseholdValues,
} from './household-values';
import { PeoplePicker } from './PeoplePicker';
import { conditionLabel, householdCategoryLabel, options } from './renovation-labels';

/**
 * 新建改造申请 (mode create) and 编辑家庭信息 (mode update): the household's people, category and
 * conditions, where it lives, the plan year; for a new case the application's date and 受理人.
 * A household that already has a case is refused on 家庭成员 until a reason is given.
 */
export function HouseholdForm(props: {
  mode: 'create' | 'update';
  initial: HouseholdValues;
  existing?: RenovationCase;
  onSaved(saved: CaseSaved): void;
  onCancel(): void;
  onReload?(): void;
}) {
  const { t, errorText } = useT();
  const { office } = useSession();
  const { mode } = props;
  const [values, setValues] = useState<HouseholdValues>(props.initial);
  const [saving, setSaving] = useState(false);
  const [askReason, setAskReason] = useState(!!props.initial.duplicateReason);
  const [fields] = useState(() => householdFields(mode));
  const errors = useFormErrors(fields);
  const formRef = useRef<HTMLFormElement>(null);
  const towns = useDivisionChildren(office.divisionCode);
  const f = (k: HouseholdKey) => householdField(mode, k);

  const set = <K extends keyof HouseholdValues>(key: K, value: HouseholdValues[K], field?: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.setGeneral(null);
    const found = checkHousehold(values, mode);
    if (askReason && !values.duplicateReason.trim()) found[f('duplicateReason')] = clientError('REQUIRED', f('duplicateReason'));
    errors.setFieldErrors(found);
    const first = fields.find((x) => found[x]);
    if (first) return focusField(formRef.current, first);
    setSaving(true);
    try {
      const saved =
        mode === 'create'
          ? await call('renovations.create', toCreateInput(values))
          : await call('renovations.update', { id: props.existing!.id, version: props.existing!.version, household: toHouseholdInput(values) });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      if (error instanceof LedgerCallError && error.error.code === 'DUPLICATE_HOUSEHOLD') {
        // Shown on the people it concerns; the reason field appears so the clerk can go on.
        errors.setFieldError(f('personIds'), { ...error.error, field: f('personIds') });
        setAskReason(true);
        focusField(formRef.current, f('duplicateReason'));
      } else {
        const field = errors.capture(error);
        if (field) focusField(formRef.current, field);
      }
    } finally {
      setSaving(false);
    }
  };

  const appliedOnProblem = values.appliedOn.trim().length >= 10 ? dateError(values.appliedOn, 'application.appliedOn', true) : null;
  const years = yearChoices().map((y) => ({ value: String(y), label: String(y) }));
  if (!years.some((y) => y.value === values.planYear) && values.planYear) years.push({ value: values.planYear, label: values.planYear });

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} />

        <Fieldset legend={t('renovations.section.household')} variant="filled">
          <Stack gap="sm">
            <PeoplePicker
              value={values.people}
              onChange={(people) => set('people', people, f('personIds'))}
              error={errors.errorFor(f('personIds'))}
              field={f('personIds')}
            />
            {askReason && (
              <Textarea
                label={t('renovations.duplicateReason')}
                description={t('renovations.duplicateReasonHelp')}
                value={values.duplicateReason}
                onChange={(e) => set('duplicateReason', e.currentTarget.value, f('duplicateReason'))}
                error={errors.errorFor(f('duplicateReason'))}
                labelProps={requiredLabel(true)}
                autosize
                minRows={2}
                maxLength={200}
                data-field={f('duplicateReason')}
              />
            )}
            <SimpleGrid cols={2}>
              <Select
                label={t('renovations.category')}
                data={options(HOUSEHOLD_CATEGORIES, (c) => householdCategoryLabel(t, c))}
                value={values.category}
                onChange={(v) => set('category', v as HouseholdCategory | null, f('category'))}
                error={errors.errorFor(f('category'))}
                placeholder={t('renovations.categoryPlaceholder')}
                allowDeselect={false}
                labelProps={requiredLabel(true)}
                data-field={f('category')}
              />
              <Checkbox.Group
                label={t('renovations.conditions')}
                description={t('renovations.conditionsHelp')}
                value={values.conditions}
                onChange={(v) => set('conditions', v as HouseholdCondition[], f('conditions'))}
                error={errors.errorFor(f('conditions'))}
              >
                <Group gap="md" mt={6} data-field={f('conditions')}>
                  {HOUSEHOLD_CONDITIONS.map((c) => (
                    <Checkbox key={c} value={c} label={conditionLabel(t, c)} />
                  ))}
                </Group>
              </Checkbox.Group>
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('renovations.section.address')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <Select
                label={t('renovations.town')}
                placeholder={towns.loading ? t('common.loading') : t('division.choose')}
                data={towns.items.map((d) => ({ value: d.code, label: d.name }))}
                value={values.townCode}
                onChange={(code) => {
                  setValues((v) => ({ ...v, townCode: code, villageCode: null }));
                  errors.setFieldError(f('townCode'), null);
                  errors.setFieldError(f('villageCode'), null);
                }}
                error={errors.errorFor(f('townCode')) ?? (towns.error ? errorText(towns.error) : undefined)}
                labelProps={requiredLabel(true)}
                searchable
                allowDeselect={false}
                nothingFoundMessage={t('division.nothingFound')}
                maxDropdownHeight={320}
                data-field={f('townCode')}
              />
              <div data-field={f('villageCode')}>
                <DivisionSelect
                  key={values.townCode ?? ''}
                  label={t('renovations.village')}
                  parent={values.townCode ?? undefined}
                  value={values.villageCode}
                  onChange={(code) => set('villageCode', code, f('villageCode'))}
                  error={errors.errorFor(f('villageCode'))}
                  clearable
                  placeholder={t('division.chooseOptional')}
                />
              </div>
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('renovations.address')}
                description={t('renovations.addressHelp')}
                value={values.address}
                onChange={(e) => set('address', e.currentTarget.value, f('address'))}
                error={errors.errorFor(f('address'))}
                maxLength={200}
                data-field={f('address')}
              />
              <TextInput
                label={t('renovations.phone')}
                description={t('renovations.phoneHelp')}
                value={values.phone}
                onChange={(e) => set('phone', e.currentTarget.value, f('phone'))}
                onBlur={() => {
                  if (!values.phone.trim()) return;
                  const normal = normalisePhone(values.phone);
                  if (normal) set('phone', normal);
                  else errors.setFieldError(f('phone'), clientError('PHONE_INVALID', f('phone')));
                }}
                error={errors.errorFor(f('phone'))}
                maxLength={32}
                autoComplete="off"
                data-field={f('phone')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t(mode === 'create' ? 'renovations.section.application' : 'renovations.section.plan')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={mode === 'create' ? 3 : 2}>
              <Select
                label={t('renovations.planYear')}
                description={t('renovations.planYearHelp')}
                data={years}
                value={values.planYear}
                onChange={(v) => v && set('planYear', v, f('planYear'))}
                error={errors.errorFor(f('planYear'))}
                allowDeselect={false}
                labelProps={requiredLabel(true)}
                maxDropdownHeight={320}
                data-field={f('planYear')}
              />
              {mode === 'create' && (
                <TextInput
                  label={t('renovations.appliedOn')}
                  description={t('renovations.appliedOnHelp')}
                  placeholder="YYYY-MM-DD"
                  value={values.appliedOn}
                  onChange={(e) => set('appliedOn', e.currentTarget.value, 'application.appliedOn')}
                  error={errors.errorFor('application.appliedOn') ?? (appliedOnProblem ? errorText(appliedOnProblem) : undefined)}
                  labelProps={requiredLabel(true)}
                  maxLength={10}
                  autoComplete="off"
                  data-field="application.appliedOn"
                />
              )}
              {mode === 'create' && (
                <TextInput
                  label={t('renovations.receivedBy')}
                  description={t('renovations.receivedByHelp')}
                  value={values.responsible}
                  onChange={(e) => set('responsible', e.currentTarget.value, 'application.responsible')}
                  error={errors.errorFor('application.responsible')}
                  labelProps={requiredLabel(true)}
                  maxLength={50}
                  data-field="application.responsible"
                />
              )}
            </SimpleGrid>
            <Textarea
              label={t('renovations.notes')}
              description={t('renovations.notesHelp')}
              value={values.notes}
              onChange={(e) => set('notes', e.currentTarget.value, f('notes'))}
              error={errors.errorFor(f('notes'))}
              autosize
              minRows={2}
              maxRows={5}
              maxLength={1000}
              data-field={f('notes')}
            />
          </Stack>
        </Fieldset>

        {mode === 'update' && (
          <Text size="xs" c="dimmed">
            {t('renovations.editHouseholdNote')}
          </Text>
        )}

        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {mode === 'create' ? t('renovations.createSubmit') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
