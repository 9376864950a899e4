import { Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

/** What every list table shows: its name, width below which it scrolls sideways, header and empty text. */
interface TableFrame {
  label: string;
  minWidth: number;
  /** Keep the header cells on one line (the "nowrap-head" style). */
  nowrapHead?: boolean;
  header: ReactNode;
  columns: number;
  emptyText: string;
}

function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed" ta="center" py="md">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The frame the list pages' tables share: a real <table> named for screen readers, scrolling
 * sideways below `minWidth`, with one dimmed line across all columns when there are no rows.
 * `header` is the header row's cells; `children` the body rows. For short lists (a report, a
 * preview); a register a clerk scrolls through uses VirtualListTable.
 */
export function ListTable(props: TableFrame & { isEmpty: boolean; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={props.minWidth}>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs" bg="white" aria-label={props.label}>
        <Table.Thead className={props.nowrapHead ? 'nowrap-head' : undefined}>
          <Table.Tr>{props.header}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.isEmpty && <EmptyRow columns={props.columns} text={props.emptyText} />}
          {props.children}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Spread on a virtual table's body row: lets the table measure the row's real height. */
export interface VirtualRowProps {
  ref: (element: HTMLTableRowElement | null) => void;
  'data-index': number;
}

/** A first guess of a row's height (one line, verticalSpacing xs); rows are measured once shown. */
const ROW_ESTIMATE = 41;
/** Rows kept above and below the visible ones: scrolling fast shows no blank band. */
const OVERSCAN = 12;
/** Ask for the next page when the last row rendered (visible or overscan) is this close to the last row read. */
const NEAR_END = 10;

/**
 * A register's table: every row read so far is in `rows`, but only the visible ones (plus overscan)
 * are in the DOM, between two spacer rows that keep the scroll height; the header stays on top.
 * The table scrolls inside a box as tall as the window below the app header, so the count and the
 * "load more" button under it stay in reach. When the visible rows near the end of `rows`,
 * `onNearEnd` is called (the list decides whether there is a next page and whether one is on its way).
 */
export function VirtualListTable<Row>(
  props: TableFrame & {
    rows: readonly Row[];
    rowKey(row: Row): string | number;
    /** One <Table.Tr> for the row, with `rowProps` spread on it. */
    renderRow(row: Row, rowProps: VirtualRowProps): ReactNode;
    onNearEnd?(): void;
  },
) {
  const { rows, rowKey, onNearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  const lastIndex = last?.index ?? -1;

  const nearEnd = useRef(onNearEnd);
  useEffect(() => {
    nearEnd.current = onNearEnd;
  });
  useEffect(() => {
    if (rows.length > 0 && lastIndex >= rows.length - 1 - NEAR_END) nearEnd.current?.();
  }, [lastIndex, rows.length]);

  // Fewer rows than before: a new search or a reload read the first page again; show it from its top.
  const readBefore = useRef(rows.length);
  useEffect(() => {
    if (rows.length < readBefore.current) virtualizer.scrollToOffset(0);
    readBefore.current = rows.length;
  }, [rows.length, virtualizer]);

  const firstIndex = first?.index ?? 0;
  const top = first?.start ?? 0;
  const bottom = last ? virtualizer.getTotalSize() - last.end : 0;
  // Stripes go by a row's place among the <tr>s: row i must stay the (i+1)th, so an even first row
  // after the top spacer gets a second (empty) one, and a row keeps its stripe while scrolling.
  const parityFix = firstIndex > 0 && firstIndex % 2 === 0;

  return (
    <div
      ref={scrollRef}
      className="virtual-list"
      data-testid="virtual-list"
      style={{ overflow: 'auto', maxHeight: 'calc(100dvh - var(--app-shell-header-height, 64px) - 120px)', overflowAnchor: 'none' }}
    >
      <Table
        striped
        highlightOnHover
        withTableBorder
        stickyHeader
        verticalSpacing="xs"
        bg="white"
        aria-label={props.label}
        aria-rowcount={rows.length + 1}
        style={{ minWidth: props.minWidth }}
      >
        <Table.Thead className={props.nowrapHead ? 'nowrap-head' : undefined}>
          <Table.Tr>{props.header}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && <EmptyRow columns={props.columns} text={props.emptyText} />}
          {firstIndex > 0 && <SpacerRow height={top} columns={props.columns} />}
          {parityFix && <SpacerRow height={0} columns={props.columns} />}
          {items.map((item) => {
            const row = rows[item.index];
            return row === undefined ? null : props.renderRow(row, { ref: virtualizer.measureElement, 'data-index': item.index });
          })}
          {bottom > 0 && <SpacerRow height={bottom} columns={props.columns} />}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Stands in for the rows scrolled out of view; not read out, not striped, not highlighted. */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="virtual-spacer" style={{ height }}>
      <td colSpan={columns} style={{ padding: 0, border: 0, height }} />
    </tr>
  );
}
