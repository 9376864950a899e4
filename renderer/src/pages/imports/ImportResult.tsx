import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useT } from '../../i18n';
import { hrefOf } from '../shell/router';
import type { ImportReport, ImportRegisterInfo } from './import-types';
import { REGISTER_ROUTES } from './import-types';

/** What the commit did, in one sentence, with the way to the register and to the next file. */
export function ImportResult(props: {
  report: ImportReport;
  register: ImportRegisterInfo | undefined;
  onDownloadErrors(): void;
  downloadingErrors: boolean;
  onAnother(): void;
  /** The committed import can be undone from here (the same undo as its row in the history). */
  onUndo: (() => void) | null;
  /** It has been undone since (from here or the history). */
  undone: boolean;
}) {
  const { t } = useT();
  const { report } = props;
  const errors = report.counts.error;
  return (
    <Alert color={!report.committed ? 'red' : errors > 0 ? 'yellow' : 'green'} variant="light" role="status" title={report.committed ? t('imports.doneTitle') : t('imports.notDoneTitle')} data-testid="import-result">
      <Stack gap="sm">
        <Text size="sm">
          {report.committed
            ? errors > 0
              ? t('imports.doneWithErrors', { create: report.counts.create, update: report.counts.update, errors })
              : t('imports.done', { create: report.counts.create, update: report.counts.update })
            : t('imports.notDone', { errors })}
        </Text>
        {report.committed && report.counts.unchanged > 0 && (
          <Text size="sm" c="dimmed">
            {t('imports.unchangedNote', { count: report.counts.unchanged })}
          </Text>
        )}
        {props.undone && (
          <Text size="sm" c="orange.8" data-testid="result-undone">
            {t('imports.resultUndone')}
          </Text>
        )}
        <Group gap="sm">
          {props.register && (
            <Anchor href={hrefOf(REGISTER_ROUTES[props.register.name])} size="sm">
              {t('imports.openRegister', { register: props.register.title })}
            </Anchor>
          )}
          {errors > 0 && (
            <Button variant="default" size="xs" onClick={props.onDownloadErrors} loading={props.downloadingErrors}>
              {t('imports.downloadErrors')}
            </Button>
          )}
          <Button variant="default" size="xs" onClick={props.onAnother}>
            {t('imports.another')}
          </Button>
          {props.onUndo && !props.undone && (
            <Button variant="subtle" color="red" size="xs" onClick={props.onUndo}>
              {t('imports.undoThis')}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
