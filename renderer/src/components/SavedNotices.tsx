import { Alert, Stack, Text } from '@mantine/core';
import { useT } from '../i18n';
import { problemText } from '../pages/institutions/welfare-labels';

type Warning = { code: string; field?: string; params?: Record<string, string | number> };

/** At the top of a record's drawer: the warnings the last save came back with, and what was just done; each closable. */
export function SavedNotices(props: { warnings: readonly Warning[]; onCloseWarnings(): void; notice: string | null; onCloseNotice(): void }) {
  const { t, errorText } = useT();
  return (
    <>
      {props.warnings.length > 0 && (
        <Alert color="yellow" variant="light" role="status" title={t('person.savedWithWarnings')} withCloseButton closeButtonLabel={t('common.close')} onClose={props.onCloseWarnings}>
          <Stack gap={4}>
            {props.warnings.map((w, i) => (
              <Text size="sm" key={i}>
                {problemText(errorText, w)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {props.notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={props.onCloseNotice}>
          {props.notice}
        </Alert>
      )}
    </>
  );
}
