import { Alert, Badge, Button, Group, Loader, Modal, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Resident, ResidentSaved } from '../../contract';
import { useT } from '../../i18n';
import { useCan, useLockAwareOverlay } from '../../session/session-context';
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
  problemText,
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

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}

/**
 * The resident drawer: who, where and in what state; the actions (each a small form); the event
 * timeline, the assessments and the record's audit history.
 */
export function ResidentView(props: { id: string; warnings?: ResidentSaved['warnings']; onChanged(): void; onClose(): void }) {
  const { t, errorText } = useT();
  const can = useCan();
  const [resident, setResident] = useState<Resident | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<ResidentSaved['warnings']>(props.warnings ?? []);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [tab, setTab] = useState<string | null>('events');
  const overlay = useLockAwareOverlay(action !== null);

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

  if (loadError) {
    return (
      <Stack>
        <ErrorAlert error={loadError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }
  if (!resident) {
    return (
      <Group justify="center" py="xl">
        <Loader />
      </Group>
    );
  }

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
      {warnings.length > 0 && (
        <Alert color="yellow" variant="light" role="status" title={t('person.savedWithWarnings')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setWarnings([])}>
          <Stack gap={4}>
            {warnings.map((w, i) => (
              <Text size="sm" key={i}>
                {problemText(errorText, w)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}

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
        <Item label={t('person.idNumber')}>{resident.idNumber ? <span className="id-number">{resident.idNumber}</span> : t('person.noIdNumber')}</Item>
        <Item label={t('resident.sexAge')}>
          {[resident.sex ? t(`sex.${resident.sex}`) : null, resident.age !== null ? t('resident.ageYears', { age: resident.age }) : null, resident.birthDate]
            .filter(Boolean)
            .join(' · ')}
        </Item>
        <Item label={t('resident.supportForm')}>{supportFormLabel(t, resident.supportForm)}</Item>
        <Item label={t('resident.place')}>{place}</Item>
        <Item label={t('resident.admittedOn')}>{resident.admittedOn}</Item>
        <Item label={t('resident.exited')}>
          {resident.exitedOn ? `${resident.exitedOn}${resident.exitReason ? ` · ${exitReasonLabel(t, resident.exitReason)}` : ''}` : ''}
        </Item>
        {resident.leaveSince && <Item label={t('resident.leaveSince')}>{resident.leaveSince}</Item>}
        <Item label={t('resident.lastAssessed')}>
          {[resident.lastAssessedOn, resident.gbtLevel !== null ? t('resident.gbtShort', { level: gbtLevelLabel(t, resident.gbtLevel) }) : null].filter(Boolean).join(' · ')}
        </Item>
        <Item label={t('resident.guardianName')}>
          {[resident.guardianName, resident.guardianRelation, resident.guardianPhone].filter(Boolean).join(' · ')}
        </Item>
        {resident.schoolingExtension && <Item label={t('resident.schoolingExtension')}>{t('common.yes')}</Item>}
        {resident.ageException && <Item label={t('resident.ageException')}>{resident.ageException}</Item>}
        {resident.notes && <Item label={t('resident.notes')}>{resident.notes}</Item>}
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

      <Modal
        {...overlay}
        // Above the drawer it opens from (both default to 200), below Select dropdowns (300).
        zIndex={250}
        onClose={() => setAction(null)}
        title={<Text fw={700}>{action ? `${actionLabel(action)} · ${resident.name}` : ''}</Text>}
        size={action === 'details' || action === 'assess' || action === 'move' ? 640 : 480}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {action === 'move' && <MoveForm resident={resident} {...actionProps} />}
        {action === 'leave' && <LeaveForm resident={resident} {...actionProps} />}
        {action === 'return' && <ReturnForm resident={resident} {...actionProps} />}
        {action === 'assess' && <AssessForm resident={resident} {...actionProps} />}
        {action === 'exit' && <ExitForm resident={resident} {...actionProps} />}
        {action === 'details' && <DetailsForm resident={resident} {...actionProps} />}
        {action === 'reverse' && latest && <ReverseForm resident={resident} event={latest} {...actionProps} />}
      </Modal>
    </Stack>
  );
}
