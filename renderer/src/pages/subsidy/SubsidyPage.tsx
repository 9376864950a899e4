import { Alert, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';
import { MonthPicker } from '../../components/MonthPicker';
import type { SubsidyStatement } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { currentMonth, lastMonth } from '../../months';
import { useCan } from '../../session/session-context';
import { BedRatesPanel } from './BedRatesPanel';
import { StatementCard } from './StatementCard';

/** 补贴结算: the month's statements, one per operator, and 出具结算单; the rate table beside them. */
export function SubsidyPage() {
  const { t } = useT();
  const can = useCan();
  const [tab, setTab] = useState<string | null>('statements');
  const [month, setMonth] = useState(lastMonth);
  const [statements, setStatements] = useState<SubsidyStatement[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [issuedNotice, setIssuedNotice] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const seq = useRef(0);

  const load = useCallback(async (m: string) => {
    const mine = ++seq.current;
    setLoadError(null);
    try {
      const loaded = await call('subsidy.statements', { month: m });
      if (mine === seq.current) setStatements(loaded);
    } catch (caught) {
      if (mine === seq.current) {
        setStatements(null);
        setLoadError(caught);
      }
    }
  }, []);

  useEffect(() => {
    setStatements(null);
    setError(null);
    setIssuedNotice(false);
    void load(month);
  }, [month, reloadToken, load]);

  const issue = async () => {
    setBusy(true);
    setError(null);
    try {
      const issued = await call('subsidy.issue', { month });
      setStatements(issued);
      setIssuedNotice(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const drafts = statements?.filter((s) => s.issuedAt === null) ?? [];
  const monthTotal = statements?.reduce((sum, s) => sum + s.totals.totalFen, 0) ?? 0;

  return (
    <Stack gap="md">
      <Title order={3}>{t('nav.subsidy')}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="statements">{t('subsidy.tab.statements')}</Tabs.Tab>
          <Tabs.Tab value="rates">{t('subsidy.tab.rates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="statements" pt="md">
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <MonthPicker value={month} onChange={setMonth} max={currentMonth()} />
              <Group gap="sm" align="flex-start">
                {can.edit && drafts.length > 0 && month < currentMonth() && (
                  <Button onClick={() => setConfirming(true)}>{t('subsidy.issue')}</Button>
                )}
                {drafts.length > 0 && month >= currentMonth() && (
                  <Text size="sm" c="dimmed" pt={6}>
                    {t('subsidy.monthRunning')}
                  </Text>
                )}
                <ExportButton request="subsidy.statements" input={{ month }} disabled={!statements || statements.length === 0} />
                <PrintButton request="subsidy.statements" input={{ month }} disabled={!statements || statements.length === 0} />
              </Group>
            </Group>
            <Alert variant="light" color="ledger" title={t('subsidy.ruleTitle')}>
              {t('subsidy.rule')}
            </Alert>
            {issuedNotice && (
              <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setIssuedNotice(false)}>
                {t('subsidy.issuedNotice', { month })}
              </Alert>
            )}
            <ErrorAlert error={error} onClose={() => setError(null)} />
            <ErrorAlert error={loadError} />
            {!statements && !loadError && (
              <Group justify="center" py="xl">
                <Loader />
              </Group>
            )}
            {statements && statements.length === 0 && (
              <Text c="dimmed" ta="center" py="lg">
                {t('subsidy.empty', { month })}
              </Text>
            )}
            {statements && statements.length > 0 && (
              <Text size="sm">
                {t('subsidy.monthSummary', { month, operators: statements.length, amount: formatFen(monthTotal) })}
              </Text>
            )}
            {statements?.map((s) => <StatementCard key={`${s.operatorName}-${s.id ?? 'draft'}`} statement={s} />)}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="md">
          {tab === 'rates' && <BedRatesPanel onChanged={() => setReloadToken((n) => n + 1)} />}
        </Tabs.Panel>
      </Tabs>
      <ConfirmModal
        opened={confirming}
        title={t('subsidy.issueTitle', { month })}
        confirmLabel={t('subsidy.issue')}
        busy={busy}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void issue()}
      >
        {t('subsidy.issueText', { month, count: drafts.length })}
      </ConfirmModal>
    </Stack>
  );
}
