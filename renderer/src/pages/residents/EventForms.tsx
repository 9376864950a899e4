import { Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionFormShell, DateField, NoteField, useActionForm } from '../../components/action-form';
import { clientError } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { EXIT_REASONS, LEAVE_KINDS, localDate, type ExitReason, type LeaveKind, type LedgerError, type Resident } from '../../contract';
import { useT } from '../../i18n';
import { exitReasonLabel, leaveKindLabel, options } from '../institutions/welfare-labels';
import type { ActionProps } from './action-form';
import { useFreeBeds, useInstitutionChoices } from './pickers';
import { dateError } from './resident-values';

type Errors<F extends string> = Partial<Record<F, LedgerError>>;

/** The date's own check, shared by the event forms. */
function checkDate<F extends string>(date: string): Errors<F> {
  const problem = dateError(date, 'date', true);
  return problem ? ({ date: problem } as Errors<F>) : {};
}

const MOVE_FIELDS = ['date', 'institutionId', 'bedId', 'reason', 'note'] as const;

/** 调换床位/机构: another bed of the same home, or another home, from a date. */
export function MoveForm(props: ActionProps & { resident: Resident }) {
  const { t, errorText } = useT();
  const { resident } = props;
  const [date, setDate] = useState(localDate());
  const [institution, setInstitution] = useState<string | null>(resident.institutionId);
  const [bed, setBed] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const form = useActionForm(MOVE_FIELDS);
  const { errors } = form;
  const institutions = useInstitutionChoices(false);
  const beds = useFreeBeds(institution, date);
  const bedRequired = beds.registered > 0;

  const check = (): Errors<(typeof MOVE_FIELDS)[number]> => {
    const found = checkDate<(typeof MOVE_FIELDS)[number]>(date);
    if (!institution) found.institutionId = clientError('REQUIRED', 'institutionId');
    else if (bedRequired && !bed) found.bedId = clientError('BED_REQUIRED', 'bedId');
    return found;
  };
  const send = () =>
    call('residents.move', {
      id: resident.id,
      version: resident.version,
      date: date.trim(),
      institutionId: institution ?? '',
      bedId: bed,
      reason: reason.trim() || null,
      note: note.trim() || null,
    });

  return (
    <ActionFormShell form={form} onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)} submitLabel={t('resident.action.move')} onCancel={props.onCancel} onReload={props.onReload}>
      <Text size="sm" c="dimmed">
        {t('resident.nowAt', { place: [resident.institutionName, resident.bedLabel].filter(Boolean).join(' · ') })}
      </Text>
      <DateField
        label={t('resident.moveDate')}
        value={date}
        onChange={(v) => {
          setDate(v);
          errors.setFieldError('date', null);
          errors.setFieldError('bedId', null);
        }}
        error={errors.errorFor('date')}
        field="date"
      />
      <SimpleGrid cols={2}>
        <Select
          label={t('resident.newInstitution')}
          data={institutions.choices}
          value={institution}
          onChange={(v) => {
            setInstitution(v);
            setBed(null);
            errors.setFieldError('institutionId', null);
          }}
          error={errors.errorFor('institutionId')}
          searchable
          allowDeselect={false}
          labelProps={requiredLabel(true)}
          data-field="institutionId"
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('resident.newBed')}
          description={
            beds.loading ? t('common.loading') : !bedRequired ? t('resident.bedNoRegister') : t('resident.bedFreeOn', { count: beds.choices.length, date })
          }
          data={beds.choices}
          value={bed}
          onChange={(v) => {
            setBed(v);
            errors.setFieldError('bedId', null);
          }}
          error={errors.errorFor('bedId') ?? (beds.error ? errorText(beds.error) : undefined)}
          disabled={!bedRequired}
          searchable
          labelProps={requiredLabel(bedRequired)}
          data-field="bedId"
        />
      </SimpleGrid>
      <TextInput
        label={t('resident.moveReason')}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          errors.setFieldError('reason', null);
        }}
        error={errors.errorFor('reason')}
        maxLength={200}
        data-field="reason"
      />
      <NoteField value={note} onChange={setNote} error={errors.errorFor('note')} field="note" />
    </ActionFormShell>
  );
}

const LEAVE_FIELDS = ['date', 'leaveKind', 'note'] as const;

