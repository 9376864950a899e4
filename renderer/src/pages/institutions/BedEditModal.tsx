import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { isRealDate, pastDateProblem, type InstitutionBedSlot } from '../../contract';
import { useT } from '../../i18n';
import { useLockAwareOverlay } from '../../session/session-context';

const FIELDS = ['bed.room', 'bed.label', 'bed.nursing', 'bed.retiredOn'] as const;
type Field = (typeof FIELDS)[number];

/** 修改床位: rename, re-mark as nursing, or retire (停用) one bed of the register. */
export function BedEditModal({ bed, onClose, onSaved }: { bed: InstitutionBedSlot | null; onClose(): void; onSaved(bed: InstitutionBedSlot): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(bed !== null);
  return (
    // Opened from the institution drawer (z-index 200): it must sit above it, unlike the app's other dialogs (90).
    <Modal
      {...overlay}
      zIndex={300}
      onClose={onClose}
      title={<Text fw={700}>{t('instBed.editTitle')}</Text>}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {bed && <BedEditForm key={`${bed.id}-${bed.version}`} bed={bed} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function BedEditForm({ bed, onClose, onSaved }: { bed: InstitutionBedSlot; onClose(): void; onSaved(bed: InstitutionBedSlot): void }) {
  const { t } = useT();
  const [room, setRoom] = useState(bed.room);
  const [label, setLabel] = useState(bed.label);
  const [nursing, setNursing] = useState(bed.nursing);
  const [retiredOn, setRetiredOn] = useState(bed.retiredOn ?? '');
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(FIELDS);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.clear();
    const found: Partial<Record<Field, ReturnType<typeof clientError>>> = {};
    if (!room.trim()) found['bed.room'] = clientError('REQUIRED', 'bed.room');
    if (!label.trim()) found['bed.label'] = clientError('REQUIRED', 'bed.label');
    const retired = retiredOn.trim();
    if (retired) {
      const problem = isRealDate(retired) ? pastDateProblem(retired) : 'DATE_INVALID';
      if (problem) found['bed.retiredOn'] = clientError(problem, 'bed.retiredOn');
    }
    errors.setFieldErrors(found);
    if (Object.keys(found).length) return;
    setSaving(true);
    try {
      const saved = await call('institutionBeds.update', {
        id: bed.id,
        version: bed.version,
        bed: { room: room.trim(), label: label.trim(), nursing, retiredOn: retired || null },
      });
      onSaved(saved);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
        {bed.occupant && (
          <Text size="sm" c="dimmed">
            {t('instBed.heldBy', { name: bed.occupant.name, since: bed.occupant.since })}
          </Text>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            label={t('instBed.room')}
            value={room}
            onChange={(e) => {
              setRoom(e.currentTarget.value);
              errors.setFieldError('bed.room', null);
            }}
            error={errors.errorFor('bed.room')}
            labelProps={requiredLabel(true)}
            maxLength={20}
            data-autofocus
          />
          <TextInput
            label={t('instBed.label')}
            value={label}
            onChange={(e) => {
              setLabel(e.currentTarget.value);
              errors.setFieldError('bed.label', null);
            }}
            error={errors.errorFor('bed.label')}
            labelProps={requiredLabel(true)}
            maxLength={20}
          />
        </SimpleGrid>
        <Checkbox label={t('instBed.nursing')} checked={nursing} onChange={(e) => setNursing(e.currentTarget.checked)} />
        <TextInput
          label={t('instBed.retiredOn')}
          description={t('instBed.retiredHelp')}
          placeholder="YYYY-MM-DD"
          value={retiredOn}
          onChange={(e) => {
            setRetiredOn(e.currentTarget.value);
            errors.setFieldError('bed.retiredOn', null);
          }}
          error={errors.errorFor('bed.retiredOn')}
          maxLength={10}
          w={220}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
