import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ActionFormShell, NoteField, useActionForm, type ActionProps } from './action-form';
import { ErrorAlert } from './ErrorAlert';
import { clientError } from './form-errors';

/** The words of one record's reversal, already translated (each kind of record has its own). */
export interface ReverseLatestTexts {
  /** The alert's title above the target: which entry is reversed. */
  which: string;
  help: string;
  reasonLabel: string;
  /** The first stage's button (on to the confirmation). */
  next: string;
  /** The confirmation's question, naming the target. */
  confirm: string;
  reasonShown(reason: string): string;
  back: string;
  confirmButton: string;
}

/**
 * Reversing the latest effective entry of a record (a resident's event, a renovation case's step):
 * nothing is deleted, a reversing entry is recorded. The reason is required, and the clerk confirms
 * once more, seeing exactly what will be reversed.
 */
export function ReverseLatestForm<S>(
  props: ActionProps<S> & {
    /** The request's field naming the target: a refusal on it (no longer the latest…) shows in both stages. */
    targetField: string;
    /** The target as the clerk reads it. */
    what: string;
    targetTestId: string;
    texts: ReverseLatestTexts;
    send(reason: string): Promise<S>;
  },
) {
  const { targetField, texts } = props;
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const fields = useMemo(() => [targetField, 'reason'], [targetField]);
  const form = useActionForm(fields);
  const { errors } = form;

  const check = () => (reason.trim() ? {} : { reason: clientError('REQUIRED', 'reason') });
  const submit = form.submit(check, () => props.send(reason.trim()), props.onSaved);

  const targetRefusal = errors.byField[targetField];
  const targetError = targetRefusal ? <ErrorAlert error={targetRefusal} /> : null;

  if (confirming && !errors.byField.reason) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
        {targetError}
        <Text size="sm">{texts.confirm}</Text>
        <Text size="sm" c="dimmed">
          {texts.reasonShown(reason.trim())}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {texts.back}
          </Button>
          <Button color="red" loading={form.saving} onClick={() => void submit()} data-autofocus>
            {texts.confirmButton}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => {
        e.preventDefault();
        const found = check();
        errors.setFieldErrors(found);
        if (!found.reason) setConfirming(true);
      }}
      submitLabel={texts.next}
      submitColor="red"
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      {targetError}
      <Alert color="orange" variant="light" title={texts.which}>
        <Text size="sm" fw={500} data-testid={props.targetTestId}>
          {props.what}
        </Text>
        <Text size="xs" mt={4}>
          {texts.help}
        </Text>
      </Alert>
      <NoteField
        label={texts.reasonLabel}
        value={reason}
        onChange={(v) => {
          setReason(v);
          errors.setFieldError('reason', null);
        }}
        error={errors.errorFor('reason')}
        field="reason"
        required
        maxLength={200}
      />
    </ActionFormShell>
  );
}
