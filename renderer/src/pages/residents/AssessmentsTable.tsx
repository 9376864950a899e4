import { Badge, Table, Text } from '@mantine/core';
import type { AssessmentView } from '../../contract';
import { useT } from '../../i18n';
import { LEVEL_COLORS, gbtLevelLabel, levelLabel, methodLabel, taskLabel } from '../institutions/welfare-labels';

/** 评估: every assessment of the stay, newest first; those of reversed events struck through. */
export function AssessmentsTable({ rows }: { rows: AssessmentView[] }) {
  const { t } = useT();
  const sorted = [...rows].sort((a, b) => (a.assessedOn === b.assessedOn ? 0 : a.assessedOn < b.assessedOn ? 1 : -1));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('resident.tab.assessments')}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('resident.assessedOn')}</Table.Th>
            <Table.Th>{t('resident.method')}</Table.Th>
            <Table.Th>{t('resident.result')}</Table.Th>
            <Table.Th>{t('resident.failedTasks')}</Table.Th>
            <Table.Th>{t('resident.assessor')}</Table.Th>
            <Table.Th>{t('resident.assessmentNote')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" ta="center" py="sm" size="sm">
                  {t('resident.noAssessments')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {sorted.map((a) => (
            <Table.Tr key={a.id} td={a.reversed ? 'line-through' : undefined} c={a.reversed ? 'dimmed' : undefined}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.assessedOn}</Table.Td>
              <Table.Td>{methodLabel(t, a.method)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {a.selfCareLevel ? (
                  <Badge color={a.reversed ? 'gray' : LEVEL_COLORS[a.selfCareLevel]} variant="light" className="badge-full">
                    {levelLabel(t, a.selfCareLevel)}
                  </Badge>
                ) : a.gbtLevel !== null ? (
                  gbtLevelLabel(t, a.gbtLevel)
                ) : null}
                {a.reversed && (
                  <Text span size="xs" ml={6} c="red">
                    {t('resident.reversed')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{a.failedTasks ? a.failedTasks.map((task) => taskLabel(t, task)).join('、') || t('resident.noneFailed') : ''}</Table.Td>
              <Table.Td>{a.assessor}</Table.Td>
              <Table.Td>{a.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
