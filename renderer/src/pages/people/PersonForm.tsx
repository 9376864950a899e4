import { Alert, Badge, Button, Checkbox, Group, Loader, Radio, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call, LedgerCallError } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { HukouSelect } from '../../components/HukouSelect';
import { normalisePhone, pastDateProblem, type Person, type PersonSaved } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session/session-context';
import {
  EMPTY_PERSON,
  PERSON_FIELDS,
  checkPerson,
  idFeedback,
  toPersonInput,
  valuesFromPerson,
  type PersonField,
  type PersonFormValues,
} from './person-values';
import { requiredLabel } from '../../components/required-label';

export type PersonTarget = { kind: 'new' } | { kind: 'edit'; id: string };

/**
 * 新增 / 编辑人员. Everything typed stays in the form when the main side refuses; refusals land on
 * their field (or in the alert on top), warnings after saving are shown here before closing.
 */
export function PersonForm(props: {
  target: PersonTarget;
  readOnly: boolean;
  onSaved(saved: PersonSaved, stayOpen: boolean): void;
  onClose(): void;
}) {
  const { t, errorText } = useT();
  const { office } = useSession();
  const [person, setPerson] = useState<Person | null>(null);
  const [loading, setLoading] = useState(props.target.kind === 'edit');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<PersonFormValues>(EMPTY_PERSON);
  const [idLeft, setIdLeft] = useState(false);
  const [saving, setSaving] = useState(false);
  const [warnings, setWarnings] = useState<PersonSaved['warnings']>([]);
  const [hukouKey, setHukouKey] = useState(0);
  const errors = useFormErrors(PERSON_FIELDS);
  const editId = props.target.kind === 'edit' ? props.target.id : null;
  const topRef = useRef<HTMLDivElement>(null);

  // A refusal without a field, or warnings after saving, appear on top: bring them into view.
  useEffect(() => {
    if (errors.general !== null || warnings.length > 0) topRef.current?.scrollIntoView({ block: 'start' });
  }, [errors.general, warnings]);

  const load = async (id: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const loaded = await call('people.get', { id });
      setPerson(loaded);
      setValues(valuesFromPerson(loaded));
      setIdLeft(true);
      setHukouKey((k) => k + 1);
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

  // Masked numbers (roles that may not see them) cannot be saved back: the form is then read-only.
  const readOnly = props.readOnly || (person?.idNumberMasked ?? false);

  const set = <K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K], field?: PersonField) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    setWarnings([]);
    errors.setGeneral(null);
    const found = checkPerson(values);
    errors.setFieldErrors(found);
    setIdLeft(true);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const input = toPersonInput(values);
      const saved = person
        ? await call('people.update', { id: person.id, version: person.version, person: input })
        : await call('people.create', { person: input });
      errors.clear();
      setPerson(saved.person);
      setValues(valuesFromPerson(saved.person));
      setWarnings(saved.warnings);
      props.onSaved(saved, saved.warnings.length > 0);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  if (loading) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  if (loadError) {
    return (
      <Stack>
        <ErrorAlert error={loadError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const feedback = values.noIdNumber || readOnly ? ({ kind: 'none' } as const) : idFeedback(values.idNumber, idLeft);
  const derived = feedback.kind === 'valid' ? feedback.parsed : null;
  const conflict = errors.general instanceof LedgerCallError && errors.general.error.code === 'VERSION_CONFLICT';
  const sexLabel = (sex: 'M' | 'F' | null) => (sex ? t(`sex.${sex}`) : '');

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md" ref={topRef} style={{ scrollMarginTop: 80 }}>
        {warnings.length > 0 && (
          <Alert color="yellow" variant="light" role="status" title={t('person.savedWithWarnings')}>
            <Stack gap={4}>
              {warnings.map((w, i) => (
                <Text size="sm" key={i}>
                  {errorText({ ...w, message: w.code })}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        {errors.general !== null && (
          <Stack gap="xs">
            <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
            {conflict && person && (
              <Button variant="default" size="xs" w="fit-content" onClick={() => void load(person.id)}>
                {t('person.reloadDiscarding')}
              </Button>
            )}
          </Stack>
        )}
        {readOnly && (
          <Text size="sm" c="dimmed">
            {t('person.readOnlyNote')}
          </Text>
        )}

        <TextInput
          label={t('person.name')}
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value, 'person.name')}
          error={errors.errorFor('person.name')}
          readOnly={readOnly}
          labelProps={requiredLabel(!readOnly)}
          maxLength={50}
          data-autofocus
        />

        <Stack gap={6}>
          <TextInput
            label={t('person.idNumber')}
            value={values.idNumber}
            onChange={(e) => {
              set('idNumber', e.currentTarget.value, 'person.idNumber');
              setIdLeft(false);
            }}
            onBlur={() => setIdLeft(true)}
            error={errors.errorFor('person.idNumber') ?? (feedback.kind === 'error' ? errorText(feedback.error) : undefined)}
            description={
              derived?.upgradedFrom15
                ? t('person.idUpgrade', { idNumber: derived.idNumber })
                : derived
                  ? t('person.idValid', { sex: sexLabel(derived.sex), birthDate: derived.birthDate })
                  : undefined
            }
            disabled={values.noIdNumber}
            readOnly={readOnly}
            labelProps={requiredLabel(!readOnly && !values.noIdNumber)}
            maxLength={20}
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'ui-monospace, Consolas, monospace', letterSpacing: '0.05em' } }}
          />
          <Checkbox
            // Not "无身份证号": getByLabel('身份证号') must find only the number's own field.
            label={t('person.noIdCard')}
            description={t('person.noIdNumberHelp')}
            checked={values.noIdNumber}
            onChange={(e) => {
              set('noIdNumber', e.currentTarget.checked, 'person.idNumber');
              errors.setFieldError('person.sex', null);
              errors.setFieldError('person.birthDate', null);
            }}
            disabled={readOnly}
          />
        </Stack>

        {values.noIdNumber ? (
          <SimpleGrid cols={2}>
            <Radio.Group
              label={t('person.sex')}
              value={values.sex ?? ''}
              onChange={(v) => set('sex', v === 'M' || v === 'F' ? v : null, 'person.sex')}
              error={errors.errorFor('person.sex')}
              readOnly={readOnly}
            >
              <Group mt={8}>
                <Radio value="M" label={t('sex.M')} disabled={readOnly} />
                <Radio value="F" label={t('sex.F')} disabled={readOnly} />
              </Group>
            </Radio.Group>
            <TextInput
              label={t('person.birthDate')}
              placeholder="YYYY-MM-DD"
              value={values.birthDate}
              onChange={(e) => set('birthDate', e.currentTarget.value, 'person.birthDate')}
              onBlur={() => {
                const text = values.birthDate.trim();
                const problem = text ? pastDateProblem(text) : null;
                if (problem) errors.setFieldError('person.birthDate', clientError(problem, 'person.birthDate'));
              }}
              error={errors.errorFor('person.birthDate')}
              readOnly={readOnly}
              maxLength={10}
            />
          </SimpleGrid>
        ) : (
          <SimpleGrid cols={2}>
            <TextInput
              label={t('person.sex')}
              value={sexLabel(derived?.sex ?? (readOnly ? values.sex : null))}
              placeholder={t('person.derivedPlaceholder')}
              description={t('person.derivedFromId')}
              error={errors.errorFor('person.sex')}
              readOnly
              variant="filled"
            />
            <TextInput
              label={t('person.birthDate')}
              value={derived?.birthDate ?? (readOnly ? values.birthDate : '')}
              placeholder={t('person.derivedPlaceholder')}
              description={t('person.derivedFromId')}
              error={errors.errorFor('person.birthDate')}
              readOnly
              variant="filled"
            />
          </SimpleGrid>
        )}

        <TextInput
          label={t('person.phone')}
          description={readOnly ? undefined : t('person.phoneHelp')}
          value={values.phone}
          onChange={(e) => set('phone', e.currentTarget.value, 'person.phone')}
          onBlur={() => {
            if (!values.phone.trim()) return;
            const normal = normalisePhone(values.phone);
            if (normal) set('phone', normal);
            else errors.setFieldError('person.phone', clientError('PHONE_INVALID', 'person.phone'));
          }}
          error={errors.errorFor('person.phone')}
          readOnly={readOnly}
          maxLength={32}
          inputMode="tel"
        />

        <HukouSelect
          key={hukouKey}
          office={office}
          value={values.hukouDivisionCode}
          valueName={person?.hukouDivisionCode === values.hukouDivisionCode ? person?.hukouDivisionName : undefined}
          onChange={(code) => set('hukouDivisionCode', code, 'person.hukouDivisionCode')}
          readOnly={readOnly}
          error={errors.errorFor('person.hukouDivisionCode')}
        />

        <TextInput
          label={t('person.address')}
          value={values.address}
          onChange={(e) => set('address', e.currentTarget.value, 'person.address')}
          error={errors.errorFor('person.address')}
          readOnly={readOnly}
          maxLength={200}
        />
        <Textarea
          label={t('person.notes')}
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value, 'person.notes')}
          error={errors.errorFor('person.notes')}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={1000}
        />

        {person && (
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {t('person.version', { version: person.version })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('person.meta', {
                created: formatDateTime(person.createdAt, false),
                updated: formatDateTime(person.updatedAt, false),
                by: person.updatedByName ?? '—',
              })}
            </Text>
          </Group>
        )}

        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={props.onClose}>
            {readOnly || warnings.length ? t('common.close') : t('common.cancel')}
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
