import { Badge, Button, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ActionModal } from '../../components/ActionModal';
import { RecordLoadState } from '../../components/RecordLoadState';
import { SavedNotices } from '../../components/SavedNotices';
import { SummaryItem } from '../../components/SummaryItem';
import type { CaseSaved, RenovationCase } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { useCan } from '../../session/session-context';
import { AuditTable } from '../audit/AuditTable';
import { AttachmentsPanel } from './AttachmentsPanel';
import type { CaseActionProps } from './case-action';
import { CaseStateBadge } from './CaseStateBadge';
import { CorrectForm } from './CorrectForm';
import { householdOf } from './household-values';
import { HouseholdForm } from './HouseholdForm';
import { PlanEditor } from './PlanEditor';
import { conditionLabel, householdCategoryLabel } from './renovation-labels';
import { StepForm, stepActionLabel, type NextStep } from './StepForm';
import { StepTimeline, stepTitle } from './StepTimeline';
import './renovations.css';

type Action = { kind: 'step'; step: NextStep } | { kind: 'correct' } | { kind: 'household' };

/**
 * The case drawer: the household and where the case stands; what may be recorded next (each a small
 * form), the correction of the latest step; the step timeline, the plan (一户一策), photos and
 * documents, and the case's audit history.
 */
export function CaseView(props: { id: string; warnings?: CaseSaved['warnings']; onChanged(): void; onClose(): void }) {
  const { t } = useT();
  const can = useCan();
  const [kase, setKase] = useState<RenovationCase | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<CaseSaved['warnings']>(props.warnings ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [tab, setTab] = useState<string | null>('steps');
  // The plan editor starts again from the saved plan after a save or a reload (not after other actions).
  const [planRound, setPlanRound] = useState(0);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setKase(await call('renovations.get', { id: props.id }));
      setPlanRound((n) => n + 1);
    } catch (error) {
      setLoadError(error);
    }
  }, [props.id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError || !kase) return <RecordLoadState error={loadError} onClose={props.onClose} />;

  const accept = (saved: CaseSaved, message: string | null) => {
    setKase(saved.case);
    setWarnings(saved.warnings);
    setNotice(message);
    props.onChanged();
  };
  const actionTitle = (a: Action): string =>
    a.kind === 'step' ? stepActionLabel(t, a.step) : a.kind === 'correct' ? t('renovations.correctLatest') : t('renovations.editHousehold');
  const actionProps: CaseActionProps = {
    onSaved: (saved) => {
      const done = action;
      accept(saved, done ? t('renovations.actionSaved', { action: actionTitle(done) }) : null);
      setAction(null);
    },
    onCancel: () => setAction(null),
    onReload: () => {
      setAction(null);
      void load();
    },
  };

  const workflow = kase.nextSteps.filter((s) => s !== 'rejected' && s !== 'withdrawn');
  const ends = kase.nextSteps.filter((s) => s === 'rejected' || s === 'withdrawn');
  const open = kase.nextSteps.length > 0;
  // The main side fixes the household once the subsidy is paid (CASE_HOUSEHOLD_LOCKED).
  const householdEditable = open && kase.state !== 'paid';
  const applicant = kase.people[0];
  const place = [kase.townName, kase.villageName, kase.address].filter(Boolean).join(' · ');

  return (
    <Stack gap="md">
      <SavedNotices warnings={warnings} onCloseWarnings={() => setWarnings([])} notice={notice} onCloseNotice={() => setNotice(null)} />

      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm" align="baseline">
            <Title order={3} data-testid="case-applicant">
              {applicant?.name ?? ''}
            </Title>
            <Text c="dimmed" className="id-number" data-testid="case-number">
              {kase.caseNumber}
            </Text>
          </Group>
          <Group gap={6}>
            <CaseStateBadge state={kase.state} stateDate={kase.stateDate} daysInState={kase.daysInState} stuck={kase.stuck} testId="case-state" />
            <Badge color="gray" variant="outline" className="badge-full">
              {householdCategoryLabel(t, kase.category)}
            </Badge>
            {kase.conditions.map((c) => (
              <Badge key={c} color="grape" variant="dot" className="badge-full">
                {conditionLabel(t, c)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('person.version', { version: kase.version })}
        </Text>
      </Group>

      <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" data-testid="case-summary">
        <SummaryItem label={t('renovations.people')} span={3}>
          <Group gap="md" wrap="wrap">
            {kase.people.map((p, i) => (
              <Text size="sm" key={p.personId} span>
                <Text span fw={500}>
                  {p.name}
                </Text>
                {i === 0 && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t('renovations.applicant')})
                  </Text>
                )}
                {p.idNumber && (
                  <Text span size="xs" c="dimmed" className="id-number" ml={6}>
                    {p.idNumber}
                  </Text>
                )}
                {p.birthDate && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {t('bed.bornOn', { date: p.birthDate })}
                  </Text>
                )}
              </Text>
            ))}
          </Group>
        </SummaryItem>
        <SummaryItem label={t('renovations.address')} span={2}>
          {place}
        </SummaryItem>
        <SummaryItem label={t('renovations.phone')}>{kase.phone}</SummaryItem>
        <SummaryItem label={t('renovations.planYear')}>{kase.planYear}</SummaryItem>
        <SummaryItem label={t('renovations.appliedOn')}>{kase.appliedOn}</SummaryItem>
        <SummaryItem label={t('renovations.subsidyYuan')}>{formatFen(kase.plan.summary.subsidyFen)}</SummaryItem>
        {kase.duplicateReason && (
          <SummaryItem label={t('renovations.duplicateReason')} span={3}>
            <Text size="sm" c="grape.8" data-testid="case-duplicate-reason">
              {kase.duplicateReason}
            </Text>
          </SummaryItem>
        )}
        {kase.notes && (
          <SummaryItem label={t('renovations.notes')} span={3}>
            {kase.notes}
          </SummaryItem>
        )}
      </SimpleGrid>

      {can.edit && (open || kase.correctable) && (
        <Group gap="xs" data-testid="case-actions">
          {workflow.map((s) => (
            <Button key={s} size="xs" variant="filled" onClick={() => setAction({ kind: 'step', step: s })}>
              {stepActionLabel(t, s)}
            </Button>
          ))}
          {ends.map((s) => (
            <Button key={s} size="xs" variant="light" color={s === 'rejected' ? 'red' : 'gray'} onClick={() => setAction({ kind: 'step', step: s })}>
              {stepActionLabel(t, s)}
            </Button>
          ))}
          {householdEditable && (
            <Button size="xs" variant="default" onClick={() => setAction({ kind: 'household' })}>
              {t('renovations.editHousehold')}
            </Button>
          )}
          {kase.correctable && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setAction({ kind: 'correct' })} title={stepTitle(t, kase.correctable)}>
              {t('renovations.correctLatest')}
            </Button>
          )}
        </Group>
      )}

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="steps">{t('renovations.tab.steps')}</Tabs.Tab>
          <Tabs.Tab value="plan">
            {t('renovations.tab.plan')}
            {kase.plan.lines.length > 0 && (
              <Text span size="xs" c="dimmed" ml={4}>
                ({kase.plan.lines.length})
              </Text>
            )}
          </Tabs.Tab>
          <Tabs.Tab value="files">
            {t('renovations.tab.files')}
            {kase.attachments.some((a) => !a.withdrawnAt) && (
              <Text span size="xs" c="dimmed" ml={4}>
                ({kase.attachments.filter((a) => !a.withdrawnAt).length})
              </Text>
            )}
          </Tabs.Tab>
          <Tabs.Tab value="history">{t('renovations.tab.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="steps">
          <StepTimeline kase={kase} />
        </Tabs.Panel>
        <Tabs.Panel value="plan">
          <PlanEditor
            key={planRound}
            kase={kase}
            onSaved={(saved) => {
              accept(saved, t('renovations.plan.saved'));
              setPlanRound((n) => n + 1);
            }}
            onReload={() => void load()}
          />
        </Tabs.Panel>
        <Tabs.Panel value="files">
          <AttachmentsPanel kase={kase} onSaved={accept} onReload={() => void load()} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {/* Remounted per version: the newest entry opens, as on first showing. */}
          <AuditTable key={kase.version} rows={kase.history} label={t('renovations.tab.history')} />
        </Tabs.Panel>
      </Tabs>

      <Group justify="flex-end" className="sticky-actions">
        <Button variant="default" onClick={props.onClose}>
          {t('common.close')}
        </Button>
      </Group>

      <ActionModal
        opened={action !== null}
        onClose={() => setAction(null)}
        title={action ? `${actionTitle(action)} · ${applicant?.name ?? ''}` : ''}
        size={action?.kind === 'household' ? 820 : action?.kind === 'step' && (action.step === 'assessed' || action.step === 'acceptance' || action.step === 'paid') ? 640 : 520}
      >
        {action?.kind === 'step' && <StepForm key={action.step} case={kase} step={action.step} {...actionProps} />}
        {action?.kind === 'correct' && kase.correctable && <CorrectForm case={kase} target={kase.correctable} {...actionProps} />}
        {action?.kind === 'household' && (
          <HouseholdForm mode="update" initial={householdOf(kase)} existing={kase} onSaved={actionProps.onSaved} onCancel={actionProps.onCancel} onReload={actionProps.onReload} />
        )}
      </ActionModal>
    </Stack>
  );
}
