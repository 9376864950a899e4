import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SavedNotices } from '../../components/SavedNotices';
import type { Actions } from '../../hooks/useActions';

/** One framed block of the keys pages, named for screen readers by its title; its actions' refusal and notice on top. */
export function KeySection(props: {
  title: string;
  /** What the key is for, under the title (before any notice). */
  help?: string;
  children: ReactNode;
  testId?: string;
  actions?: Pick<Actions, 'error' | 'notice' | 'clearError' | 'clearNotice'>;
}) {
  const actions = props.actions;
  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={props.title} data-testid={props.testId}>
      <Stack gap="sm">
        <Title order={5}>{props.title}</Title>
        {props.help && (
          <Text size="sm" c="dimmed">
            {props.help}
          </Text>
        )}
        {actions && (
          <>
            <ErrorAlert error={actions.error} onClose={actions.clearError} />
            <SavedNotices warnings={[]} onCloseWarnings={() => undefined} notice={actions.notice} onCloseNotice={actions.clearNotice} />
          </>
        )}
        {props.children}
      </Stack>
    </Paper>
  );
}
