import { Button, Fieldset, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { RemoteSelect } from '../../components/RemoteSelect';
import { requiredLabel } from '../../components/required-label';
import { localDate, normalisePhone, type ResidentSaved } from '../../contract';
import { useT } from '../../i18n';
import { usePersonSearch } from '../beds/pickers';
import { PersonFields } from '../people/PersonFields';
import type { PersonField, PersonFormValues } from '../people/person-values';
import { focusField } from '../stations/StationForm';
import { DetailsFields } from './DetailsFields';
import { useFreeBeds, useInstitutionChoices } from './pickers';
import {
  ADMISSION_FIELDS,
  assessedAfterAdmission,
  checkAdmission,
  dateError,
  emptyAdmission,
  toAdmissionInput,
  type AdmissionField,
  type AdmissionValues,
  type DetailKey,
  type DetailsValues,
} from './resident-values';
import { SixTaskFields } from './SixTaskFields';

/** The age rule's refusal sits on 供养类别 but depends on who, when and the stated exception too. */
const AGE_INPUTS = new Set<string>(['person', 'admittedOn', 'idNumber', 'noIdNumber', 'birthDate', 'schoolingExtension', 'ageException']);

/**
 * 办理入院: a registered person or a new one (entered with the person form's own fields), the
 * institution and a bed free on the admission day, category and contacts, and the six-task rating.
 */
export function AdmitForm(props: { onSaved(saved: ResidentSaved): void; onClose(): void }) {
  const { t, errorText } = useT();
  const [values, setValues] = useState<AdmissionValues>(() => emptyAdmission(localDate()));
  const [idLeft, setIdLeft] = useState(false);
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(ADMISSION_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const personSearch = usePersonSearch();
  const institutions = useInstitutionChoices(false);
  const beds = useFreeBeds(values.institution, values.admittedOn);
  const bedRequired = beds.registered > 0;

  const clearAgeRefusal = (key: string) => {
    if (AGE_INPUTS.has(key)) errors.setFieldError('admission.details.category', null);
  };
  const set = <K extends keyof AdmissionValues>(key: K, value: AdmissionValues[K], field?: AdmissionField) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
    clearAgeRefusal(key);
  };
  const setPerson = <K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K], field?: PersonField) => {
    setValues((v) => ({ ...v, newPerson: { ...v.newPerson, [key]: value } }));
    if (field) errors.setFieldError(`admission.${field}`, null);
    clearAgeRefusal(key);
  };
  const setDetail = <K extends DetailKey>(key: K, value: DetailsValues[K]) => {
    setValues((v) => ({ ...v, details: { ...v.details, [key]: value } }));
    errors.setFieldError(`admission.details.${key}`, null);
    clearAgeRefusal(key);
  };
  const leave = (field: string) => setLeft((s) => new Set(s).add(field));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.setGeneral(null);
    setIdLeft(true);
    const found = checkAdmission(values, bedRequired);
    errors.setFieldErrors(found);
    const first = ADMISSION_FIELDS.find((f) => found[f]);
    if (first) return focusField(formRef.current, first);
    setSaving(true);
    try {
      const saved = await call('residents.admit', { admission: toAdmissionInput(values) });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      const field = errors.capture(error);
      if (field) focusField(formRef.current, field);
    } finally {
      setSaving(false);
    }
  };

  // Dates are checked as typed once complete (or the field was left).
  const instant = (field: AdmissionField, text: string, required: boolean) => {
    if (!left.has(field) && text.trim().length < 10) return undefined;
    const problem = dateError(text, field, required && left.has(field));
    return problem ? errorText(problem) : undefined;
  };
  const afterAdmission = assessedAfterAdmission(values)
    ? errorText(clientError('ASSESSMENT_AFTER_ADMISSION', 'admission.assessment.assessedOn'))
    : undefined;
  const bedHelp = !values.institution
    ? t('resident.bedChooseInstitution')
    : beds.loading
      ? t('common.loading')
      : !bedRequired
        ? t('resident.bedNoRegister')
        : beds.choices.length === 0
          ? t('resident.bedNoneFree', { date: values.admittedOn })
          : t('resident.bedFreeOn', { count: beds.choices.length, date: values.admittedOn });

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        {errors.general !== null && <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />}
        <ErrorAlert error={institutions.error} />

        <Fieldset legend={t('resident.section.person')} variant="filled">
          <Stack gap="sm">
            <SegmentedControl
              value={values.personMode}
              onChange={(v) => {
                set('personMode', v as AdmissionValues['personMode']);
                errors.setFieldError('admission.person', null);
                clearAgeRefusal('person');
              }}
              data={[
                { value: 'existing', label: t('resident.personExisting') },
                { value: 'new', label: t('resident.personNew') },
              ]}
              w="fit-content"
            />
            {errors.errorFor('admission.person') && (
              <Text size="sm" c="red" role="alert">
                {errors.errorFor('admission.person')}
              </Text>
            )}
            {values.personMode === 'existing' ? (
              <RemoteSelect
                label={t('resident.person')}
                description={t('resident.personHelp')}
                value={values.person}
                onChange={(option) => set('person', option, 'admission.personId')}
                search={personSearch}
                placeholder={t('bed.personPlaceholder')}
                error={errors.errorFor('admission.personId')}
                required
                data-field="admission.personId"
              />
            ) : (
              <PersonFields
                values={values.newPerson}
                set={setPerson}
                errorFor={(f) => errors.errorFor(`admission.${f}`)}
                setFieldError={(f, e) => errors.setFieldError(`admission.${f}`, e)}
                idLeft={idLeft}
                setIdLeft={setIdLeft}
                readOnly={false}
                hukouKey={0}
                fieldPrefix="admission.person"
              />
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('resident.section.place')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <Select
                label={t('resident.institution')}
                data={institutions.choices}
                value={values.institution}
                onChange={(v) => {
                  setValues((cur) => ({ ...cur, institution: v, bed: null }));
                  errors.setFieldError('admission.institutionId', null);
                  errors.setFieldError('admission.bedId', null);
                }}
                error={errors.errorFor('admission.institutionId')}
                placeholder={institutions.loading ? t('common.loading') : t('resident.institutionPlaceholder')}
                nothingFoundMessage={t('resident.noInstitutions')}
                searchable
                allowDeselect={false}
                labelProps={requiredLabel(true)}
                data-field="admission.institutionId"
              />
              <TextInput
                label={t('resident.admittedOn')}
                placeholder="YYYY-MM-DD"
                value={values.admittedOn}
                onChange={(e) => {
                  set('admittedOn', e.currentTarget.value, 'admission.admittedOn');
                  errors.setFieldError('admission.bedId', null);
                }}
                onBlur={() => leave('admission.admittedOn')}
                error={errors.errorFor('admission.admittedOn') ?? instant('admission.admittedOn', values.admittedOn, true)}
                labelProps={requiredLabel(true)}
                maxLength={10}
                autoComplete="off"
                data-field="admission.admittedOn"
              />
            </SimpleGrid>
            <Select
              label={t('resident.bed')}
              description={bedHelp}
              data={beds.choices}
              value={values.bed}
              onChange={(v) => set('bed', v, 'admission.bedId')}
              error={errors.errorFor('admission.bedId') ?? (beds.error ? errorText(beds.error) : undefined)}
              disabled={!values.institution || !bedRequired}
              placeholder={bedRequired ? t('resident.bedPlaceholder') : ''}
              searchable
              clearable
              labelProps={requiredLabel(bedRequired)}
              data-field="admission.bedId"
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('resident.section.details')} variant="filled">
          <DetailsFields
            values={values.details}
            set={setDetail}
            errorFor={(k) => errors.errorFor(`admission.details.${k}`)}
            prefix="admission.details"
            onPhoneBlur={() => {
              const phone = values.details.guardianPhone;
              if (!phone.trim()) return;
              const normal = normalisePhone(phone);
              if (normal) setDetail('guardianPhone', normal);
              else errors.setFieldError('admission.details.guardianPhone', clientError('PHONE_INVALID', 'admission.details.guardianPhone'));
            }}
          />
        </Fieldset>

        <Fieldset legend={t('resident.section.assessment')} variant="filled">
          <Stack gap="sm">
            <SixTaskFields
              value={values.failedTasks}
              onChange={(tasks) => set('failedTasks', tasks, 'admission.assessment.failedTasks')}
              error={errors.errorFor('admission.assessment.failedTasks')}
              field="admission.assessment.failedTasks"
            />
            <SimpleGrid cols={2}>
              <TextInput
                label={t('resident.assessedOn')}
                description={t('resident.assessedOnHelp')}
                placeholder="YYYY-MM-DD"
                value={values.assessedOn}
                onChange={(e) => set('assessedOn', e.currentTarget.value, 'admission.assessment.assessedOn')}
                onBlur={() => leave('admission.assessment.assessedOn')}
                error={
                  errors.errorFor('admission.assessment.assessedOn') ??
                  instant('admission.assessment.assessedOn', values.assessedOn, false) ??
                  afterAdmission
                }
                maxLength={10}
                autoComplete="off"
                data-field="admission.assessment.assessedOn"
              />
              <TextInput
                label={t('resident.assessor')}
                description={t('resident.assessorHelp')}
                value={values.assessor}
                onChange={(e) => set('assessor', e.currentTarget.value, 'admission.assessment.assessor')}
                error={errors.errorFor('admission.assessment.assessor')}
                labelProps={requiredLabel(true)}
                maxLength={50}
                data-field="admission.assessment.assessor"
              />
            </SimpleGrid>
            <TextInput
              label={t('resident.assessmentNote')}
              value={values.assessmentNote}
              onChange={(e) => set('assessmentNote', e.currentTarget.value, 'admission.assessment.note')}
              error={errors.errorFor('admission.assessment.note')}
              maxLength={500}
              data-field="admission.assessment.note"
            />
          </Stack>
        </Fieldset>

        <Textarea
          label={t('resident.admissionNote')}
          description={t('resident.admissionNoteHelp')}
          value={values.note}
          onChange={(e) => set('note', e.currentTarget.value, 'admission.note')}
          error={errors.errorFor('admission.note')}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={500}
          data-field="admission.note"
        />

        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('resident.admitSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
