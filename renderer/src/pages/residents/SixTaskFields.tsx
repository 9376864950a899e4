import { Badge, Checkbox, Group, SimpleGrid, Text } from '@mantine/core';
import { SELF_CARE_TASKS, selfCareLevel, type SelfCareTask } from '../../contract';
import { useT } from '../../i18n';
import { LEVEL_COLORS, levelLabel, taskLabel } from '../institutions/welfare-labels';

/**
 * The six-task rating: one box per task the person cannot do alone, and the level it gives
 * (全自理 / 部分丧失 / 完全丧失), worked out as the boxes are ticked by the contract's own rule.
 */
export function SixTaskFields(props: { value: SelfCareTask[]; onChange(tasks: SelfCareTask[]): void; error?: string; field: string }) {
  const { t } = useT();
  const level = selfCareLevel(props.value.length);
  return (
    <Checkbox.Group
      label={t('resident.failedTasks')}
      description={t('resident.failedTasksHelp')}
      value={props.value}
      // Kept in the contract's order whatever order they were ticked in.
      onChange={(v) => props.onChange(SELF_CARE_TASKS.filter((task) => v.includes(task)))}
      error={props.error}
      data-field={props.field}
    >
      <SimpleGrid cols={3} mt="xs" spacing="xs">
        {SELF_CARE_TASKS.map((task) => (
          <Checkbox key={task} value={task} label={taskLabel(t, task)} />
        ))}
      </SimpleGrid>
      <Group gap="xs" mt="sm" data-testid="derived-level">
        <Text size="sm">{t('resident.derivedLevel')}</Text>
        <Badge color={LEVEL_COLORS[level]} variant="light" className="badge-full">
          {levelLabel(t, level)}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('resident.failedCount', { count: props.value.length })}
        </Text>
      </Group>
    </Checkbox.Group>
  );
}
