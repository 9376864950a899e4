import { Alert, Button, Group, Loader, Stack, Tabs } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Institution } from '../../contract';
import { useT } from '../../i18n';
import { BedRegister } from './BedRegister';
import { InstitutionForm } from './InstitutionForm';
import { EMPTY_INSTITUTION, valuesFromInstitution, type InstitutionFormValues } from './institution-values';

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
  const [institution, setInstitution] = useState<Institution | null>(null);
  const [values, setValues] = useState<InstitutionFormValues>(EMPTY_INSTITUTION);
  const [loading, setLoading] = useState(editId !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tab, setTab] = useState<string | null>(props.target.kind === 'edit' ? (props.target.tab ?? 'form') : 'form');
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async (id: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const loaded = await call('institutions.get', { id });
      setInstitution(loaded);
      setValues(valuesFromInstitution(loaded));
      setFormKey((k) => k + 1);
    } catch (error) {
      setLoadError(error);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (editId) void load(editId);
  }, [editId, load]);

  if (loading) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }
  if (loadError) {
    return (
      <Stack>
        <ErrorAlert error={loadError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

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
