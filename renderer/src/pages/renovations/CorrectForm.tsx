import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError } from '../../components/form-errors';
import type { RenovationCase } from '../../contract';
import { useT } from '../../i18n';
import { ActionFormShell, NoteField } from '../residents/action-form';
import { useCaseActionForm, type CaseActionProps } from './case-action';
import { stepTitle } from './StepTimeline';

const FIELDS = ['stepId', 'reason'] as const;

/**
 * 更正最近一步: the latest effective step is reversed by a correction step (nothing is deleted); the
 * case goes back to where it stood before it. The reason is required and the clerk confirms once
 * more, seeing exactly which step is corrected.
 */
export function CorrectForm(props: CaseActionProps & { case: RenovationCase; target: NonNullable<RenovationCase['correctable']> }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const form = useCaseActionForm(FIELDS);
  const { errors } = form;
  const what = stepTitle(t, props.target);

  const check = () => (reason.trim() ? {} : { reason: clientError('REQUIRED', 'reason') });
  const send = () => call('renovations.correct', { id: props.case.id, version: props.case.version, stepId: props.target.stepId, reason: reason.trim() });
  const submit = form.submit(check, send, props.onSaved);
  // A refusal naming the step (no longer the latest…) shows in both stages.
  const targetError = errors.byField.stepId ? <ErrorAlert error={errors.byField.stepId} /> : null;

  if (confirming && !errors.byField.reason) {
    return (
      <Stack gap="sm">
        <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
        {targetError}
        <Text size="sm">{t('renovations.correctConfirm', { what })}</Text>
        <Text size="sm" c="dimmed">
          {t('renovations.reasonShown', { text: reason.trim() })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('renovations.back')}
          </Button>
          <Button color="red" loading={form.saving} onClick={() => void submit()} data-autofocus>
            {t('renovations.correctConfirmButton')}
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
      submitLabel={t('renovations.correctNext')}
      submitColor="red"
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      {targetError}
      <Alert color="orange" variant="light" title={t('renovations.correctWhich')}>
        <Text size="sm" fw={500} data-testid="correct-target">
          {what}
        </Text>
        <Text size="xs" mt={4}>
          {t('renovations.correctHelp')}
        </Text>
      </Alert>
      <NoteField
        label={t('renovations.correctReason')}
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