/** 暂时离院: hospital, a family visit…; the bed stays held until the return. */
export function LeaveForm(props: ActionProps & { resident: Resident }) {
  const { t } = useT();
  const [date, setDate] = useState(localDate());
  const [kind, setKind] = useState<LeaveKind | null>('hospital');
  const [note, setNote] = useState('');
  const form = useActionForm(LEAVE_FIELDS);
  const { errors } = form;
  const check = () => {
    const found = checkDate<(typeof LEAVE_FIELDS)[number]>(date);
    if (!kind) found.leaveKind = clientError('REQUIRED', 'leaveKind');
    return found;
  };
  const send = () =>
    call('residents.leave', {
      id: props.resident.id,
      version: props.resident.version,
      date: date.trim(),
      leaveKind: kind ?? 'other',
      note: note.trim() || null,
    });
  return (
    <ActionFormShell form={form} onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)} submitLabel={t('resident.action.leave')} onCancel={props.onCancel} onReload={props.onReload}>
      <Text size="sm" c="dimmed">
        {t('resident.leaveHelp')}
      </Text>
      <SimpleGrid cols={2}>
        <DateField
          label={t('resident.leaveDate')}
          value={date}
          onChange={(v) => {
            setDate(v);
            errors.setFieldError('date', null);
          }}
          error={errors.errorFor('date')}
          field="date"
        />
        <Select
          label={t('resident.leaveKind')}
          data={options(LEAVE_KINDS, (k) => leaveKindLabel(t, k))}
          value={kind}
          onChange={(v) => {
            setKind(v as LeaveKind | null);
            errors.setFieldError('leaveKind', null);
          }}
          error={errors.errorFor('leaveKind')}
          allowDeselect={false}
          labelProps={requiredLabel(true)}
          data-field="leaveKind"
        />
      </SimpleGrid>
      <NoteField value={note} onChange={setNote} error={errors.errorFor('note')} field="note" />
    </ActionFormShell>
  );
}

const RETURN_FIELDS = ['date', 'note'] as const;

/** 返院: back from a temporary leave, to the bed that was held. */
export function ReturnForm(props: ActionProps & { resident: Resident }) {
  const { t } = useT();
  const [date, setDate] = useState(localDate());
  const [note, setNote] = useState('');
  const form = useActionForm(RETURN_FIELDS);
  const { errors } = form;
  const send = () =>
    call('residents.return', { id: props.resident.id, version: props.resident.version, date: date.trim(), note: note.trim() || null });
  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(() => checkDate(date), send, props.onSaved)(e)}
      submitLabel={t('resident.action.return')}
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      {props.resident.leaveSince && (
        <Text size="sm" c="dimmed">
          {t('resident.onLeaveSince', { date: props.resident.leaveSince })}
        </Text>
      )}
      <DateField
        label={t('resident.returnDate')}
        value={date}
        onChange={(v) => {
          setDate(v);
          errors.setFieldError('date', null);
        }}
        error={errors.errorFor('date')}
        field="date"
      />
      <NoteField value={note} onChange={setNote} error={errors.errorFor('note')} field="note" />
    </ActionFormShell>
  );
}

const EXIT_FIELDS = ['date', 'exitReason', 'note'] as const;

/** 离院: the stay ends (death, regained support, age-out…); the bed is freed from that day. */
export function ExitForm(props: ActionProps & { resident: Resident }) {
  const { t } = useT();
  const [date, setDate] = useState(localDate());
  const [reason, setReason] = useState<ExitReason | null>(null);
  const [note, setNote] = useState('');
  const form = useActionForm(EXIT_FIELDS);
  const { errors } = form;
  const check = () => {
    const found = checkDate<(typeof EXIT_FIELDS)[number]>(date);
    if (!reason) found.exitReason = clientError('REQUIRED', 'exitReason');
    return found;
  };
  const send = () =>
    call('residents.exit', {
      id: props.resident.id,
      version: props.resident.version,
      date: date.trim(),
      exitReason: reason ?? 'voluntary',
      note: note.trim() || null,
    });
  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)}
      submitLabel={t('resident.action.exit')}
      submitColor="red"
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      <Stack gap="sm">
        <SimpleGrid cols={2}>
          <DateField
            label={t('resident.exitDate')}
            value={date}
            onChange={(v) => {
              setDate(v);
              errors.setFieldError('date', null);
            }}
            error={errors.errorFor('date')}
            field="date"
          />
          <Select
            label={t('resident.exitReason')}
            data={options(EXIT_REASONS, (r) => exitReasonLabel(t, r))}
            value={reason}
            onChange={(v) => {
              setReason(v as ExitReason | null);
              errors.setFieldError('exitReason', null);
            }}
            error={errors.errorFor('exitReason')}
            placeholder={t('resident.exitReasonPlaceholder')}
            allowDeselect={false}
            labelProps={requiredLabel(true)}
            data-field="exitReason"
          />
        </SimpleGrid>
        <NoteField value={note} onChange={setNote} error={errors.errorFor('note')} field="note" />
      </Stack>
    </ActionFormShell>
  );
}
