import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value of a record's summary grid; an empty value shows as —. `span` widens it over grid columns. */
export function SummaryItem({ label, children, span }: { label: string; children: ReactNode; span?: number }) {
  return (
    <Stack gap={0} style={span ? { gridColumn: `span ${span}` } : undefined}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}
