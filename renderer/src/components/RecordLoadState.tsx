import { Button, Group, Loader, Stack } from '@mantine/core';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

/**
 * What a drawer shows until its record is there: a spinner while it loads, or why it could not be
 * loaded with 关闭 to leave.
 */
export function RecordLoadState(props: { error: unknown; onClose(): void }) {
  const { t } = useT();
  if (!props.error) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  return (
    <Stack>
      <ErrorAlert error={props.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.close')}
        </Button>
      </Group>
    </Stack>
  );
}
