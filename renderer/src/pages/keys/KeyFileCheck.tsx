import { Alert, Button, Checkbox, FileButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FingerprintView } from '../../components/FingerprintView';
import { SummaryItem } from '../../components/SummaryItem';
import type { KeyFileInfo } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { readKeyFile } from './key-files';

/**
 * Taking in a key file from the other office: pick the file, see whose key it is and its
 * fingerprint, compare the fingerprint with the other office by phone, tick the box, then confirm.
 * `onConfirm` gets the file's text and the hex of the fingerprint that was on screen; its refusal
 * shows here and the file stays picked.
 *
 * A rotation statement (`kind` 'key-rotation') is signed by both keys: no phone check is asked,
 * the new key's fingerprint is shown for the record.
 */
export function KeyFileCheck(props: {
  kind: KeyFileInfo['kind'];
  confirmLabel: string;
  onConfirm(content: string, confirmedFingerprint: string): Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useT();
  const [picked, setPicked] = useState<{ name: string; content: string; info: KeyFileInfo } | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const needsPhoneCheck = props.kind !== 'key-rotation';
  // Emptied after each pick, so the same file can be picked again after a refusal.
  const resetPick = useRef<() => void>(null);

  const pick = async (file: File | null) => {
    setPicked(null);
    setChecked(false);
    setError(null);
    setFileProblem(null);
    if (!file) return;
    const content = await readKeyFile(file);
    if (content === null) return setFileProblem(t('keyFile.notAKeyFile', { name: file.name }));
    setBusy(true);
    try {
      const info = await call('keys.inspectFile', { content });
      if (info.kind !== props.kind) setFileProblem(t('keyFile.wrongKind', { name: file.name, kind: t(`keyFile.kind.${info.kind}`), expected: t(`keyFile.kind.${props.kind}`) }));
      else setPicked({ name: file.name, content, info });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!picked || (needsPhoneCheck && !checked)) return;
    setBusy(true);
    setError(null);
    try {
      const fingerprint = picked.info.newFingerprint ?? picked.info.fingerprint;
      await props.onConfirm(picked.content, fingerprint.hex);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const info = picked?.info;
  const other = info ? (info.office ?? info.name) : '';
  return (
    <Stack gap="sm" data-testid="key-file-check">
      <Group gap="sm" wrap="nowrap">
        <FileButton
          onChange={(file) => {
            resetPick.current?.();
            void pick(file);
          }}
          resetRef={resetPick}
          accept=".json,application/json,text/plain"
          disabled={busy}
        >
          {(buttonProps) => (
            <Button variant="default" {...buttonProps} loading={busy && !picked}>
              {t('keyFile.choose')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c={picked ? undefined : 'dimmed'} truncate data-testid="key-file-name">
          {picked ? picked.name : t(`keyFile.chooseHelp.${props.kind}`)}
        </Text>
      </Group>
      {fileProblem && (
        <Alert color="red" variant="light" role="alert">
          {fileProblem}
        </Alert>
      )}
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {info && (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <SummaryItem label={t(info.kind === 'city-key' ? 'keyFile.city' : 'keyFile.county')}>
              {info.name}（{info.code}）
            </SummaryItem>
            <SummaryItem label={t('keyFile.office')}>{info.office}</SummaryItem>
            <SummaryItem label={t(info.kind === 'key-rotation' ? 'keyFile.rotatedAt' : 'keyFile.createdAt')}>{formatDateTime(info.createdAt, false)}</SummaryItem>
          </SimpleGrid>
          {info.kind === 'key-rotation' ? (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
              <FingerprintView fingerprint={info.fingerprint} label={t('keyFile.oldKey')} compact testId="fingerprint-old" />
              {info.newFingerprint && <FingerprintView fingerprint={info.newFingerprint} label={t('keyFile.newKey')} compact testId="fingerprint-new" />}
            </SimpleGrid>
          ) : (
            <FingerprintView fingerprint={info.fingerprint} />
          )}
          {needsPhoneCheck ? (
            <>
              <Text size="sm">{t('keyFile.phoneHelp', { other })}</Text>
              <Checkbox
                label={t('keyFile.phoneChecked', { other })}
                checked={checked}
                onChange={(e) => setChecked(e.currentTarget.checked)}
              />
            </>
          ) : (
            <Text size="sm">{t('keyFile.rotationHelp')}</Text>
          )}
          <Group justify="flex-end">
            {props.onCancel && (
              <Button variant="default" onClick={props.onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            <Button onClick={() => void confirm()} disabled={needsPhoneCheck && !checked} loading={busy}>
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
      {!info && props.onCancel && (
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
