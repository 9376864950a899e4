import { Text } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { ActionFormShell, useActionForm } from '../../components/action-form';
import { clientError } from '../../components/form-errors';
import { normalisePhone, type LedgerError, type Resident } from '../../contract';
import { useT } from '../../i18n';
import type { ActionProps } from './action-form';
import { DetailsFields } from './DetailsFields';
import { DETAIL_KEYS, checkDetails, detailsFromResident, toDetailsInput, type DetailKey, type DetailsValues } from './resident-values';

const FIELDS = DETAIL_KEYS.map((k) => `details.${k}` as const);
type Field = (typeof FIELDS)[number];

/** 编辑登记信息: category, support form and contacts; where and when someone lived changes only by events. */
export function DetailsForm(props: ActionProps & { resident: Resident }) {
  const { t } = useT();
  const [values, setValues] = useState<DetailsValues>(() => detailsFromResident(props.resident));
  const form = useActionForm(FIELDS);
  const { errors } = form;
  const set = <K extends DetailKey>(key: K, value: DetailsValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.setFieldError(`details.${key}`, null);
  };
  const check = () => checkDetails(values, 'details') as Partial<Record<Field, LedgerError>>;
  const send = () => call('residents.update', { id: props.resident.id, version: props.resident.version, details: toDetailsInput(values) });

  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)}
      submitLabel={t('common.save')}
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      <Text size="sm" c="dimmed">
        {t('resident.detailsHelp')}
      </Text>
      <DetailsFields
        values={values}
        set={set}
        errorFor={(k) => errors.errorFor(`details.${k}`)}
        prefix="details"
        onPhoneBlur={() => {
          if (!values.guardianPhone.trim()) return;
          const normal = normalisePhone(values.guardianPhone);
          if (normal) set('guardianPhone', normal);
          else errors.setFieldError('details.guardianPhone', clientError('PHONE_INVALID', 'details.guardianPhone'));
        }}
      />
    </ActionFormShell>
  );
}
