import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column of a report table: its heading, and whether it holds figures (right-aligned, digits lined up). */
export interface FigureColumn {
  key: string;
  label: string;
  figure?: boolean;
}

export interface FigureRow {
  key: string;
  /** The row's name (first column), a row header for screen readers. */
  head: ReactNode;
  cells: ReactNode[];
  testId?: string;
  /** A total row: bold on grey. */
  total?: boolean;
  dimmed?: boolean;
}

/**
 * The report tables of the bundle preview and the city tables: a named table, a row header per
 * row, figures right-aligned; total rows go in the footer.
 */
export function FigureTable(props: { label: string; columns: FigureColumn[]; rows: FigureRow[]; minWidth?: number; testId?: string }) {
  const [head, ...rest] = props.columns;
  const body = props.rows.filter((r) => !r.total);
  const totals = props.rows.filter((r) => r.total);
  const row = (r: FigureRow) => (
    <Table.Tr key={r.key} data-testid={r.testId} fw={r.total ? 700 : undefined} bg={r.total ? 'gray.0' : undefined} c={r.dimmed ? 'dimmed' : undefined}>
      <Table.Th scope="row" fw={r.total ? 700 : 600} style={{ whiteSpace: 'nowrap' }}>
        {r.head}
      </Table.Th>
      {r.cells.map((cell, i) => (
        <Table.Td key={rest[i]?.key ?? i} ta={rest[i]?.figure ? 'right' : undefined} className={rest[i]?.figure ? 'money' : undefined} data-col={rest[i]?.key}>
          {cell}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={props.minWidth ?? 600}>
      <Table withTableBorder withColumnBorders verticalSpacing={6} bg="white" aria-label={props.label} data-testid={props.testId}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{head?.label}</Table.Th>
            {rest.map((c) => (
              <Table.Th key={c.key} ta={c.figure ? 'right' : undefined}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{body.map(row)}</Table.Tbody>
        {totals.length > 0 && <Table.Tfoot>{totals.map(row)}</Table.Tfoot>}
      </Table>
    </Table.ScrollContainer>
  );
}
