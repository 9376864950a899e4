import { SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionFormShell, DateField, useActionForm } from '../../components/action-form';
import { clientError } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { GBT_LEVELS, localDate, type AssessmentMethod, type LedgerError, type Resident, type SelfCareTask } from '../../contract';
import { useT } from '../../i18n';
import { gbtLevelLabel, methodLabel } from '../institutions/welfare-labels';
import type { ActionProps } from './action-form';
import { dateError } from './resident-values';
import { SixTaskFields } from './SixTaskFields';

const FIELDS = [
  'assessment.method',
  'assessment.assessedOn',
  'assessment.assessor',
  'assessment.failedTasks',
  'assessment.gbtLevel',
  'assessment.note',
] as const;
type Field = (typeof FIELDS)[number];

/** 能力评估: a new six-task rating, or the GB/T 42195 level, dated, with its assessor. */
export function AssessForm(props: ActionProps & { resident: Resident }) {
  const { t } = useT();
  const [method, setMethod] = useState<AssessmentMethod>('six_task');
  const [assessedOn, setAssessedOn] = useState(localDate());
  const [assessor, setAssessor] = useState('');
  const [failedTasks, setFailedTasks] = useState<SelfCareTask[]>([]);
  const [gbtLevel, setGbtLevel] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const form = useActionForm(FIELDS);
  const { errors } = form;

  const check = () => {
    const found: Partial<Record<Field, LedgerError>> = {};
    const date = dateError(assessedOn, 'assessment.assessedOn', true);
    if (date) found['assessment.assessedOn'] = date;
    if (!assessor.trim()) found['assessment.assessor'] = clientError('REQUIRED', 'assessment.assessor');
    if (method === 'gbt42195' && gbtLevel === null) found['assessment.gbtLevel'] = clientError('REQUIRED', 'assessment.gbtLevel');
    return found;
  };
  const send = () => {
    const common = { assessedOn: assessedOn.trim(), assessor: assessor.trim(), note: note.trim() || null };
    return call('residents.assess', {
      id: props.resident.id,
      version: props.resident.version,
      assessment:
        method === 'six_task'
          ? { method: 'six_task', ...common, failedTasks }
          : { method: 'gbt42195', ...common, gbtLevel: Number(gbtLevel ?? 0) },
    });
  };

  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)}
      submitLabel={t('resident.saveAssessment')}
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      <Stack gap="sm">
        <SegmentedControl
          value={method}
          onChange={(v) => setMethod(v as AssessmentMethod)}
          data={[
            { value: 'six_task', label: methodLabel(t, 'six_task') },
            { value: 'gbt42195', label: methodLabel(t, 'gbt42195') },
          ]}
          w="fit-content"
        />
        {method === 'six_task' ? (
          <SixTaskFields
            value={failedTasks}
            onChange={(v) => {
              setFailedTasks(v);
              errors.setFieldError('assessment.failedTasks', null);
            }}
            error={errors.errorFor('assessment.failedTasks')}
            field="assessment.failedTasks"
          />
        ) : (
          <Select
            label={t('resident.gbtLevel')}
            description={t('resident.gbtLevelHelp')}
            data={GBT_LEVELS.map((l) => ({ value: String(l), label: gbtLevelLabel(t, l) }))}
            value={gbtLevel}
            onChange={(v) => {
              setGbtLevel(v);
              errors.setFieldError('assessment.gbtLevel', null);
            }}
            error={errors.errorFor('assessment.gbtLevel')}
            allowDeselect={false}
            labelProps={requiredLabel(true)}
            data-field="assessment.gbtLevel"
          />
        )}
        <SimpleGrid cols={2}>
          <DateField
            label={t('resident.assessedOn')}
            value={assessedOn}
            onChange={(v) => {
              setAssessedOn(v);
              errors.setFieldError('assessment.assessedOn', null);
            }}
            error={errors.errorFor('assessment.assessedOn')}
            field="assessment.assessedOn"
          />
          <TextInput
            label={t('resident.assessor')}
            value={assessor}
            onChange={(e) => {
              setAssessor(e.currentTarget.value);
              errors.setFieldError('assessment.assessor', null);
            }}
            error={errors.errorFor('assessment.assessor')}
            labelProps={requiredLabel(true)}
            maxLength={50}
            data-field="assessment.assessor"
          />
        </SimpleGrid>
        <TextInput
          label={t('resident.assessmentNote')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.errorFor('assessment.note')}
          maxLength={500}
          data-field="assessment.note"
        />
      </Stack>
    </ActionFormShell>
  );
}
