import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { clientError } from './form-errors';
import { parseCreditCode, type LedgerError } from '../contract';
import { useT } from '../i18n';

const MONO = { input: { fontFamily: 'ui-monospace, Consolas, monospace', letterSpacing: '0.05em' } };

export type CreditCodeFeedback = { kind: 'empty' } | { kind: 'typing'; length: number } | { kind: 'valid' } | { kind: 'error'; error: LedgerError };

/**
 * Live GB 32100 check of a 统一社会信用代码 as typed: quiet while fewer than 18 characters are typed
 * and the field has not been left, then valid or the problem (filed under `field`).
 */
export function creditCodeFeedback(text: string, left: boolean, field: string): CreditCodeFeedback {
  const code = text.trim();
  if (!code) return { kind: 'empty' };
  if (code.length < 18 && !left) return { kind: 'typing', length: code.length };
  const parsed = parseCreditCode(code);
  if (parsed.ok) return { kind: 'valid' };
  return { kind: 'error', error: clientError(parsed.problem, field, parsed.params) };
}

/** The operator's credit code field of the station and institution forms, upper-cased and checked as typed. */
export function CreditCodeInput(props: {
  /** The contract path, e.g. "station.operatorCreditCode". */
  field: string;
  value: string;
  onChange(value: string): void;
  /** A saved record's code is checked at once; a new one once the clerk leaves the field. */
  initiallyLeft: boolean;
  /** The form's or the main side's error for this field, shown before the live check's. */
  error?: string;
  readOnly: boolean;
  /** Width of the input where the form lays it out alone on its row. */
  w?: { base: string; sm: number };
}) {
  const { t, errorText } = useT();
  const [left, setLeft] = useState(props.initiallyLeft);
  const feedback = props.readOnly ? ({ kind: 'empty' } as const) : creditCodeFeedback(props.value, left, props.field);
  return (
    <TextInput
      label={t('station.operatorCreditCode')}
      value={props.value}
      onChange={(e) => {
        props.onChange(e.currentTarget.value.toUpperCase());
        setLeft(false);
      }}
      onBlur={() => setLeft(true)}
      description={
        feedback.kind === 'valid' ? (
          <Text span size="xs" c="green.8">
            {t('station.creditValid')}
          </Text>
        ) : feedback.kind === 'typing' ? (
          t('station.creditTyping', { count: feedback.length })
        ) : props.readOnly ? undefined : (
          t('station.creditHelp')
        )
      }
      error={props.error ?? (feedback.kind === 'error' ? errorText(feedback.error) : undefined)}
      readOnly={props.readOnly}
      maxLength={24}
      spellCheck={false}
      autoComplete="off"
      w={props.w}
      styles={MONO}
      data-field={props.field}
    />
  );
}
