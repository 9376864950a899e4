import { useCallback, useState } from 'react';
import { LedgerCallError, isSessionLost } from '../client';
import type { LedgerError } from '../contract';
import { useT } from '../i18n';

/** Stands for "not saved: the session ended" in a form's general error (ErrorAlert words it). */
export const SESSION_LOST_NOTICE = Object.freeze({ sessionLost: true });

/** A check made in the form, worded by the contract's messages like the main side's refusals. */
export function clientError(code: string, field: string, params?: Record<string, string | number>): LedgerError {
  return { code, field, ...(params ? { params } : {}), message: code };
}

/**
 * The form's field a main-side path belongs to: the path itself, or the nearest enclosing field
 * ("station.services.2" → "station.services").
 */
export function formFieldOf<Field extends string>(fields: readonly Field[], path: string): Field | null {
  let best: Field | null = null;
  for (const f of fields) {
    if (f === path) return f;
    if (path.startsWith(`${f}.`) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

/**
 * Field errors (keyed by the form's field names, which are the contract's field paths) and one
 * general error for the alert at the top. A server error lands on its field when the form has it.
 */
export function useFormErrors<Field extends string>(fields: readonly Field[]) {
  const { fieldErrorText } = useT();
  const [byField, setByField] = useState<Partial<Record<Field, LedgerError>>>({});
  const [general, setGeneral] = useState<unknown>(null);

  const errorFor = useCallback(
    (field: Field): string | undefined => {
      const error = byField[field];
      return error ? fieldErrorText(error) : undefined;
    },
    [byField, fieldErrorText],
  );

  const setFieldError = useCallback((field: Field, error: LedgerError | null) => {
    setByField((current) => {
      if (!error && !(field in current)) return current;
      const next = { ...current };
      if (error) next[field] = error;
      else delete next[field];
      return next;
    });
  }, []);

  /**
   * Files a caught error: on its field (returned) when the form shows that field, else as the general
   * error. A lost session is left to the lock screen; the form keeps everything typed.
   */
  const capture = useCallback(
    (error: unknown): Field | null => {
      if (error instanceof LedgerCallError && error.error.field) {
        const field = formFieldOf(fields, error.error.field);
        if (field) {
          setFieldError(field, error.error);
          return field;
        }
      }
      setGeneral(isSessionLost(error) ? SESSION_LOST_NOTICE : error);
      return null;
    },
    [fields, setFieldError],
  );

  const clear = useCallback(() => {
    setByField({});
    setGeneral(null);
  }, []);

  return {
    byField,
    errorFor,
    setFieldError,
    setFieldErrors: setByField,
    general,
    setGeneral,
    capture,
    clear,
    hasFieldErrors: Object.keys(byField).length > 0,
  };
}
