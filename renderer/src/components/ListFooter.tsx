import { Button, Group } from '@mantine/core';
import { useT } from '../i18n';

/** Under a list: "加载更多" while there is more to show, nothing otherwise. */
export function ListFooter({ hasMore, loading, onLoadMore }: { hasMore: boolean; loading?: boolean; onLoadMore(): void }) {
  const { t } = useT();
  if (!hasMore) return null;
  return (
    <Group justify="center">
      <Button variant="default" onClick={onLoadMore} loading={loading}>
        {t('common.loadMore')}
      </Button>
    </Group>
  );
}
