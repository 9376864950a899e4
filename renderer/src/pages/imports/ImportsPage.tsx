import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import type { JobStatus } from '../../contract';
import { base64Blob, downloadBlob } from '../../download';
import { useActions } from '../../hooks/useActions';
import { useJob } from '../../hooks/useJob';
import { useT } from '../../i18n';
import { readBase64 } from '../../read-file';
import { FileStep } from './FileStep';
import { completeMapping, mappingKey, unmappedRequired } from './import-mapping';
import { MAX_IMPORT_BYTES, MAX_IMPORT_MB, type ImportFileInfo, type ImportMapping, type ImportRegisterInfo, type ImportRegisterName, type ImportReport, type ImportUndone } from './import-types';
import { ImportHistory } from './ImportHistory';
import { ImportResult } from './ImportResult';
import { MappingTable } from './MappingTable';
import { RegisterStep } from './RegisterStep';
import { ReportPanel } from './ReportPanel';
import { UndoImportModal, type UndoTarget } from './UndoImportModal';
import { useImportHistory } from './useImportHistory';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A numbered step of the page. */
function Step(props: { n: number; title: string; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={props.label}>
      <Stack gap="sm">
        <Title order={5}>
          {props.n}. {props.title}
        </Title>
        {props.children}
      </Stack>
    </Paper>
  );
}

/**
 * 导入数据: bring an office's existing Excel/CSV 台账 into a register. Choose the register (and
 * get its template), choose the file, confirm which file column feeds which field, 检查 (a job:
 * nothing is written) to see every problem by row and column, then 确认导入 (a job: the valid
 * rows, or nothing when all-or-nothing was chosen and a row is in error). Below, 导入记录: the
 * committed imports, each one undoable as a whole.
 */
