import { Alert, Button, FileButton, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ImportedBundle, ImportOutcome } from '../../contract';
import { useJob } from '../../hooks/useJob';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { readBase64 } from '../../read-file';
import { ImportedList } from './ImportedList';
import { baseName, importOrder, isBundleFileName, MAX_UPLOAD_BYTES, MAX_UPLOAD_MB } from './import-files';
import { OutcomeTable, type ImportItem } from './OutcomeTable';

/** An outcome for a file the main side never saw (or whose job failed), carrying the reason. */
function rejectedLocally(fileName: string, error: ImportOutcome['error']): ImportOutcome {
  return {
    fileName,
    outcome: 'rejected',
    damaged: false,
    countyCode: null,
    countyName: null,
    periodLabel: null,
    sequence: null,
    purpose: null,
    missingSequences: [],
    records: 0,
    error,
  };
}

/**
 * 导入报送包 (city): pick bundle files or a whole folder; each is sent on its own, verified and
 * imported by a job (a progress bar per file), and the summary says for each what happened. Below,
 * the bundles accepted so far.
 */
export function CityImportPage() {
  const { t, errorText } = useT();
  const can = useCan();
  const [items, setItems] = useState<ImportItem[]>([]);
  const [skipped, setSkipped] = useState(0);
  const [running, setRunning] = useState(false);
  const [imported, setImported] = useState<ImportedBundle[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const stop = useRef(false);
  const folderInput = useRef<HTMLInputElement>(null);
  // Emptied after each pick, so the same file can be picked again (a second try, a fresh copy).
  const resetPick = useRef<() => void>(null);
  const job = useJob<ImportOutcome>();

  const loadImported = useCallback(async () => {
    try {
      setImported(await call('cityBundles.list', {}));
      setListError(null);
    } catch (caught) {
      setListError(caught);
    }
  }, []);

  useEffect(() => {
    void loadImported();
  }, [loadImported]);

  // React has no prop for a folder picker: the attribute is set on the element itself.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, [can.edit]);

  const update = (key: string, patch: Partial<ImportItem>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const importFiles = async (picked: File[]) => {
    if (running || picked.length === 0) return;
    const bundles = importOrder(picked.filter((f) => isBundleFileName(f.name)));
    setSkipped(picked.length - bundles.length);
    const queue = bundles.map((file, i) => ({ file, key: `${Date.now()}-${i}`, fileName: baseName(file.name) }));
    setItems(queue.map((q) => ({ key: q.key, fileName: q.fileName, state: 'waiting', outcome: null, localProblem: null })));
    if (queue.length === 0) return;
    setRunning(true);
    stop.current = false;
    for (const { file, key, fileName } of queue) {
      if (stop.current) break;
      if (file.size > MAX_UPLOAD_BYTES) {
        update(key, { state: 'finished', outcome: rejectedLocally(fileName, null), localProblem: t('cityImport.tooLarge', { max: MAX_UPLOAD_MB }) });
        continue;
      }
      update(key, { state: 'running' });
      try {
        const contentBase64 = await readBase64(file);
        const end = await job.run(() => call('cityBundles.import', { fileName, contentBase64 }));
        if (end.state === 'done' && end.result) update(key, { state: 'finished', outcome: end.result });
        else if (end.state === 'cancelled') {
          stop.current = true;
          update(key, { state: 'finished', outcome: rejectedLocally(fileName, end.error), localProblem: t('cityImport.cancelledOne') });
        } else update(key, { state: 'finished', outcome: rejectedLocally(fileName, end.error) });
      } catch (caught) {
        update(key, { state: 'finished', outcome: rejectedLocally(fileName, null), localProblem: errorText(caught) });
      }
    }
    if (stop.current) {
      setItems((all) => all.map((i) => (i.state === 'waiting' ? { ...i, state: 'finished', outcome: rejectedLocally(i.fileName, null), localProblem: t('cityImport.notSent') } : i)));
    }
    job.reset();
    setRunning(false);
    void loadImported();
  };

  const cancel = async () => {
    stop.current = true;
    await job.cancel();
  };

  const done = items.filter((i) => i.state === 'finished');
  const count = (kind: ImportOutcome['outcome']) => done.filter((i) => i.outcome?.outcome === kind).length;
  const current = items.find((i) => i.state === 'running');

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.city-import')}</Title>
      <Text size="sm" c="dimmed">
        {t('cityImport.intro')}
      </Text>
      {can.edit && (
        <Paper withBorder p="md" radius="md" bg="white">
          <Group gap="sm">
            <FileButton
              onChange={(files) => {
                resetPick.current?.();
                void importFiles(files);
              }}
              resetRef={resetPick}
              accept=".wlb"
              multiple
              disabled={running}
            >
              {(buttonProps) => (
                <Button {...buttonProps} disabled={running}>
                  {t('cityImport.pickFiles')}
                </Button>
              )}
            </FileButton>
            <Button variant="default" onClick={() => folderInput.current?.click()} disabled={running}>
              {t('cityImport.pickFolder')}
            </Button>
            <input
              ref={folderInput}
              type="file"
              multiple
              hidden
              data-testid="folder-input"
              onChange={(e) => {
                const files = Array.from(e.currentTarget.files ?? []);
                e.currentTarget.value = '';
                void importFiles(files);
              }}
            />
            <Text size="xs" c="dimmed">
              {t('cityImport.pickHelp', { max: MAX_UPLOAD_MB })}
            </Text>
          </Group>
        </Paper>
      )}
      {(items.length > 0 || skipped > 0) && (
        <Stack gap="xs" component="section" aria-label={t('cityImport.summaryTitle')}>
          <Group justify="space-between" align="baseline">
            <Title order={4}>{t('cityImport.summaryTitle')}</Title>
            <Text size="sm" data-testid="import-totals">
              {running
                ? t('cityImport.progressCount', { done: done.length, total: items.length })
                : t('cityImport.totals', { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected') })}
            </Text>
          </Group>
          {skipped > 0 && (
            <Alert color="gray" variant="light">
              {t('cityImport.skipped', { count: skipped })}
            </Alert>
          )}
          <OutcomeTable items={items} job={job.job} jobTitle={current ? t('cityImport.jobTitle') : ''} onCancel={cancel} />
        </Stack>
      )}
      <Stack gap="xs" component="section" aria-label={t('cityImport.importedTitle')}>
        <Title order={4}>{t('cityImport.importedTitle')}</Title>
        <ErrorAlert error={listError} />
        {imported === null && !listError ? (
          <Group justify="center" py="md">
            <Loader size="sm" />
          </Group>
        ) : (
          imported && <ImportedList bundles={imported} />
        )}
      </Stack>
    </Stack>
  );
}
