import { Alert, Tabs } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { RecordLoadState } from '../../components/RecordLoadState';
import type { Institution } from '../../contract';
import { useEditedRecord } from '../../hooks/useEditedRecord';
import { useT } from '../../i18n';
import { BedRegister } from './BedRegister';
import { InstitutionForm } from './InstitutionForm';
import { EMPTY_INSTITUTION, valuesFromInstitution } from './institution-values';

const getInstitution = (id: string) => call('institutions.get', { id });

export type InstitutionTarget = { kind: 'new' } | { kind: 'edit'; id: string; tab?: 'form' | 'beds'; created?: boolean };

/** The drawer's content: the institution form and, for a saved institution, its bed register (床位登记). */
export function InstitutionDrawerContent(props: {
  target: InstitutionTarget;
  readOnly: boolean;
  onSaved(institution: Institution): void;
  onBedsChanged(): void;
  onClose(): void;
}) {
  const { t } = useT();
  const editId = props.target.kind === 'edit' ? props.target.id : null;
  const { record: institution, values, setValues, loading, loadError, formKey, load } = useEditedRecord(editId, getInstitution, valuesFromInstitution, EMPTY_INSTITUTION);
  const [tab, setTab] = useState<string | null>(props.target.kind === 'edit' ? (props.target.tab ?? 'form') : 'form');

  if (loading || loadError) return <RecordLoadState error={loadError} onClose={props.onClose} />;

  const created = props.target.kind === 'edit' && props.target.created && institution;
  return (
    <Tabs value={tab} onChange={setTab}>
      {created && (
        <Alert color="green" variant="light" role="status" mb="md">
          {t('institution.createdNext', { name: institution.name })}
        </Alert>
      )}
      <Tabs.List mb="md">
        <Tabs.Tab value="form">{t('institution.tab.form')}</Tabs.Tab>
        <Tabs.Tab value="beds" disabled={!institution}>
          {t('institution.tab.beds')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="form">
        <InstitutionForm
          key={formKey}
          institution={institution}
          values={values}
          setValues={setValues}
          readOnly={props.readOnly}
          onSaved={props.onSaved}
          onReload={() => institution && void load(institution.id)}
          onClose={props.onClose}
        />
      </Tabs.Panel>
      {institution && (
        <Tabs.Panel value="beds">
          {tab === 'beds' && <BedRegister institution={institution} readOnly={props.readOnly} onChanged={props.onBedsChanged} />}
        </Tabs.Panel>
      )}
    </Tabs>
  );
}
