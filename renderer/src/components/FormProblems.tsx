import { Button, Stack, Text } from '@mantine/core';
import { LedgerCallError } from '../client';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

/**
 * The top of every record form: the error that belongs to no field, a "reload" offer when someone
 * else saved the record meanwhile (VERSION_CONFLICT), and the read-only note for viewers.
 */
export function FormProblems(props: {
  general: unknown;
  onCloseGeneral: () => void;
  /** Omitted when there is nothing to reload (a new record). */
  onReload?: () => void;
  readOnly?: boolean;
}) {
  const { t } = useT();
  const conflict = props.general instanceof LedgerCallError && props.general.error.code === 'VERSION_CONFLICT';
  return (
    <>
      {props.general !== null && (
        <Stack gap="xs">
          <ErrorAlert error={props.general} onClose={props.onCloseGeneral} />
          {conflict && props.onReload && (
            <Button variant="default" size="xs" w="fit-content" onClick={props.onReload}>
              {t('person.reloadDiscarding')}
            </Button>
          )}
        </Stack>
      )}
      {props.readOnly && (
        <Text size="sm" c="dimmed">
          {t('person.readOnlyNote')}
        </Text>
      )}
    </>
  );
}
