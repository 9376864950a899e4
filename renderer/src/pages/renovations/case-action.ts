import { useRef, useState, type FormEvent } from 'react';
import { useFormErrors } from '../../components/form-errors';
import type { CaseSaved, LedgerError } from '../../contract';
import { focusField } from '../stations/StationForm';

/** What every action form of the case drawer gets: the saved case goes back to the drawer. */
export interface CaseActionProps {
  onSaved(saved: CaseSaved): void;
  onCancel(): void;
  /** After a version conflict: load the case again (the form closes). */
  onReload(): void;
}

/**
 * The common part of the case's small forms (a step, an end, a correction, withdrawing a file): the
 * form's own checks, one call, a refusal onto its field (or the alert on top), nothing typed lost.
 * Shaped like the residents' useActionForm so ActionFormShell serves both.
 */
export function useCaseActionForm<F extends string>(fields: readonly F[]) {
  const errors = useFormErrors(fields);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const submit =
    (check: () => Partial<Record<F, LedgerError>>, send: () => Promise<CaseSaved>, onSaved: (saved: CaseSaved) => void) =>
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
