import { Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One framed block of the keys pages, named for screen readers by its title. */
export function KeySection(props: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={props.title} data-testid={props.testId}>
      <Stack gap="sm">
        <Title order={5}>{props.title}</Title>
        {props.children}
      </Stack>
    </Paper>
  );
}
