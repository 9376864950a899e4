import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../../i18n';
import { lastMonth } from '../../months';
import { CompletenessPanel } from './CompletenessPanel';
import { MonthStats } from './MonthStats';

/** 服务统计: the monthly grid (月度填报) and who has reported (报送情况). */
export function StatsPage() {
  const { t } = useT();
  const [tab, setTab] = useState<string | null>('month');
  const [month, setMonth] = useState(lastMonth);
  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.stats')}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="month">{t('stats.tab.month')}</Tabs.Tab>
          <Tabs.Tab value="completeness">{t('stats.tab.completeness')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="month" pt="md">
          <MonthStats month={month} onMonthChange={setMonth} />
        </Tabs.Panel>
        <Tabs.Panel value="completeness" pt="md">
          {tab === 'completeness' && <CompletenessPanel initialYear={Number(month.slice(0, 4))} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
