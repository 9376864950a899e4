import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { FormProblems } from '../../components/FormProblems';
import { RecordLoadState } from '../../components/RecordLoadState';
import { useFormErrors } from '../../components/form-errors';
import type { Person, PersonSaved } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { PersonFields } from './PersonFields';
import {
  EMPTY_PERSON,
  PERSON_FIELDS,
  checkPerson,
  toPersonInput,
  valuesFromPerson,
  type PersonField,
  type PersonFormValues,
} from './person-values';

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

  if (loading || loadError) return <RecordLoadState error={loading ? null : loadError} onClose={props.onClose} />;

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
        <FormProblems
          general={errors.general}
          onCloseGeneral={() => errors.setGeneral(null)}
          onReload={person ? () => void load(person.id) : undefined}
          readOnly={readOnly}
        />

        <PersonFields
          values={values}
          set={set}
          errorFor={errors.errorFor}
          setFieldError={errors.setFieldError}
          idLeft={idLeft}
          setIdLeft={setIdLeft}
          readOnly={readOnly}
          hukouKey={hukouKey}
          hukouName={person?.hukouDivisionCode === values.hukouDivisionCode ? person?.hukouDivisionName : undefined}
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
