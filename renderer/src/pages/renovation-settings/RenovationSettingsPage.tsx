import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n';
import { CapsPanel } from './CapsPanel';
import { ItemsPanel } from './ItemsPanel';
import { TargetsPanel } from './TargetsPanel';

/** 改造项目与标准: the item catalogue, the per-household cap by year and the yearly targets. */
export function RenovationSettingsPage() {
  const { t } = useT();
  const [tab, setTab] = useState<string | null>('items');
  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.renovation-settings')}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="items">{t('renoSettings.tab.items')}</Tabs.Tab>
          <Tabs.Tab value="caps">{t('renoSettings.tab.caps')}</Tabs.Tab>
          <Tabs.Tab value="targets">{t('renoSettings.tab.targets')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          {tab === 'items' && <ItemsPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="caps" pt="md">
          {tab === 'caps' && <CapsPanel />}
        </Tabs.Panel>
        <Tabs.Panel value="targets" pt="md">
          {tab === 'targets' && <TargetsPanel />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
