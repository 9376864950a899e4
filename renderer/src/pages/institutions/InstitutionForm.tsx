import { Badge, Button, Fieldset, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { call } from '../../client';
import { DivisionSelect, useDivisionChildren } from '../../components/DivisionSelect';
import { CreditCodeInput } from '../../components/CreditCodeInput';
import { FormProblems } from '../../components/FormProblems';
import { NumberField } from '../../components/NumberField';
import { useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { INSTITUTION_TYPES, type Institution, type InstitutionType } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session/session-context';
import { focusField } from '../stations/StationForm';
import {
  INSTITUTION_FIELDS,
  checkInstitution,
  nursingOverTotal,
  toInstitutionInput,
  type InstitutionField,
  type InstitutionFormValues,
} from './institution-values';
import { institutionTypeLabel, options } from './welfare-labels';

/**
 * 新增 / 编辑供养机构: checks as the clerk types (nursing beds within the total, the credit code),
 * refusals of the main side on the field they name; nothing typed is lost.
 */
export function InstitutionForm(props: {
  institution: Institution | null;
  values: InstitutionFormValues;
  setValues(update: (v: InstitutionFormValues) => InstitutionFormValues): void;
  readOnly: boolean;
  onSaved(institution: Institution): void;
  onReload(): void;
  onClose(): void;
}) {
  const { t, fieldErrorText } = useT();
  const { office } = useSession();
  const { values, readOnly, institution } = props;
  const towns = useDivisionChildren(office.divisionCode);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(INSTITUTION_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const topRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.general !== null) topRef.current?.scrollIntoView({ block: 'start' });
  }, [errors.general]);

  const set = <K extends keyof InstitutionFormValues>(key: K, value: InstitutionFormValues[K], field?: InstitutionField) => {
    props.setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    errors.setGeneral(null);
    const found = checkInstitution(values);
    errors.setFieldErrors(found);
    const first = INSTITUTION_FIELDS.find((f) => found[f]);
    if (first) return focusField(formRef.current, first);
    setSaving(true);
    try {
      const input = toInstitutionInput(values);
      const saved = institution
        ? await call('institutions.update', { id: institution.id, version: institution.version, institution: input })
        : await call('institutions.create', { institution: input });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      const field = errors.capture(error);
      if (field) focusField(formRef.current, field);
    } finally {
      setSaving(false);
    }
  };

  const over = nursingOverTotal(values);
  const dateProps = (key: 'registeredOn' | 'closedOn') => ({
    placeholder: readOnly ? '' : 'YYYY-MM-DD',
    value: values[key],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.value, `institution.${key}`),
    error: errors.errorFor(`institution.${key}`),
    readOnly,
    maxLength: 10,
    'data-field': `institution.${key}`,
  });

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md" ref={topRef} style={{ scrollMarginTop: 80 }}>
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} readOnly={readOnly} />

        <Fieldset legend={t('station.section.basic')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <TextInput
                label={t('institution.name')}
                value={values.name}
                onChange={(e) => set('name', e.currentTarget.value, 'institution.name')}
                error={errors.errorFor('institution.name')}
                readOnly={readOnly}
                labelProps={requiredLabel(!readOnly)}
                maxLength={80}
                data-autofocus
                data-field="institution.name"
              />
              <Select
                label={t('institution.type')}
                data={options(INSTITUTION_TYPES, (v) => institutionTypeLabel(t, v))}
                value={values.type}
                onChange={(v) => set('type', v as InstitutionType | null, 'institution.type')}
                error={errors.errorFor('institution.type')}
                readOnly={readOnly}
                labelProps={requiredLabel(!readOnly)}
                allowDeselect={false}
                data-field="institution.type"
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <Select
                label={t('station.town')}
                placeholder={readOnly ? '' : towns.loading ? t('common.loading') : t('division.chooseOptional')}
                data={towns.items.map((d) => ({ value: d.code, label: d.name }))}
                value={values.townCode}
                onChange={(code) => {
                  props.setValues((v) => ({ ...v, townCode: code, villageCode: null }));
                  errors.setFieldError('institution.townCode', null);
                  errors.setFieldError('institution.villageCode', null);
                }}
                error={errors.errorFor('institution.townCode')}
                readOnly={readOnly}
                searchable
                clearable={!readOnly}
                nothingFoundMessage={t('division.nothingFound')}
                maxDropdownHeight={320}
                data-field="institution.townCode"
              />
              <DivisionSelect
                key={values.townCode ?? ''}
                label={t('station.village')}
                parent={values.townCode ?? undefined}
                value={values.villageCode}
                onChange={(code) => set('villageCode', code, 'institution.villageCode')}
                error={errors.errorFor('institution.villageCode')}
                readOnly={readOnly}
                clearable={!readOnly}
                placeholder={readOnly ? '' : t('division.chooseOptional')}
              />
            </SimpleGrid>
            <TextInput
              label={t('station.address')}
              value={values.address}
              onChange={(e) => set('address', e.currentTarget.value, 'institution.address')}
              error={errors.errorFor('institution.address')}
              readOnly={readOnly}
              maxLength={200}
              data-field="institution.address"
            />
            <SimpleGrid cols={2}>
              <TextInput
                label={t('institution.operatorName')}
                description={readOnly ? undefined : t('institution.operatorHelp')}
                value={values.operatorName}
                onChange={(e) => set('operatorName', e.currentTarget.value, 'institution.operatorName')}
                error={errors.errorFor('institution.operatorName')}
                readOnly={readOnly}
                maxLength={100}
                data-field="institution.operatorName"
              />
              <CreditCodeInput
                field="institution.operatorCreditCode"
                value={values.operatorCreditCode}
                onChange={(v) => set('operatorCreditCode', v, 'institution.operatorCreditCode')}
                initiallyLeft={!!institution}
                error={errors.errorFor('institution.operatorCreditCode')}
                readOnly={readOnly}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('institution.section.beds')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={3}>
              <NumberField
                label={t('institution.totalBeds')}
                description={readOnly ? undefined : t('institution.totalBedsHelp')}
                value={values.totalBeds}
                onChange={(v) => {
                  set('totalBeds', v, 'institution.totalBeds');
                  errors.setFieldError('institution.nursingBeds', null);
                }}
                error={errors.errorFor('institution.totalBeds')}
                readOnly={readOnly}
                labelProps={requiredLabel(!readOnly)}
                maxLength={6}
                rightSection={<Text size="sm" c="dimmed">{t('unit.beds')}</Text>}
                data-field="institution.totalBeds"
              />
              <NumberField
                label={t('institution.nursingBeds')}
                description={readOnly ? undefined : t('institution.nursingBedsHelp')}
                value={values.nursingBeds}
                onChange={(v) => set('nursingBeds', v, 'institution.nursingBeds')}
                error={errors.errorFor('institution.nursingBeds') ?? (over ? fieldErrorText(over) : undefined)}
                readOnly={readOnly}
                maxLength={6}
                rightSection={<Text size="sm" c="dimmed">{t('unit.beds')}</Text>}
                data-field="institution.nursingBeds"
              />
              <NumberField
                label={t('institution.medicalStaff')}
                description={readOnly ? undefined : t('institution.medicalStaffHelp')}
                value={values.medicalStaff}
                onChange={(v) => set('medicalStaff', v, 'institution.medicalStaff')}
                error={errors.errorFor('institution.medicalStaff')}
                readOnly={readOnly}
                maxLength={6}
                rightSection={<Text size="sm" c="dimmed">{t('unit.people')}</Text>}
                data-field="institution.medicalStaff"
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <Switch
                label={t('institution.medicalRoom')}
                description={t('institution.medicalRoomHelp')}
                checked={values.medicalRoom}
                onChange={(e) => !readOnly && set('medicalRoom', e.currentTarget.checked, 'institution.medicalRoom')}
                error={errors.errorFor('institution.medicalRoom')}
                disabled={readOnly}
              />
              <Switch
                label={t('station.oneStopSettlement')}
                description={t('institution.oneStopHelp')}
                checked={values.oneStopSettlement}
                onChange={(e) => !readOnly && set('oneStopSettlement', e.currentTarget.checked, 'institution.oneStopSettlement')}
                error={errors.errorFor('institution.oneStopSettlement')}
                disabled={readOnly}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('institution.section.registration')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={3}>
              <TextInput
                label={t('institution.licenseNumber')}
                value={values.licenseNumber}
                onChange={(e) => set('licenseNumber', e.currentTarget.value, 'institution.licenseNumber')}
                error={errors.errorFor('institution.licenseNumber')}
                readOnly={readOnly}
                maxLength={60}
                data-field="institution.licenseNumber"
              />
              <TextInput label={t('institution.registeredOn')} {...dateProps('registeredOn')} />
              <TextInput
                label={t('institution.licenseAuthority')}
                value={values.licenseAuthority}
                onChange={(e) => set('licenseAuthority', e.currentTarget.value, 'institution.licenseAuthority')}
                error={errors.errorFor('institution.licenseAuthority')}
                readOnly={readOnly}
                maxLength={100}
                data-field="institution.licenseAuthority"
              />
            </SimpleGrid>
            <TextInput
              label={t('institution.closedOn')}
              description={readOnly ? undefined : t('institution.closedHelp')}
              w={{ base: '100%', sm: 260 }}
              {...dateProps('closedOn')}
            />
          </Stack>
        </Fieldset>

        <Textarea
          label={t('person.notes')}
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value, 'institution.notes')}
          error={errors.errorFor('institution.notes')}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={1000}
          data-field="institution.notes"
        />

        {institution && (
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {t('person.version', { version: institution.version })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('institution.meta', { updated: formatDateTime(institution.updatedAt, false), by: institution.updatedByName ?? '—' })}
            </Text>
          </Group>
        )}

        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={props.onClose}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
