import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { CaseState } from '../../contract';
import { useT } from '../../i18n';
import { CASE_STATE_COLORS, stateLabel } from './renovation-labels';

/** Where a case stands, and for how long (the days count from the step that set the state). */
export function CaseStateBadge(props: { state: CaseState; stateDate: string; daysInState: number; stuck: boolean; testId?: string }) {
  const { t } = useT();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={CASE_STATE_COLORS[props.state]} variant="light" className="badge-full" data-testid={props.testId}>
        {stateLabel(t, props.state)}
      </Badge>
      <Tooltip label={t('renovations.stateSince', { date: props.stateDate })}>
        <Text span size="xs" c={props.stuck ? 'orange.8' : 'dimmed'} fw={props.stuck ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
          {t('renovations.days', { days: props.daysInState })}
        </Text>
      </Tooltip>
      {props.stuck && (
        <Badge color="orange" variant="filled" size="sm" className="badge-full" data-testid="stuck-flag">
          {t('renovations.stuck')}
        </Badge>
      )}
    </Group>
  );
}
