import { Group, Pagination, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';

export const PAGE_ROWS = 100;

/**
 * A long list (up to 5 000 issues) shown a page at a time, so the table stays quick to draw;
 * `render` gets the current page's items. The pager and "rows a–b of n" show only when needed.
 */
export function PagedRows<T>(props: { items: readonly T[]; render(items: readonly T[]): ReactNode; testId?: string }) {
  const { t } = useT();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(props.items.length / PAGE_ROWS));
  const current = Math.min(page, pages);
  const from = (current - 1) * PAGE_ROWS;
  const shown = props.items.slice(from, from + PAGE_ROWS);
  return (
    <>
      {props.render(shown)}
      {pages > 1 && (
        <Group justify="space-between" data-testid={props.testId}>
          <Text size="xs" c="dimmed">
            {t('imports.pageRange', { from: from + 1, to: from + shown.length, total: props.items.length })}
          </Text>
          <Pagination total={pages} value={current} onChange={setPage} size="sm" />
        </Group>
      )}
    </>
  );
}