export function ImportsPage() {
  const { t, locale } = useT();
  const [registers, setRegisters] = useState<ImportRegisterInfo[] | null>(null);
  const [registersError, setRegistersError] = useState<unknown>(null);
  const [registerName, setRegisterName] = useState<ImportRegisterName>('people');
  const [file, setFile] = useState<ImportFileInfo | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [reportMapping, setReportMapping] = useState('');
  const [result, setResult] = useState<ImportReport | null>(null);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [jobTitle, setJobTitle] = useState('');
  const [jobError, setJobError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const errorRows = useActions();
  const job = useJob<ImportReport>();
  const running = job.job !== null;
  // The picked file itself: choosing another register opens it again for that register.
  const picked = useRef<File | null>(null);
  const openSeq = useRef(0);
  const resultRef = useRef<HTMLDivElement>(null);
  const history = useImportHistory();
  const historyRef = useRef<HTMLElement>(null);
  const [undoTarget, setUndoTarget] = useState<UndoTarget | null>(null);
  const [undoNotice, setUndoNotice] = useState<string | null>(null);

  // The outcome replaces the long mapping table: bring it into view.
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);

  useEffect(() => {
    let live = true;
    call('imports.registers', { locale }).then(
      (list) => {
        if (!live) return;
        setRegisters(list);
        setRegistersError(null);
      },
      (caught: unknown) => live && setRegistersError(caught),
    );
    return () => {
      live = false;
    };
  }, [locale]);

  const register = registers?.find((r) => r.name === registerName);
  const columns = register?.columns ?? [];

  const clearOutcome = () => {
    setReport(null);
    setResult(null);
    setJobError(null);
    setCancelled(false);
  };

  const openFile = async (source: File, name: ImportRegisterName) => {
    const mine = ++openSeq.current;
    clearOutcome();
    setOpenError(null);
    setFile(null);
    setTooLarge(source.size > MAX_IMPORT_BYTES);
    if (source.size > MAX_IMPORT_BYTES) return;
    setOpening(true);
    try {
      const contentBase64 = await readBase64(source);
      const info = await call('imports.open', { register: name, fileName: source.name, contentBase64 });
      if (mine !== openSeq.current) return;
      setFile(info);
      setMapping(info.mapping);
    } catch (caught) {
      if (mine === openSeq.current) setOpenError(caught);
    } finally {
      if (mine === openSeq.current) setOpening(false);
    }
  };

  const pickFile = (source: File) => {
    picked.current = source;
    void openFile(source, registerName);
  };

  const chooseRegister = (name: ImportRegisterName) => {
    setRegisterName(name);
    setAllOrNothing(false);
    if (picked.current) void openFile(picked.current, name);
    else clearOutcome();
  };

  const startOver = () => {
    openSeq.current++;
    picked.current = null;
    setFile(null);
    setMapping({});
    setOpenError(null);
    setTooLarge(false);
    setOpening(false);
    setAllOrNothing(false);
    clearOutcome();
  };

  const runJob = async (title: string, start: () => Promise<JobStatus<ImportReport>>): Promise<ImportReport | null> => {
    setJobError(null);
    setCancelled(false);
    setJobTitle(title);
    try {
      const end = await job.run(start);
      if (end.state === 'done' && end.result) return end.result;
      if (end.state === 'cancelled') setCancelled(true);
      else if (end.error) setJobError(end.error);
      return null;
    } catch (caught) {
      setJobError(caught);
      return null;
    } finally {
      job.reset();
    }
  };

  const sentMapping = completeMapping(columns, mapping);

  const check = async () => {
    if (!file) return;
    const used = mappingKey(sentMapping);
    setResult(null);
    const checked = await runJob(t('imports.checking', { file: file.fileName }), () => call('imports.preview', { token: file.token, mapping: sentMapping, locale }));
    if (checked) {
      setReport(checked);
      setReportMapping(used);
    }
  };

  const commit = async () => {
    if (!file) return;
    const done = await runJob(t('imports.importing', { file: file.fileName }), () =>
      call('imports.commit', { token: file.token, mapping: sentMapping, allOrNothing, locale }),
    );
    if (done) {
      setResult(done);
      setReport(null);
      // The new import goes on top of the history.
      if (done.committed) void history.reload();
    }
  };

  const undone = (done: ImportUndone) => {
    setUndoTarget(null);
    setUndoNotice(t('imports.undoneNotice', { deleted: done.deleted, restored: done.restored }));
    void history.reload();
  };

  // The result panel's 撤销这次导入: the same undo as the history row's, the history brought into view.
  const resultId = result?.committed ? result.importId : null;
  const undoResult =
    result && resultId
      ? () => {
          setUndoNotice(null);
          setUndoTarget({ id: resultId, fileName: result.fileName, create: result.counts.create, update: result.counts.update });
          historyRef.current?.scrollIntoView({ block: 'start' });
        }
      : null;
  const resultUndone = resultId !== null && (history.rows ?? []).some((run) => run.id === resultId && run.undoneAt !== null);

  const downloadErrors = () => {
    if (!file) return;
    void errorRows.run('run', async () => {
      const rows = await call('imports.errorRows', { token: file.token, locale });
      downloadBlob(rows.fileName, base64Blob(rows.contentBase64, XLSX_TYPE));
    });
  };

  const missing = unmappedRequired(columns, mapping);
  const stale = report !== null && reportMapping !== mappingKey(sentMapping);

  if (registers === null) {
    return (
      <Stack gap="md">
        <Title order={3}>{t('nav.imports')}</Title>
        {registersError ? <ErrorAlert error={registersError} /> : <Loader size="sm" />}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.imports')}</Title>
      <Text size="sm" c="dimmed">
        {t('imports.intro')}
      </Text>
      <Step n={1} title={t('imports.step.register')} label={t('imports.step.register')}>
        <RegisterStep registers={registers} value={registerName} onChange={chooseRegister} disabled={running || opening} />
      </Step>
      <Step n={2} title={t('imports.step.file')} label={t('imports.step.file')}>
        <FileStep file={file} opening={opening} disabled={running} onPick={pickFile} />
        <ErrorAlert error={openError} title={t('imports.openFailed')} onClose={() => setOpenError(null)} />
        {tooLarge && (
          <Alert color="red" variant="light" role="alert" title={t('imports.openFailed')}>
            {t('imports.tooLarge', { max: MAX_IMPORT_MB })}
          </Alert>
        )}
      </Step>
      {file && !result && (
        <Step n={3} title={t('imports.step.mapping')} label={t('imports.step.mapping')}>
          <MappingTable
            columns={columns}
            file={file}
            mapping={mapping}
            disabled={running}
            onChange={(key, index) => setMapping((m) => ({ ...m, [key]: index }))}
          />
        </Step>
      )}
      {file && !result && (
        <Step n={4} title={t('imports.step.check')} label={t('imports.step.check')}>
          <Group gap="sm">
            <Button variant={report && !stale ? 'default' : 'filled'} onClick={() => void check()} disabled={running || missing.length > 0}>
              {report ? t('imports.checkAgain') : t('imports.check')}
            </Button>
            <Text size="xs" c="dimmed">
              {missing.length > 0 ? t('imports.mapFirst') : t('imports.checkHelp')}
            </Text>
          </Group>
          {job.job && <JobProgress job={job.job} title={jobTitle} onCancel={job.cancel} />}
          {cancelled && (
            <Alert color="gray" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setCancelled(false)}>
              {t('imports.cancelled')}
            </Alert>
          )}
          <ErrorAlert error={jobError} title={t('imports.failedTitle')} onClose={() => setJobError(null)} />
          {report && (
            <ReportPanel
              key={`${report.sha256}-${reportMapping}-${report.issues.length}`}
              report={report}
              stale={stale}
              busy={running}
              allOrNothing={allOrNothing}
              onAllOrNothing={setAllOrNothing}
              onCommit={() => void commit()}
              onDownloadErrors={downloadErrors}
              downloadingErrors={errorRows.busy !== null}
            />
          )}
          <ErrorAlert error={errorRows.error} title={t('imports.errorRowsFailed')} onClose={errorRows.clearError} />
        </Step>
      )}
      {result && (
        <Stack gap="xs" ref={resultRef}>
          <ImportResult
            report={result}
            register={register}
            onDownloadErrors={downloadErrors}
            downloadingErrors={errorRows.busy !== null}
            onAnother={startOver}
            onUndo={undoResult}
            undone={resultUndone}
          />
          <ErrorAlert error={errorRows.error} title={t('imports.errorRowsFailed')} onClose={errorRows.clearError} />
        </Stack>
      )}
      <Paper withBorder p="md" radius="md" bg="white" component="section" aria-label={t('imports.historyTitle')} ref={historyRef}>
        <Stack gap="sm">
          <Title order={5}>{t('imports.historyTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('imports.historyHelp')}
          </Text>
          {undoNotice && (
            <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setUndoNotice(null)} data-testid="undo-notice">
              {undoNotice}
            </Alert>
          )}
          <ImportHistory
            rows={history.rows}
            error={history.error}
            registers={registers}
            busy={running}
            onUndo={(run) => {
              setUndoNotice(null);
              setUndoTarget({ id: run.id, fileName: run.fileName, create: run.counts.create, update: run.counts.update });
            }}
          />
        </Stack>
      </Paper>
      <UndoImportModal target={undoTarget} onClose={() => setUndoTarget(null)} onUndone={undone} onReload={() => void history.reload()} />
    </Stack>
  );
}
