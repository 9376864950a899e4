import { Button, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MonthPicker } from '../../components/MonthPicker';
import type { AllowanceRoster, InstitutionRow } from '../../contract';
import { localDate } from '../../contract';
import { useT } from '../../i18n';
import { currentMonth, lastMonth } from '../../months';
import { useSession } from '../../session/session-context';
import { categoryLabel, levelLabel, supportFormLabel } from '../institutions/welfare-labels';
import { downloadText } from '../../download';
import { rosterCsv, rosterFileName } from './roster-csv';
import './roster-print.css';
import { lineProblems, rosterColumns, RosterTable } from './RosterTable';
import { StandardsTable } from './StandardsTable';
import { ExportButton } from '../../components/ExportButton';
import { PrintButton } from '../../components/PrintButton';

/** 津贴花名册: one institution's month, what each resident is paid by item, exported as CSV or printed. */
export function RosterPanel({ standardsToken }: { standardsToken: number }) {
  const translator = useT();
  const { t } = translator;
  const { office } = useSession();
  const [institutions, setInstitutions] = useState<InstitutionRow[] | null>(null);
  const [institutionId, setInstitutionId] = useState<string | null>(null);
  const [month, setMonth] = useState(lastMonth);
  const [roster, setRoster] = useState<AllowanceRoster | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);

  useEffect(() => {
    call('institutions.list', { includeClosed: true }).then((rows) => {
      setInstitutions(rows);
      setInstitutionId((current) => current ?? rows.find((r) => !r.closedOn)?.id ?? rows[0]?.id ?? null);
    }, setError);
  }, []);

  useEffect(() => {
    if (!institutionId) return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    call('allowance.roster', { institutionId, month }).then(
      (loaded) => mine === seq.current && setRoster(loaded),
      (caught: unknown) => {
        if (mine !== seq.current) return;
        setRoster(null);
        setError(caught);
      },
    ).finally(() => mine === seq.current && setLoading(false));
  }, [institutionId, month, standardsToken]);

  const exportCsv = () => {
    if (!roster) return;
    const csv = rosterCsv(roster, office.name, {
      office: t('roster.csv.office'),
      institution: t('roster.csv.institution'),
      month: t('month.label'),
      daysInMonth: t('roster.csv.daysInMonth'),
      columns: rosterColumns(t, true),
      totals: t('roster.csv.totals'),
      residents: (count) => t('roster.csv.residents', { count }),
      category: (v) => categoryLabel(t, v),
      supportForm: (v) => supportFormLabel(t, v),
      level: (v) => levelLabel(t, v),
      problems: (line) => lineProblems(translator, line),
    });
    downloadText(rosterFileName(t('roster.fileName'), roster.institutionName, roster.month), csv);
  };

  const shown = roster && roster.institutionId === institutionId && roster.month === month ? roster : null;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" className="no-print">
        <Group align="flex-end" gap="md">
          <Select
            label={t('roster.institution')}
            placeholder={institutions?.length === 0 ? t('roster.noInstitutions') : t('division.choose')}
            data={(institutions ?? []).map((i) => ({
              value: i.id,
              label: i.closedOn ? t('roster.closedInstitution', { name: i.name }) : i.name,
            }))}
            value={institutionId}
            onChange={setInstitutionId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('division.nothingFound')}
            w={300}
          />
          <MonthPicker value={month} onChange={setMonth} max={currentMonth()} />
        </Group>
        <Group gap="sm" align="flex-start">
          <ExportButton request="allowance.roster" input={{ institutionId, month }} disabled={!shown || !institutionId} />
          <PrintButton request="allowance.roster" input={{ institutionId, month }} disabled={!shown || !institutionId} />
          <Button variant="default" onClick={exportCsv} disabled={!shown}>
            {t('roster.exportCsv')}
          </Button>
        </Group>
      </Group>

      <ErrorAlert error={error} />
      {institutions?.length === 0 && (
        <Text c="dimmed" ta="center" py="lg">
          {t('roster.noInstitutions')}
        </Text>
      )}
      {loading && !shown && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {shown && (
        <Stack gap="sm" className="roster-printable">
          <Stack gap={2}>
            <Title order={4} data-testid="roster-title">
              {t('roster.title', { institution: shown.institutionName, month: shown.month })}
            </Title>
            <Text size="sm" c="dimmed">
              {t('roster.subtitle', { office: office.name, days: shown.daysInMonth, residents: shown.totals.residents, today: localDate() })}
            </Text>
          </Stack>
          <Text size="sm" c="dimmed">
            {t('roster.rule')}
          </Text>
          <RosterTable roster={shown} />
          <Title order={5} mt="sm">
            {t('roster.standardsUsed')}
          </Title>
          {shown.standards.length > 0 ? (
            <StandardsTable standards={shown.standards} withMeta={false} label={t('roster.standardsUsed')} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('roster.noStandards')}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}
