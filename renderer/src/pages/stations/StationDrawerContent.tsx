import { Button, Group, Loader, Stack, Tabs } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Station } from '../../contract';
import { useT } from '../../i18n';
import { StationForm } from './StationForm';
import { StationHistory } from './StationHistory';
import { EMPTY_STATION, valuesFromStation, type StationFormValues } from './station-values';

export type StationTarget = { kind: 'new' } | { kind: 'edit'; id: string };

/** The drawer's content: the station form and, for a saved station, its history (修改记录). */
export function StationDrawerContent(props: { target: StationTarget; readOnly: boolean; onSaved(station: Station): void; onClose(): void }) {
  const { t } = useT();
  const editId = props.target.kind === 'edit' ? props.target.id : null;
  const [station, setStation] = useState<Station | null>(null);
  const [values, setValues] = useState<StationFormValues>(EMPTY_STATION);
  const [loading, setLoading] = useState(editId !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tab, setTab] = useState<string | null>('form');
  const [formKey, setFormKey] = useState(0);

  const load = useCallback(async (id: string) => {
    setLoading(true);
    setLoadError(null);
    try {
      const loaded = await call('stations.get', { id });
      setStation(loaded);
      setValues(valuesFromStation(loaded));
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

  return (
    <Tabs value={tab} onChange={setTab}>
      <Tabs.List mb="md">
        <Tabs.Tab value="form">{t('station.tab.form')}</Tabs.Tab>
        <Tabs.Tab value="history" disabled={!station}>
          {t('station.tab.history')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="form">
        <StationForm
          key={formKey}
          station={station}
          values={values}
          setValues={setValues}
          readOnly={props.readOnly}
          onSaved={props.onSaved}
          onReload={() => station && void load(station.id)}
          onClose={props.onClose}
        />
      </Tabs.Panel>
      {station && (
        <Tabs.Panel value="history">
          <StationHistory stationId={station.id} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}
