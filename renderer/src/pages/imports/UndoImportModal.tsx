import { Alert, Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionFormShell, NoteField, useActionForm } from '../../components/action-form';
import { ActionModal } from '../../components/ActionModal';
import { clientError } from '../../components/form-errors';
import { useT } from '../../i18n';
import type { ImportUndone } from './import-types';

/** The import to undo, as the history row or the result panel knows it. */
export interface UndoTarget {
  id: string;
  fileName: string;
  create: number;
  update: number;
}

interface UndoProps {
  target: UndoTarget | null;
  onClose(): void;
  onUndone(done: ImportUndone): void;
  /** After a refusal that calls for it: load the history again. */
  onReload(): void;
}

const FIELDS = ['reason'] as const;

/**
 * 撤销导入: what undoing will do (delete the rows the import added, restore the rows it changed;
 * a record changed since makes it fail), a required reason, then `imports.undo`. A refusal
 * (already undone, changed since, referred to…) shows translated on top and nothing changes.
 */
export function UndoImportModal(props: UndoProps) {
  const { t } = useT();
  return (
    <ActionModal opened={props.target !== null} title={t('imports.undoTitle')} size={520} onClose={props.onClose}>
      {/* Keyed by the import: a reason typed for another one does not carry over. */}
      {props.target && <UndoForm key={props.target.id} {...props} target={props.target} />}
    </ActionModal>
  );
}

function UndoForm(props: UndoProps & { target: UndoTarget }) {
  const { t } = useT();
  const { target } = props;
  const [reason, setReason] = useState('');
  const form = useActionForm(FIELDS);
  const { errors } = form;

  const check = () => (reason.trim() ? {} : { reason: clientError('REQUIRED', 'reason') });
  const send = async () => {
    try {
      return await call('imports.undo', { id: target.id, reason: reason.trim() });
    } catch (refused) {
      // Refused (e.g. someone else undid it meanwhile): the history behind the modal shows the state now.
      props.onReload();
      throw refused;
    }
  };
  const submit = form.submit(check, send, props.onUndone);

  return (
    <ActionFormShell form={form} onSubmit={(e) => void submit(e)} submitLabel={t('imports.undoConfirm')} submitColor="red" onCancel={props.onClose} onReload={props.onReload}>
      <Alert color="orange" variant="light" title={target.fileName} data-testid="undo-what">
        <Text size="sm">{t('imports.undoWhat', { create: target.create, update: target.update })}</Text>
      </Alert>
      <NoteField
        label={t('imports.undoReason')}
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
