import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionModal } from '../../components/ActionModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { requiredLabel } from '../../components/required-label';
import type { CountyKeyRow } from '../../contract';
import { useT } from '../../i18n';

/**
 * 吊销: asks for the reason and a second confirmation. Effective at once — bundles signed with the
 * key after now are refused; those signed before stay valid.
 */
export function RevokeModal(props: { keyRow: CountyKeyRow | null; onClose(): void; onRevoked(key: CountyKeyRow): void }) {
  const { t } = useT();
  return (
    <ActionModal opened={props.keyRow !== null} title={t('cityKeys.revokeTitle', { county: props.keyRow?.countyName ?? '' })} size={560} onClose={props.onClose}>
      {props.keyRow && <RevokeForm key={props.keyRow.id} keyRow={props.keyRow} onClose={props.onClose} onRevoked={props.onRevoked} />}
    </ActionModal>
  );
}

function RevokeForm(props: { keyRow: CountyKeyRow; onClose(): void; onRevoked(key: CountyKeyRow): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    if (!reason.trim()) return setMissing(true);
    if (!sure) return setSure(true);
    setBusy(true);
    setError(null);
    try {
      props.onRevoked(await call('cityKeys.revoke', { keyId: props.keyRow.id, reason: reason.trim() }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">{t('cityKeys.revokeHelp')}</Text>
      <Text size="sm" ff="monospace">
        {props.keyRow.fingerprint.digits}
      </Text>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Textarea
        label={t('cityKeys.revokeReason')}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setMissing(false);
          setSure(false);
        }}
        error={missing ? t('cityKeys.revokeReasonMissing') : undefined}
        labelProps={requiredLabel(true)}
        autosize
        minRows={2}
        maxLength={500}
        data-autofocus
      />
      {sure && (
        <Alert color="red" variant="light" role="alert">
          {t('cityKeys.revokeSure', { county: props.keyRow.countyName })}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void submit()} loading={busy}>
          {t(sure ? 'cityKeys.revokeConfirm' : 'cityKeys.revoke')}
        </Button>
      </Group>
    </Stack>
  );
}
