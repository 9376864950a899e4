import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import type { InstitutionBedSlot } from '../../contract';
import { useT } from '../../i18n';
import { expandBedLabels, MAX_BEDS_AT_ONCE, type BedLabelsParse } from './bed-labels';

const FIELDS = ['room', 'labels', 'nursing'] as const;

/** 添加床位: a room and its bed numbers typed as "1-6" or "1,2,3", expanded and previewed as typed. */
export function AddBedsForm({ institutionId, onAdded }: { institutionId: string; onAdded(beds: InstitutionBedSlot[]): void }) {
  const { t } = useT();
  const [room, setRoom] = useState('');
  const [labelsText, setLabelsText] = useState('');
  const [nursing, setNursing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<{ room: string; count: number } | null>(null);
  const errors = useFormErrors(FIELDS);

  const parsed = expandBedLabels(labelsText);
  const problemText = (p: Exclude<BedLabelsParse, { ok: true }>) =>
    t(`instBed.labelsProblem.${p.problem}`, { max: MAX_BEDS_AT_ONCE, detail: p.detail ?? '' });
  const typed = labelsText.trim() !== '';
  const preview = parsed.ok
    ? t('instBed.labelsPreview', { count: parsed.labels.length, labels: parsed.labels.join('、') })
    : t('instBed.labelsHelp');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setAdded(null);
    errors.clear();
    const found: Partial<Record<(typeof FIELDS)[number], ReturnType<typeof clientError>>> = {};
    if (!room.trim()) found.room = clientError('REQUIRED', 'room');
    if (!typed) found.labels = clientError('REQUIRED', 'labels');
    errors.setFieldErrors(found);
    if (Object.keys(found).length || !parsed.ok) return;
    setSaving(true);
    try {
      const beds = await call('institutionBeds.add', { institutionId, room: room.trim(), labels: parsed.labels, nursing });
      setAdded({ room: room.trim(), count: beds.length });
      setLabelsText('');
      onAdded(beds);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" bg="white">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('instBed.addTitle')}>
        <Stack gap="sm">
          <Title order={5}>{t('instBed.addTitle')}</Title>
          <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
          {added && (
            <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setAdded(null)}>
              {t('instBed.added', added)}
            </Alert>
          )}
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label={t('instBed.room')}
              description={t('instBed.roomHelp')}
              value={room}
              onChange={(e) => {
                setRoom(e.currentTarget.value);
                errors.setFieldError('room', null);
              }}
              error={errors.errorFor('room')}
              labelProps={requiredLabel(true)}
              maxLength={20}
              w={160}
              autoComplete="off"
            />
            <TextInput
              label={t('instBed.labels')}
              description={preview}
              placeholder="1-6"
              value={labelsText}
              onChange={(e) => {
                setLabelsText(e.currentTarget.value);
                errors.setFieldError('labels', null);
              }}
              error={errors.errorFor('labels') ?? (typed && !parsed.ok ? problemText(parsed) : undefined)}
              labelProps={requiredLabel(true)}
              maxLength={300}
              style={{ flex: 1 }}
              autoComplete="off"
            />
          </Group>
          <Group justify="space-between">
            <Checkbox label={t('instBed.nursingAll')} checked={nursing} onChange={(e) => setNursing(e.currentTarget.checked)} />
            <Button type="submit" loading={saving}>
              {t('instBed.add')}
            </Button>
          </Group>
          {errors.byField.nursing && (
            <Text size="sm" c="red">
              {errors.errorFor('nursing')}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
