import { Anchor, Badge, Group, Stack, Text, Timeline } from '@mantine/core';
import type { CaseStep, RenovationCase, StepKind } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { levelLabel } from '../institutions/welfare-labels';
import { stepLabel } from './renovation-labels';

const STEP_COLORS: Partial<Record<StepKind, string>> = {
  applied: 'gray',
  acceptance_failed: 'orange',
  accepted: 'lime',
  paid: 'green',
  satisfaction: 'green',
  rejected: 'red',
  withdrawn: 'dark',
  correction: 'red',
};

/** Brings a step of the timeline into view (the links between a correction and what it corrected). */
function showStep(id: string) {
  const target = document.getElementById(`step-${id}`);
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.animate?.([{ backgroundColor: 'var(--mantine-color-yellow-2)' }, { backgroundColor: 'transparent' }], { duration: 1600 });
}

/** "2025-03-01 乡镇审核": how a step is named in the timeline and the correction form. */
export function stepTitle(t: ReturnType<typeof useT>['t'], step: Pick<CaseStep, 'date' | 'step'>): string {
  return `${step.date} ${stepLabel(t, step.step)}`;
}

/**
 * 办理步骤: the case's steps in the order they were recorded, each with its date, who was
 * responsible and what it recorded. A corrected step stays, struck through, linked to the correction
 * that reversed it (and back).
 */
export function StepTimeline({ kase }: { kase: RenovationCase }) {
  const { t } = useT();
  const steps = [...kase.steps].sort((a, b) => a.seq - b.seq);
  const byId = new Map(steps.map((s) => [s.id, s]));

  return (
    <Timeline bulletSize={16} lineWidth={2} active={steps.length - 1} aria-label={t('renovations.tab.steps')}>
      {steps.map((step) => {
        const corrected = step.correctedByStepId !== null;
        const correction = step.correctedByStepId ? byId.get(step.correctedByStepId) : undefined;
        const target = step.correctsStepId ? byId.get(step.correctsStepId) : undefined;
        const remarksLabel = step.step === 'rejected' || step.step === 'withdrawn' || step.step === 'correction' ? 'renovations.reasonShown' : 'renovations.remarksShown';
        return (
          <Timeline.Item
            key={step.id}
            color={corrected ? 'gray' : (STEP_COLORS[step.step] ?? 'blue')}
            lineVariant={corrected ? 'dashed' : 'solid'}
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm" td={corrected ? 'line-through' : undefined} c={corrected ? 'dimmed' : undefined} data-testid="step-title">
                  {stepTitle(t, step)}
                </Text>
                {corrected && (
                  <Badge color="red" variant="light" size="sm" className="badge-full">
                    {t('renovations.corrected')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Stack gap={2} id={`step-${step.id}`} data-testid="step" style={{ scrollMarginTop: 80, borderRadius: 4 }}>
              {target && (
                <Text size="sm">
                  {t('renovations.corrects')}{' '}
                  <Anchor component="button" type="button" size="sm" onClick={() => showStep(target.id)}>
                    {stepTitle(t, target)}
                  </Anchor>
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {t(step.step === 'correction' ? 'renovations.correctedByShown' : 'renovations.responsibleShown', { name: step.responsible })}
              </Text>
              {step.abilityLevel && <Text size="sm">{t('renovations.abilityShown', { level: levelLabel(t, step.abilityLevel) })}</Text>}
              {step.needs && <Text size="sm">{t('renovations.needsShown', { needs: step.needs })}</Text>}
              {step.acceptingBody && <Text size="sm">{t('renovations.acceptingBodyShown', { body: step.acceptingBody })}</Text>}
              {step.amountFen !== null && (
                <Text size="sm">
                  {t('renovations.paidShown', { amount: formatFen(step.amountFen), voucher: step.voucherNumber ?? '—' })}
                </Text>
              )}
              {step.score !== null && <Text size="sm">{t('renovations.scoreShown', { score: step.score })}</Text>}
              {step.reason && <Text size="sm">{t(remarksLabel, { text: step.reason })}</Text>}
              {step.note && (
                <Text size="sm" c="dimmed">
                  {t('renovations.noteShown', { note: step.note })}
                </Text>
              )}
              {correction && (
                <Text size="sm">
                  {t('renovations.correctedBy')}{' '}
                  <Anchor component="button" type="button" size="sm" onClick={() => showStep(correction.id)}>
                    {t('renovations.correctionOn', { date: correction.date })}
                  </Anchor>
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('renovations.recordedBy', { by: step.createdByName ?? '—', at: formatDateTime(step.createdAt, false) })}
              </Text>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
