import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError } from '../../components/form-errors';
import type { Resident, ResidentEventView } from '../../contract';
import { useT } from '../../i18n';
import { ActionFormShell, NoteField, useActionForm, type ActionProps } from './action-form';
import { useEventSummary } from './EventTimeline';

const FIELDS = ['eventId', 'reason'] as const;

/**
 * 冲销最近一条记录: the latest effective event is cancelled by a reversal event (nothing is deleted).
 * The reason is required, and the clerk confirms once more, seeing exactly what will be reversed.
 */
export function ReverseForm(props: ActionProps & { resident: Resident; event: ResidentEventView }) {
  const { t } = useT();
  const summary = useEventSummary(props.resident);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useActionForm(FIELDS);
  const { errors } = form;
  const what = summary(props.event);

  const check = () => (reason.trim() ? {} : { reason: clientError('REQUIRED', 'reason') });
  const send = () =>
    call('residents.reverse', { id: props.resident.id, version: props.resident.version, eventId: props.event.id, reason: reason.trim() });
  const submit = form.submit(check, send, props.onSaved);

  // A refusal naming the event (no longer the latest…) shows in both steps.
  const targetError = errors.byField.eventId ? <ErrorAlert error={errors.byField.eventId} /> : null;

  if (confirming && !errors.byField.reason) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
        {targetError}
        <Text size="sm">{t('resident.reverseConfirm', { what })}</Text>
        <Text size="sm" c="dimmed">
          {t('resident.reverseReasonShown', { reason: reason.trim() })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('resident.reverseBack')}
          </Button>
          <Button color="red" loading={form.saving} onClick={() => void submit()} data-autofocus>
            {t('resident.reverseConfirmButton')}
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
      submitLabel={t('resident.reverseNext')}
      submitColor="red"
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      {targetError}
      <Alert color="orange" variant="light" title={t('resident.reverseWhich')}>
        <Text size="sm" fw={500} data-testid="reverse-target">
          {what}
        </Text>
        <Text size="xs" mt={4}>
          {t('resident.reverseHelp')}
        </Text>
      </Alert>
      <NoteField
        label={t('resident.reverseReason')}
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
