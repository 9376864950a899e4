import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AllowanceStandard } from '../../contract';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { StandardForm } from './StandardForm';
import { StandardsTable } from './StandardsTable';

/** 津贴标准: every version of the standard, newest first (everyone); adding a version (administrators). */
export function StandardsPanel({ onChanged }: { onChanged(): void }) {
  const { t } = useT();
  const can = useCan();
  const [standards, setStandards] = useState<AllowanceStandard[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);

  const load = useCallback(() => {
    call('allowanceStandards.list', {}).then(setStandards, setLoadError);
  }, []);
  useEffect(load, [load]);

  const newest = standards?.[0] ?? null;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('standard.intro')}
      </Text>
      <ErrorAlert error={loadError} />
      {!standards && !loadError && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {standards && standards.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t('standard.empty')}
        </Text>
      )}
      {standards && standards.length > 0 && <StandardsTable standards={standards} withMeta label={t('allowances.tab.standards')} />}
      {added && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setAdded(null)}>
          {t('standard.added', { date: added })}
        </Alert>
      )}
      {can.admin && standards && (
        <StandardForm
          key={`${standards.length}-${newest?.id ?? 'none'}`}
          newest={newest}
          onAdded={(standard) => {
            setAdded(standard.effectiveFrom);
            load();
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}
