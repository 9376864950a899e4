import { Badge, Box, Group, Progress, Stack, Text } from '@mantine/core';
import type { Coverage, CoverageGroup } from '../../contract';
import { useT } from '../../i18n';
import { perMilleText } from './report-format';

function Bar({ label, group, goal }: { label: string; group: CoverageGroup; goal: number }) {
  const { t } = useT();
  if (group.ratePerMille === null) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm" c="dimmed">
          {t('reports.coverageNone')}
        </Text>
      </Stack>
    );
  }
  const met = group.ratePerMille >= goal;
  return (
    <Stack gap={6} data-testid="coverage-group">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm">
          {t('reports.coveredOf', { covered: group.covered, total: group.total, rate: perMilleText(group.ratePerMille) })}
          {'  '}
          <Badge color={met ? 'green' : 'orange'} variant="light" ml={6}>
            {met ? t('reports.goalMet') : t('reports.goalNotMet')}
          </Badge>
        </Text>
      </Group>
      <Box pos="relative" pt={16}>
        <Progress
          value={group.ratePerMille / 10}
          color={met ? 'green' : 'orange'}
          size="xl"
          aria-label={`${label} ${perMilleText(group.ratePerMille)}`}
        />
        {/* The goal line (60 %). */}
        <Box
          pos="absolute"
          top={0}
          bottom={0}
          left={`${goal / 10}%`}
          style={{ borderLeft: '2px dashed var(--mantine-color-red-7)' }}
          aria-hidden
        >
          <Text size="xs" c="red.8" pos="absolute" top={-2} left={4} style={{ whiteSpace: 'nowrap' }}>
            {t('reports.goal', { rate: perMilleText(goal) })}
          </Text>
        </Box>
      </Box>
      {group.uncovered.length > 0 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {t('reports.uncovered')}
          </Text>
          {group.uncovered.map((d) => (
            <Badge key={d.code} color="gray" variant="outline" size="sm" tt="none">
              {d.name}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** 综合养老服务中心覆盖率: streets and towns with an accepted or operating centre, against the 60 % goal. */
export function CoveragePanel({ coverage }: { coverage: Coverage }) {
  const { t } = useT();
  return (
    <Stack gap="lg">
      <Bar label={t('reports.streets')} group={coverage.streets} goal={coverage.goalPerMille} />
      <Bar label={t('reports.towns')} group={coverage.towns} goal={coverage.goalPerMille} />
      <Text size="xs" c="dimmed">
        {t('reports.coverageHelp', { rate: perMilleText(coverage.goalPerMille) })}
      </Text>
    </Stack>
  );
}
