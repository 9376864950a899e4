import { Button, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { LedgerError } from '../contract';
import { useT } from '../i18n';
import { focusField } from '../pages/stations/StationForm';
import { FormProblems } from './FormProblems';
import { useFormErrors } from './form-errors';
import { requiredLabel } from './required-label';

/** What every small action form of a record's drawer gets: the saved result (`S`) goes back to the drawer. */
export interface ActionProps<S> {
  onSaved(saved: S): void;
  onCancel(): void;
  /** After a version conflict: load the record again (the form closes). */
  onReload(): void;
}

/**
 * The common part of the small action forms of the resident and renovation-case drawers (a move, a
 * step, a correction…): the form's own checks, one call, a refusal onto its field (or the alert on
 * top), nothing typed lost.
 */
export function useActionForm<F extends string>(fields: readonly F[]) {
  const errors = useFormErrors(fields);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit =
    <S,>(check: () => Partial<Record<F, LedgerError>>, send: () => Promise<S>, onSaved: (saved: S) => void) =>
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (saving) return;
      errors.setGeneral(null);
      const found = check();
      errors.setFieldErrors(found);
      const first = fields.find((f) => found[f]);
      if (first) return focusField(formRef.current, first);
      setSaving(true);
      try {
        const saved = await send();
        errors.clear();
        onSaved(saved);
      } catch (error) {
        const field = errors.capture(error);
        if (field) focusField(formRef.current, field);
      } finally {
        setSaving(false);
      }
    };

  return { errors, saving, formRef, submit };
}

/** The form element with the alert on top and 取消 / the action's button at the bottom. */
export function ActionFormShell(props: {
  form: { errors: { general: unknown; setGeneral(error: unknown): void }; saving: boolean; formRef: RefObject<HTMLFormElement | null> };
  onSubmit(event: FormEvent): void;
  submitLabel: string;
  submitColor?: string;
  onCancel(): void;
  onReload(): void;
  children: ReactNode;
}) {
  const { t } = useT();
  const { errors } = props.form;
  return (
    <form ref={props.form.formRef} onSubmit={props.onSubmit} noValidate>
      <Stack gap="sm">
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} />
        {props.children}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={props.form.saving} color={props.submitColor}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A YYYY-MM-DD field, like every date of the app's forms. */
export function DateField(props: { label: string; value: string; onChange(v: string): void; error?: string; field: string; description?: string }) {
  return (
    <TextInput
      label={props.label}
      description={props.description}
      placeholder="YYYY-MM-DD"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      labelProps={requiredLabel(true)}
      maxLength={10}
      autoComplete="off"
      data-field={props.field}
      data-autofocus
    />
  );
}

/** A free-text note; without a label it is an event's 说明 (the residents' forms). */
export function NoteField(props: { label?: string; value: string; onChange(v: string): void; error?: string; field: string; required?: boolean; maxLength?: number }) {
  const { t } = useT();
  return (
    <Textarea
      label={props.label ?? t('resident.eventNote')}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      labelProps={requiredLabel(props.required)}
      autosize
      minRows={2}
      maxRows={5}
      maxLength={props.maxLength ?? 500}
      data-field={props.field}
    />
  );
}
