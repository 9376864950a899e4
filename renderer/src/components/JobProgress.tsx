import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { JobStatus } from '../contract';
import { useT, type MessageKey } from '../i18n';

/** The phases the main side reports; any other shows as "working". */
export const JOB_PHASES = [
  'queued',
  'reading',
  'snapshot',
  'compressing',
  'encrypting',
  'signing',
  'writing',
  'verifying',
  'checking',
  'decrypting',
  'importing',
  'saving',
] as const;

export function jobPhaseKey(phase: string): MessageKey {
  return (JOB_PHASES as readonly string[]).includes(phase) ? (`job.phase.${phase}` as MessageKey) : 'job.phase.working';
}

/** 0–100 when the phase has a known size, null while it has none (the bar then runs striped). */
export function jobPercent(job: Pick<JobStatus, 'done' | 'total'>): number | null {
  if (job.total <= 0) return null;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

/**
 * A running job's progress bar: what it is doing now in plain words, how far, and 取消. Shown
 * while the job runs; the page shows the outcome itself.
 */
export function JobProgress(props: { job: JobStatus | null; title: string; onCancel?: () => Promise<void> }) {
  const { t, errorText } = useT();
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const { job } = props;
  if (!job || job.state !== 'running') return null;
  const percent = jobPercent(job);

  const cancel = async () => {
    if (!props.onCancel) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await props.onCancel();
    } catch (caught) {
      setCancelError(caught);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <Stack gap={6} role="status" aria-live="polite" data-testid="job-progress">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        <Text size="sm" c="dimmed" className="money" data-testid="job-phase">
          {t(jobPhaseKey(job.phase))}
          {percent !== null && ` · ${percent}%`}
        </Text>
      </Group>
      <Progress
        value={percent ?? 100}
        striped={percent === null}
        animated={percent === null}
        size="lg"
        aria-label={props.title}
        transitionDuration={200}
      />
      {props.onCancel && (
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={() => void cancel()} loading={cancelling}>
            {t('job.cancel')}
          </Button>
        </Group>
      )}
      {cancelError !== null && (
        <Text size="xs" c="red.8">
          {errorText(cancelError)}
        </Text>
      )}
    </Stack>
  );
}
