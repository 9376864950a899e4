import { call } from '../../client';
import { ReverseLatestForm } from '../../components/ReverseLatestForm';
import type { RenovationCase } from '../../contract';
import { useT } from '../../i18n';
import type { CaseActionProps } from './case-action';
import { stepTitle } from './StepTimeline';

/**
 * 更正最近一步: the latest effective step is reversed by a correction step (nothing is deleted); the
 * case goes back to where it stood before it.
 */
export function CorrectForm(props: CaseActionProps & { case: RenovationCase; target: NonNullable<RenovationCase['correctable']> }) {
  const { t } = useT();
  const what = stepTitle(t, props.target);
  return (
    <ReverseLatestForm
      targetField="stepId"
      what={what}
      targetTestId="correct-target"
      texts={{
        which: t('renovations.correctWhich'),
        help: t('renovations.correctHelp'),
        reasonLabel: t('renovations.correctReason'),
        next: t('renovations.correctNext'),
        confirm: t('renovations.correctConfirm', { what }),
        reasonShown: (text) => t('renovations.reasonShown', { text }),
        back: t('renovations.back'),
        confirmButton: t('renovations.correctConfirmButton'),
      }}
      send={(reason) => call('renovations.correct', { id: props.case.id, version: props.case.version, stepId: props.target.stepId, reason })}
      onSaved={props.onSaved}
      onCancel={props.onCancel}
      onReload={props.onReload}
    />
  );
}
