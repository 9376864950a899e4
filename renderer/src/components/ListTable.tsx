import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The frame the list pages' tables share: a real <table> named for screen readers, scrolling
 * sideways below `minWidth`, with one dimmed line across all columns when there are no rows.
 * `header` is the header row's cells; `children` the body rows.
 */
export function ListTable(props: {
  label: string;
  minWidth: number;
  /** Keep the header cells on one line (the "nowrap-head" style). */
  nowrapHead?: boolean;
  header: ReactNode;
  columns: number;
  isEmpty: boolean;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs" bg="white" aria-label={props.label}>
        <Table.Thead className={props.nowrapHead ? 'nowrap-head' : undefined}>
          <Table.Tr>{props.header}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.isEmpty && (
            <Table.Tr>
              <Table.Td colSpan={props.columns}>
                <Text c="dimmed" ta="center" py="md">
                  {props.emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {props.children}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
