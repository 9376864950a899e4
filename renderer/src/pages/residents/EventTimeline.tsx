import { Anchor, Badge, Group, Stack, Text, Timeline } from '@mantine/core';
import { useCallback } from 'react';
import type { Resident, ResidentEventView } from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { eventKindLabel, exitReasonLabel, gbtLevelLabel, leaveKindLabel, levelLabel } from '../institutions/welfare-labels';

const KIND_COLORS: Record<ResidentEventView['kind'], string> = {
  admit: 'green',
  move: 'blue',
  leave: 'yellow',
  return: 'teal',
  reassess: 'grape',
  exit: 'gray',
  reversal: 'red',
};

/** One line naming an event: "2025-03-01 离院（死亡）", "2025-01-10 调换床位/机构 → 云城区敬老院 · 101 房 2 床". */
export function useEventSummary(resident: Resident) {
  const { t } = useT();
  return useCallback(
    (event: ResidentEventView): string => {
      const place = [event.institutionName, event.bedLabel].filter(Boolean).join(' · ');
      const kind = eventKindLabel(t, event.kind);
      let what = kind;
      if (event.kind === 'leave' && event.leaveKind) what = t('resident.eventWithDetail', { kind, detail: leaveKindLabel(t, event.leaveKind) });
      else if (event.kind === 'exit' && event.exitReason) what = t('resident.eventWithDetail', { kind, detail: exitReasonLabel(t, event.exitReason) });
      else if ((event.kind === 'admit' || event.kind === 'move') && place) what = t('resident.eventTo', { kind, place });
      else if (event.kind === 'reassess') {
        const a = resident.assessments.find((x) => x.eventId === event.id);
        const result = a?.selfCareLevel ? levelLabel(t, a.selfCareLevel) : a?.gbtLevel != null ? gbtLevelLabel(t, a.gbtLevel) : null;
        if (result) what = t('resident.eventResult', { kind, result });
      }
      return `${event.date} ${what}`;
    },
    [t, resident.assessments],
  );
}

/** Brings an event of the timeline into view (the links between a reversal and what it reversed). */
function showEvent(id: string) {
  const target = document.getElementById(`event-${id}`);
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.animate?.([{ backgroundColor: 'var(--mantine-color-yellow-2)' }, { backgroundColor: 'transparent' }], { duration: 1600 });
}

/**
 * 记录: the stay's events in the order they were recorded. A reversed event stays, struck through,
 * linked to the reversal that cancelled it (and back).
 */
export function EventTimeline({ resident }: { resident: Resident }) {
  const { t } = useT();
  const summary = useEventSummary(resident);
  const events = [...resident.events].sort((a, b) => a.seq - b.seq);
  const byId = new Map(events.map((e) => [e.id, e]));

  if (events.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {t('resident.noEvents')}
      </Text>
    );
  }

  return (
    <Timeline bulletSize={16} lineWidth={2} active={events.length - 1} aria-label={t('resident.tab.events')}>
      {events.map((event) => {
        const reversed = event.reversedByEventId !== null;
        const reversal = event.reversedByEventId ? byId.get(event.reversedByEventId) : undefined;
        const target = event.reversesEventId ? byId.get(event.reversesEventId) : undefined;
        return (
          <Timeline.Item
            key={event.id}
            color={reversed ? 'gray' : KIND_COLORS[event.kind]}
            lineVariant={reversed ? 'dashed' : 'solid'}
            title={
              <Group gap="xs" wrap="wrap">
                <Text fw={600} size="sm" td={reversed ? 'line-through' : undefined} c={reversed ? 'dimmed' : undefined} data-testid="event-title">
                  {event.kind === 'reversal' ? `${event.date} ${eventKindLabel(t, 'reversal')}` : summary(event)}
                </Text>
                {reversed && (
                  <Badge color="red" variant="light" size="sm" className="badge-full">
                    {t('resident.reversed')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Stack gap={2} id={`event-${event.id}`} data-testid="event" style={{ scrollMarginTop: 80, borderRadius: 4 }}>
              {target && (
                <Text size="sm">
                  {t('resident.reverses')}{' '}
                  <Anchor component="button" type="button" size="sm" onClick={() => showEvent(target.id)}>
                    {summary(target)}
                  </Anchor>
                </Text>
              )}
              {event.kind !== 'admit' && event.kind !== 'move' && event.kind !== 'reversal' && (event.institutionName || event.bedLabel) && (
                <Text size="sm" c="dimmed">
                  {[event.institutionName, event.bedLabel].filter(Boolean).join(' · ')}
                </Text>
              )}
              {event.reason && (
                <Text size="sm">
                  {t('resident.eventReason', { reason: event.reason })}
                </Text>
              )}
              {event.note && (
                <Text size="sm" c="dimmed">
                  {t('resident.eventNoteShown', { note: event.note })}
                </Text>
              )}
              {reversal && (
                <Text size="sm">
                  {t('resident.reversedBy')}{' '}
                  <Anchor component="button" type="button" size="sm" onClick={() => showEvent(reversal.id)}>
                    {t('resident.reversalOn', { date: reversal.date })}
                  </Anchor>
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {t('resident.recordedBy', { by: event.createdByName ?? '—', at: formatDateTime(event.createdAt, false) })}
              </Text>
            </Stack>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
