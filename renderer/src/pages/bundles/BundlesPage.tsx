import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { localDate, type BundleExportRow, type BundlePreview, type JobStatus } from '../../contract';
import { useJob } from '../../hooks/useJob';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { periodText } from './bundle-labels';
import { ExportResult } from './ExportResult';
import { HistoryTable } from './HistoryTable';
import { PeriodPicker } from './PeriodPicker';
import { defaultPeriod } from './periods';
import { PreviewPanel } from './PreviewPanel';

/**
 * 报送包 (county): choose an ended period, preview what its bundle carries, write it (a job with a
 * progress bar), save the file for the city; below, every bundle released so far.
 */
export function BundlesPage() {
  const { t } = useT();
  const can = useCan();
  const [period, setPeriod] = useState(() => defaultPeriod(localDate()));
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [history, setHistory] = useState<BundleExportRow[] | null>(null);
  const [historyError, setHistoryError] = useState<unknown>(null);
  const [result, setResult] = useState<BundleExportRow | null>(null);
  const [jobError, setJobError] = useState<unknown>(null);
  const [jobTitle, setJobTitle] = useState('');
  const [cancelled, setCancelled] = useState(false);
  const [confirmReexport, setConfirmReexport] = useState<number | null>(null);
  const job = useJob<BundleExportRow>();
  const running = job.job?.state === 'running';
  const previewSeq = useRef(0);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await call('bundles.history', {}));
      setHistoryError(null);
    } catch (caught) {
      setHistoryError(caught);
    }
  }, []);

  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  const loadPreview = useCallback(async (label: string) => {
    const mine = ++previewSeq.current;
    setPreviewing(true);
    setPreviewError(null);
    try {
      const loaded = await call('bundles.preview', { period: label });
      if (mine === previewSeq.current) setPreview(loaded);
    } catch (caught) {
      if (mine === previewSeq.current) setPreviewError(caught);
    } finally {
      if (mine === previewSeq.current) setPreviewing(false);
    }
  }, []);

  const choosePeriod = (label: string) => {
    previewSeq.current++;
    setPeriod(label);
    setPreview(null);
    setPreviewError(null);
    setPreviewing(false);
  };

  const runJob = async (title: string, start: () => Promise<JobStatus<BundleExportRow>>) => {
    setResult(null);
    setJobError(null);
    setCancelled(false);
    setJobTitle(title);
    try {
      const end = await job.run(start);
      if (end.state === 'done' && end.result) {
        setResult(end.result);
        return true;
      }
      if (end.state === 'cancelled') setCancelled(true);
      else if (end.error) setJobError(end.error);
      return false;
    } catch (caught) {
      setJobError(caught);
      return false;
    } finally {
      job.reset();
      void loadHistory();
    }
  };

  const exportPeriod = async (reason: string | null) => {
    const label = preview?.period.label ?? period;
    const done = await runJob(t('bundles.exporting', { period: periodText(t, label) }), () =>
      call('bundles.export', { period: label, correction: reason === null ? null : { reason } }),
    );
    // Written: the result takes the preview's place (previewing again shows the period as sent).
    if (done) setPreview(null);
    else void loadPreview(label);
  };

  const reexport = async (sequence: number) => {
    setConfirmReexport(null);
    await runJob(t('bundles.reexporting', { sequence }), () => call('bundles.reexport', { sequence }));
    setPreview(null);
  };

  const shownPreview = preview && preview.period.label === period ? preview : null;
  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.bundles')}</Title>
      <Text size="sm" c="dimmed">
        {t('bundles.intro')}
      </Text>
      {can.edit && (
        <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('bundles.makeTitle')}>
          <Stack gap="sm">
            <Title order={5}>{t('bundles.makeTitle')}</Title>
            <Group align="flex-end" gap="md">
              <PeriodPicker value={period} onChange={choosePeriod} disabled={running} />
              <Button variant={shownPreview ? 'default' : 'filled'} onClick={() => void loadPreview(period)} loading={previewing} disabled={running}>
                {t('bundles.preview')}
              </Button>
            </Group>
            <ErrorAlert error={previewError} onClose={() => setPreviewError(null)} />
          </Stack>
        </Paper>
      )}
      {job.job && (
        <Paper withBorder p="md" radius="md" bg="white">
          <JobProgress job={job.job} title={jobTitle} onCancel={job.cancel} />
        </Paper>
      )}
      {result && <ExportResult row={result} onClose={() => setResult(null)} />}
      {cancelled && (
        <Alert color="gray" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCancelled(false)}>
          {t('bundles.cancelled')}
        </Alert>
      )}
      <ErrorAlert error={jobError} title={t('bundles.failedTitle')} onClose={() => setJobError(null)} />
      {shownPreview && <PreviewPanel key={`${shownPreview.period.label}-${shownPreview.nextSequence}`} preview={shownPreview} busy={running} onExport={(reason) => void exportPeriod(reason)} />}
      <Stack gap="xs" component="section" aria-label={t('bundles.historyTitle')}>
        <Title order={4}>{t('bundles.historyTitle')}</Title>
        <ErrorAlert error={historyError} />
        {history === null && !historyError ? (
          <Group justify="center" py="md">
            <Loader size="sm" />
          </Group>
        ) : (
          history && <HistoryTable rows={history} busy={running} onReexport={setConfirmReexport} />
        )}
      </Stack>
      <ConfirmModal
        opened={confirmReexport !== null}
        title={t('bundles.reexportTitle', { sequence: confirmReexport ?? 0 })}
        confirmLabel={t('bundles.reexport')}
        onCancel={() => setConfirmReexport(null)}
        onConfirm={() => confirmReexport !== null && void reexport(confirmReexport)}
      >
        {t('bundles.reexportText', { sequence: confirmReexport ?? 0 })}
      </ConfirmModal>
    </Stack>
  );
}
