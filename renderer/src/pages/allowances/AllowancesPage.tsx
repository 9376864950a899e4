import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n';
import { RosterPanel } from './RosterPanel';
import { StandardsPanel } from './StandardsPanel';

/** 津贴标准与花名册: the versioned allowance standard, and each institution's monthly roster. */
export function AllowancesPage() {
  const { t } = useT();
  const [tab, setTab] = useState<string | null>('standards');
  // A new version of the standard changes rosters: the roster tab reloads when it changes.
  const [standardsToken, setStandardsToken] = useState(0);
  return (
    <Stack gap="md">
      <Title order={3} className="no-print">
        {t('nav.allowances')}
      </Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="standards">{t('allowances.tab.standards')}</Tabs.Tab>
          <Tabs.Tab value="roster">{t('allowances.tab.roster')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="standards" pt="md">
          <StandardsPanel onChanged={() => setStandardsToken((n) => n + 1)} />
        </Tabs.Panel>
        <Tabs.Panel value="roster" pt="md">
          {tab === 'roster' && <RosterPanel standardsToken={standardsToken} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
