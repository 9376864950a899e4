import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { RecordLoadState } from '../../components/RecordLoadState';
import type { Station } from '../../contract';
import { useEditedRecord } from '../../hooks/useEditedRecord';
import { useT } from '../../i18n';
import { StationForm } from './StationForm';
import { StationHistory } from './StationHistory';
import { EMPTY_STATION, valuesFromStation } from './station-values';

const getStation = (id: string) => call('stations.get', { id });

export type StationTarget = { kind: 'new' } | { kind: 'edit'; id: string };

/** The drawer's content: the station form and, for a saved station, its history (修改记录). */
export function StationDrawerContent(props: { target: StationTarget; readOnly: boolean; onSaved(station: Station): void; onClose(): void }) {
  const { t } = useT();
  const editId = props.target.kind === 'edit' ? props.target.id : null;
  const { record: station, values, setValues, loading, loadError, formKey, load } = useEditedRecord(editId, getStation, valuesFromStation, EMPTY_STATION);
  const [tab, setTab] = useState<string | null>('form');

  if (loading || loadError) return <RecordLoadState error={loadError} onClose={props.onClose} />;

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
