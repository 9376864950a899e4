import { Button, Group, Stack, Text } from '@mantine/core';
import { useT } from '../i18n';
import { ErrorAlert } from './ErrorAlert';

/**
 * Under a list: "已显示 N / 共 M 条" (when `shown` and `total` are given) and, while there is more,
 * a "加载更多" button. An infinite-scroll table loads on its own; the button stays for the keyboard
 * and for a list shorter than its box. A failed next page shows here with a retry.
 */
export function ListFooter({
  hasMore,
  loading,
  onLoadMore,
  shown,
  total,
  error,
}: {
  hasMore: boolean;
  loading?: boolean;
  onLoadMore(): void;
  shown?: number;
  total?: number;
  /** The next page's failure (the rows read so far stay). */
  error?: unknown;
}) {
  const { t } = useT();
  const counted = shown !== undefined && total !== undefined && total > 0;
  if (!hasMore && !counted) return null;
  return (
    <Stack gap="xs">
      {hasMore && <ErrorAlert error={error} title={t('list.loadMoreFailed')} />}
      <Group justify="center" gap="md">
        {counted && (
          <Text size="sm" c="dimmed" data-testid="list-shown">
            {t('list.shown', { shown, total })}
          </Text>
        )}
        {hasMore && (
          <Button variant="default" onClick={onLoadMore} loading={loading}>
            {error ? t('list.retryLoadMore') : t('common.loadMore')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
