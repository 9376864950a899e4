import { Alert } from '@mantine/core';
import { useT } from '../i18n';
import { SESSION_LOST_NOTICE } from './form-errors';

/** An error without a field (or a failed load), translated into the current language. */
export function ErrorAlert({ error, title, onClose }: { error: unknown; title?: string; onClose?: () => void }) {
  const { t, errorText } = useT();
  if (!error) return null;
  const sessionLost = error === SESSION_LOST_NOTICE;
  return (
    <Alert
      color={sessionLost ? 'orange' : 'red'}
      variant="light"
      role="alert"
      title={title ?? (sessionLost ? t('form.notSavedTitle') : t('error.title'))}
      withCloseButton={!!onClose}
      onClose={onClose}
      closeButtonLabel={t('common.close')}
    >
      {sessionLost ? t('form.notSavedSessionLost') : errorText(error)}
    </Alert>
  );
}
