import { Badge, Button, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../client';
import { ActionModal } from '../../components/ActionModal';
import { RecordLoadState } from '../../components/RecordLoadState';
import { SavedNotices } from '../../components/SavedNotices';
import { SummaryItem } from '../../components/SummaryItem';
import type { Resident, ResidentSaved } from '../../contract';
import { useT } from '../../i18n';
import { useCan } from '../../session/session-context';
import { AuditTable } from '../audit/AuditTable';
import {
  FLAG_COLORS,
  LEVEL_COLORS,
  STATUS_COLORS,
  categoryLabel,
  exitReasonLabel,
  flagLabel,
  gbtLevelLabel,
  levelLabel,
  statusLabel,
  supportFormLabel,
} from '../institutions/welfare-labels';
import type { ActionProps } from './action-form';
import { AssessForm } from './AssessForm';
import { AssessmentsTable } from './AssessmentsTable';
import { DetailsForm } from './DetailsForm';
import { latestEffectiveEvent } from './event-order';
import { EventTimeline } from './EventTimeline';
import { ExitForm, LeaveForm, MoveForm, ReturnForm } from './EventForms';
import { ReverseForm } from './ReverseForm';

type Action = 'move' | 'leave' | 'return' | 'assess' | 'exit' | 'reverse' | 'details';

/** What can be recorded in each state; the main side checks the same (EVENT_NOT_ALLOWED). */
const ACTIONS_BY_STATUS: Record<Resident['status'], Action[]> = {
  present: ['move', 'leave', 'assess', 'exit', 'details'],
  leave: ['return', 'assess', 'exit', 'details'],
  exited: ['details'],
  void: [],
};

/**
 * The resident drawer: who, where and in what state; the actions (each a small form); the event
 * timeline, the assessments and the record's audit history.
 */
export function ResidentView(props: { id: string; warnings?: ResidentSaved['warnings']; onChanged(): void; onClose(): void }) {
  const { t } = useT();
  const can = useCan();
  const [resident, setResident] = useState<Resident | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<ResidentSaved['warnings']>(props.warnings ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [tab, setTab] = useState<string | null>('events');

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setResident(await call('residents.get', { id: props.id }));
    } catch (error) {
      setLoadError(error);
    }
  }, [props.id]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError || !resident) return <RecordLoadState error={loadError} onClose={props.onClose} />;

  const actionLabel = (a: Action) => t(`resident.action.${a}`);
  const saved = (result: ResidentSaved) => {
    const done = action;
    setResident(result.resident);
    setWarnings(result.warnings);
    setNotice(done ? t('resident.actionSaved', { action: actionLabel(done) }) : null);
    setAction(null);
    props.onChanged();
  };
  const actionProps: ActionProps = {
    onSaved: saved,
    onCancel: () => setAction(null),
    onReload: () => {
      setAction(null);
      void load();
    },
  };
  const latest = latestEffectiveEvent(resident.events);
  const actions = can.edit ? ACTIONS_BY_STATUS[resident.status] : [];
  const place = [resident.institutionName, resident.bedLabel].filter(Boolean).join(' · ');

  return (
    <Stack gap="md">
      <SavedNotices warnings={warnings} onCloseWarnings={() => setWarnings([])} notice={notice} onCloseNotice={() => setNotice(null)} />

      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={3} data-testid="resident-name">
            {resident.name}
          </Title>
          <Group gap={6}>
            <Badge color={STATUS_COLORS[resident.status]} variant="light" className="badge-full" data-testid="resident-status">
              {statusLabel(t, resident.status)}
            </Badge>
            <Badge color="gray" variant="outline" className="badge-full">
              {categoryLabel(t, resident.category)}
            </Badge>
            {resident.selfCareLevel && (
              <Badge color={LEVEL_COLORS[resident.selfCareLevel]} variant="light" className="badge-full">
                {levelLabel(t, resident.selfCareLevel)}
              </Badge>
            )}
            {resident.flags.map((f) => (
              <Badge key={f} color={FLAG_COLORS[f]} variant="dot" className="badge-full">
                {flagLabel(t, f)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('person.version', { version: resident.version })}
        </Text>
      </Group>

      <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs" data-testid="resident-summary">
        <SummaryItem label={t('person.idNumber')}>{resident.idNumber ? <span className="id-number">{resident.idNumber}</span> : t('person.noIdNumber')}</SummaryItem>
        <SummaryItem label={t('resident.sexAge')}>
          {[resident.sex ? t(`sex.${resident.sex}`) : null, resident.age !== null ? t('resident.ageYears', { age: resident.age }) : null, resident.birthDate]
            .filter(Boolean)
            .join(' · ')}
        </SummaryItem>
        <SummaryItem label={t('resident.supportForm')}>{supportFormLabel(t, resident.supportForm)}</SummaryItem>
        <SummaryItem label={t('resident.place')}>{place}</SummaryItem>
        <SummaryItem label={t('resident.admittedOn')}>{resident.admittedOn}</SummaryItem>
        <SummaryItem label={t('resident.exited')}>
          {resident.exitedOn ? `${resident.exitedOn}${resident.exitReason ? ` · ${exitReasonLabel(t, resident.exitReason)}` : ''}` : ''}
        </SummaryItem>
        {resident.leaveSince && <SummaryItem label={t('resident.leaveSince')}>{resident.leaveSince}</SummaryItem>}
        <SummaryItem label={t('resident.lastAssessed')}>
          {[resident.lastAssessedOn, resident.gbtLevel !== null ? t('resident.gbtShort', { level: gbtLevelLabel(t, resident.gbtLevel) }) : null].filter(Boolean).join(' · ')}
        </SummaryItem>
        <SummaryItem label={t('resident.guardianName')}>
          {[resident.guardianName, resident.guardianRelation, resident.guardianPhone].filter(Boolean).join(' · ')}
        </SummaryItem>
        {resident.schoolingExtension && <SummaryItem label={t('resident.schoolingExtension')}>{t('common.yes')}</SummaryItem>}
        {resident.ageException && <SummaryItem label={t('resident.ageException')}>{resident.ageException}</SummaryItem>}
        {resident.notes && <SummaryItem label={t('resident.notes')}>{resident.notes}</SummaryItem>}
      </SimpleGrid>

      {(actions.length > 0 || (can.edit && latest)) && (
        <Group gap="xs" data-testid="resident-actions">
          {actions.map((a) => (
            <Button key={a} size="xs" variant={a === 'details' ? 'default' : 'light'} color={a === 'exit' ? 'red' : undefined} onClick={() => setAction(a)}>
              {actionLabel(a)}
            </Button>
          ))}
          {can.edit && latest && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setAction('reverse')}>
              {actionLabel('reverse')}
            </Button>
          )}
        </Group>
      )}

      <Tabs value={tab} onChange={setTab}>
        <Tabs.List mb="md">
          <Tabs.Tab value="events">{t('resident.tab.events')}</Tabs.Tab>
          <Tabs.Tab value="assessments">{t('resident.tab.assessments')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('resident.tab.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events">
          <EventTimeline resident={resident} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments">
          <AssessmentsTable rows={resident.assessments} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {/* Remounted per version: the newest entry opens, as on first showing. */}
          <AuditTable key={resident.version} rows={resident.history} label={t('resident.tab.history')} />
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
        title={action ? `${actionLabel(action)} · ${resident.name}` : ''}
        size={action === 'details' || action === 'assess' || action === 'move' ? 640 : 480}
      >
        {action === 'move' && <MoveForm resident={resident} {...actionProps} />}
        {action === 'leave' && <LeaveForm resident={resident} {...actionProps} />}
        {action === 'return' && <ReturnForm resident={resident} {...actionProps} />}
        {action === 'assess' && <AssessForm resident={resident} {...actionProps} />}
        {action === 'exit' && <ExitForm resident={resident} {...actionProps} />}
        {action === 'details' && <DetailsForm resident={resident} {...actionProps} />}
        {action === 'reverse' && latest && <ReverseForm resident={resident} event={latest} {...actionProps} />}
      </ActionModal>
    </Stack>
  );
}
