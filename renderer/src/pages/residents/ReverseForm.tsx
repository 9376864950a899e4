import { call } from '../../client';
import { ReverseLatestForm } from '../../components/ReverseLatestForm';
import type { Resident, ResidentEventView } from '../../contract';
import { useT } from '../../i18n';
import type { ActionProps } from './action-form';
import { useEventSummary } from './EventTimeline';

/** 冲销最近一条记录: the latest effective event is cancelled by a reversal event (nothing is deleted). */
export function ReverseForm(props: ActionProps & { resident: Resident; event: ResidentEventView }) {
  const { t } = useT();
  const summary = useEventSummary(props.resident);
  const what = summary(props.event);
  return (
    <ReverseLatestForm
      targetField="eventId"
      what={what}
      targetTestId="reverse-target"
      texts={{
        which: t('resident.reverseWhich'),
        help: t('resident.reverseHelp'),
        reasonLabel: t('resident.reverseReason'),
        next: t('resident.reverseNext'),
        confirm: t('resident.reverseConfirm', { what }),
        reasonShown: (reason) => t('resident.reverseReasonShown', { reason }),
        back: t('resident.reverseBack'),
        confirmButton: t('resident.reverseConfirmButton'),
      }}
      send={(reason) => call('residents.reverse', { id: props.resident.id, version: props.resident.version, eventId: props.event.id, reason })}
      onSaved={props.onSaved}
      onCancel={props.onCancel}
      onReload={props.onReload}
    />
  );
}
