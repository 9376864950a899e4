import { Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AuditRow } from '../../contract';
import { useT } from '../../i18n';
import { AuditTable } from '../audit/AuditTable';

/** 修改记录: the station's entries of the audit trail, newest first, each with its before → after diff. */
export function StationHistory({ stationId }: { stationId: string }) {
  const { t } = useT();
  const [rows, setRows] = useState<AuditRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    call('stations.history', { id: stationId }).then(
      (loaded) => {
        if (!live) return;
        setRows(loaded);
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, [stationId]);

  if (error) return <ErrorAlert error={error} />;
  if (!rows) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('station.historyIntro')}
      </Text>
      <AuditTable rows={rows} label={t('station.tab.history')} />
    </Stack>
  );
}
