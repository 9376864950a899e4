import { Badge, Text } from '@mantine/core';
import type { LifecycleStep } from '../../contract';
import { useT } from '../../i18n';
import { STATE_COLORS } from './station-labels';

/** 运营中 · 2024-03-01 as a coloured badge; 未填写进度 when no step is dated. */
export function StateBadge({ state, date }: { state: LifecycleStep | null; date: string | null }) {
  const { t } = useT();
  if (!state) {
    return (
      <Text size="sm" c="dimmed">
        {t('station.state.none')}
      </Text>
    );
  }
  return (
    <Badge
      color={STATE_COLORS[state]}
      variant="light"
      radius="sm"
      tt="none"
      // Never cut off: the date is the point of the badge.
      styles={{ root: { maxWidth: 'none', flex: 'none' }, label: { fontWeight: 500, overflow: 'visible' } }}
    >
      {t(`station.state.${state}`)}
      {date ? ` · ${date}` : ''}
    </Badge>
  );
}
