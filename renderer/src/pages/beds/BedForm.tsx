import { Badge, Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { FormProblems } from '../../components/FormProblems';
import { RecordLoadState } from '../../components/RecordLoadState';
import { useFormErrors } from '../../components/form-errors';
import { RemoteSelect } from '../../components/RemoteSelect';
import { requiredLabel } from '../../components/required-label';
import { BED_DEVICES, type BedDevice, type FamilyBed } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { focusField } from '../stations/StationForm';
import { BED_FIELDS, EMPTY_BED, checkBed, dateProblem, endBeforeInstall, toBedInput, valuesFromBed, type BedField, type BedFormValues } from './bed-values';
import { usePersonSearch, useStationSearch } from './pickers';

export type BedTarget = { kind: 'new' } | { kind: 'edit'; id: string };

/** 新增 / 编辑家庭养老床位: who, which station, when, what was installed, and when it ended. */
export function BedForm(props: { target: BedTarget; readOnly: boolean; onSaved(bed: FamilyBed): void; onClose(): void }) {
  const { t, errorText } = useT();
  const editId = props.target.kind === 'edit' ? props.target.id : null;
  const [bed, setBed] = useState<FamilyBed | null>(null);
  const [values, setValues] = useState<BedFormValues>(EMPTY_BED);
  const [loading, setLoading] = useState(editId !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [left, setLeft] = useState<Set<BedField>>(new Set());
  const [pickerKey, setPickerKey] = useState(0);
  const errors = useFormErrors(BED_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const personSearch = usePersonSearch();
  const stationSearch = useStationSearch();
  const readOnly = props.readOnly;

  const load = async (id: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const loaded = await call('beds.get', { id });
      setBed(loaded);
      setValues(valuesFromBed(loaded));
      setPickerKey((k) => k + 1);
      errors.clear();
    } catch (error) {
      setLoadError(error);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    if (editId) void load(editId);
    // Loads once per opened form; later reloads are explicit (after a version conflict).
  }, [editId]);

  const set = <K extends keyof BedFormValues>(key: K, value: BedFormValues[K], field?: BedField) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
  };
  const leave = (field: BedField) => setLeft((s) => new Set(s).add(field));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    errors.setGeneral(null);
    const found = checkBed(values);
    errors.setFieldErrors(found);
    const first = BED_FIELDS.find((f) => found[f]);
    if (first) return focusField(formRef.current, first);
    setSaving(true);
    try {
      const input = toBedInput(values);
      const saved = bed ? await call('beds.update', { id: bed.id, version: bed.version, bed: input }) : await call('beds.create', { bed: input });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      const field = errors.capture(error);
      if (field) focusField(formRef.current, field);
    } finally {
      setSaving(false);
    }
  };

  if (loading || loadError) return <RecordLoadState error={loading ? null : loadError} onClose={props.onClose} />;

  const instant = (field: 'bed.installDate' | 'bed.endDate', text: string) => {
    if (!left.has(field) && text.trim().length < 10) return undefined;
    const problem = dateProblem(text, field);
    return problem ? errorText(problem) : undefined;
  };
  const endProblem = endBeforeInstall(values) ? errorText({ code: 'END_BEFORE_INSTALL', field: 'bed.endDate', message: '' }) : undefined;

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={bed ? () => void load(bed.id) : undefined} readOnly={readOnly} />
        <RemoteSelect
          key={`person-${pickerKey}`}
          label={t('bed.person')}
          value={values.person}
          onChange={(option) => set('person', option, 'bed.personId')}
          search={personSearch}
          placeholder={t('bed.personPlaceholder')}
          error={errors.errorFor('bed.personId')}
          readOnly={readOnly}
          required={!readOnly}
          data-field="bed.personId"
        />
        <RemoteSelect
          key={`station-${pickerKey}`}
          label={t('bed.station')}
          value={values.station}
          onChange={(option) => set('station', option, 'bed.stationId')}
          search={stationSearch}
          placeholder={t('bed.stationPlaceholder')}
          error={errors.errorFor('bed.stationId')}
          readOnly={readOnly}
          required={!readOnly}
          data-field="bed.stationId"
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('bed.installDate')}
            placeholder={readOnly ? '' : 'YYYY-MM-DD'}
            value={values.installDate}
            onChange={(e) => {
              set('installDate', e.currentTarget.value, 'bed.installDate');
              errors.setFieldError('bed.endDate', null);
            }}
            onBlur={() => leave('bed.installDate')}
            error={errors.errorFor('bed.installDate') ?? instant('bed.installDate', values.installDate)}
            readOnly={readOnly}
            labelProps={requiredLabel(!readOnly)}
            maxLength={10}
            autoComplete="off"
            data-field="bed.installDate"
          />
        </SimpleGrid>
        <Fieldset legend={t('bed.devices')} variant="filled" data-field="bed.devices">
          <Stack gap="sm">
            <Checkbox.Group
              value={values.devices}
              onChange={(v) => set('devices', v as BedDevice[], 'bed.devices')}
              error={errors.errorFor('bed.devices')}
              aria-label={t('bed.devices')}
              readOnly={readOnly}
            >
              <Group gap="lg">
                {BED_DEVICES.map((d) => (
                  <Checkbox key={d} value={d} label={t(`device.${d}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            {values.devices.includes('other') && (
              <TextInput
                label={t('bed.devicesOther')}
                value={values.devicesOther}
                onChange={(e) => set('devicesOther', e.currentTarget.value, 'bed.devicesOther')}
                error={errors.errorFor('bed.devicesOther')}
                readOnly={readOnly}
                maxLength={100}
                data-field="bed.devicesOther"
              />
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend={t('bed.ending')} variant="filled">
          <SimpleGrid cols={2}>
            <TextInput
              label={t('bed.endDate')}
              description={readOnly ? undefined : t('bed.endHelp')}
              placeholder={readOnly ? '' : 'YYYY-MM-DD'}
              value={values.endDate}
              onChange={(e) => set('endDate', e.currentTarget.value, 'bed.endDate')}
              onBlur={() => leave('bed.endDate')}
              error={errors.errorFor('bed.endDate') ?? instant('bed.endDate', values.endDate) ?? endProblem}
              readOnly={readOnly}
              maxLength={10}
              autoComplete="off"
              data-field="bed.endDate"
            />
            <TextInput
              label={t('bed.endReason')}
              description={readOnly ? undefined : '\u00a0'}
              value={values.endReason}
              onChange={(e) => set('endReason', e.currentTarget.value, 'bed.endReason')}
              error={errors.errorFor('bed.endReason')}
              readOnly={readOnly}
              maxLength={200}
              data-field="bed.endReason"
            />
          </SimpleGrid>
        </Fieldset>
        <Textarea
          label={t('person.notes')}
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value, 'bed.notes')}
          error={errors.errorFor('bed.notes')}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={1000}
          data-field="bed.notes"
        />
        {bed && (
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {t('person.version', { version: bed.version })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('bed.meta', { updated: formatDateTime(bed.updatedAt, false) })}
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
