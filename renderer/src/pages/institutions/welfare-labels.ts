/**
 * Texts and colours of the welfare-homes area's fixed lists, shared by the institutions, residents,
 * allowances and overview pages so each value reads the same everywhere (keys "welfare.*").
 */
import type {
  AssessmentMethod,
  EventKind,
  ExitReason,
  GbtLevel,
  InstitutionType,
  LeaveKind,
  ResidentCategory,
  ResidentFlag,
  ResidentStatus,
  SelfCareLevel,
  SelfCareTask,
  StandardAmount,
  SupportForm,
} from '../../contract';
import type { Translator } from '../../i18n';

type T = Translator['t'];

export const institutionTypeLabel = (t: T, v: InstitutionType) => t(`welfare.type.${v}`);
export const categoryLabel = (t: T, v: ResidentCategory) => t(`welfare.category.${v}`);
export const supportFormLabel = (t: T, v: SupportForm) => t(`welfare.supportForm.${v}`);
export const levelLabel = (t: T, v: SelfCareLevel) => t(`welfare.level.${v}`);
export const taskLabel = (t: T, v: SelfCareTask) => t(`welfare.task.${v}`);
/** "2 中度失能": the level's number is how the GB/T form names it. */
export const gbtLevelLabel = (t: T, v: GbtLevel) => `${v} ${t(`welfare.gbt.${v}`)}`;
export const methodLabel = (t: T, v: AssessmentMethod) => t(`welfare.method.${v}`);
export const leaveKindLabel = (t: T, v: LeaveKind) => t(`welfare.leave.${v}`);
export const exitReasonLabel = (t: T, v: ExitReason) => t(`welfare.exit.${v}`);
export const eventKindLabel = (t: T, v: EventKind) => t(`welfare.event.${v}`);
export const statusLabel = (t: T, v: ResidentStatus) => t(`welfare.status.${v}`);
export const flagLabel = (t: T, v: ResidentFlag) => t(`welfare.flag.${v}`);
export const amountLabel = (t: T, v: StandardAmount) => t(`welfare.amount.${v}`);

/** Select options for a fixed list: `options(INSTITUTION_TYPES, (v) => institutionTypeLabel(t, v))`. */
export function options<V extends string>(values: readonly V[], label: (v: V) => string): { value: V; label: string }[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export const STATUS_COLORS: Record<ResidentStatus, string> = {
  present: 'green',
  leave: 'yellow',
  exited: 'gray',
  void: 'red',
};

export const LEVEL_COLORS: Record<SelfCareLevel, string> = {
  self_care: 'teal',
  partial: 'orange',
  complete: 'red',
};

export const FLAG_COLORS: Record<ResidentFlag, string> = {
  reassessment_overdue: 'orange',
  turning_18: 'grape',
  long_leave: 'yellow',
};

/**
 * A problem or warning from the main side ({code, params}) in the current language, through the same
 * translation as errors (pass the translator's errorText).
 */
export function problemText(
  errorText: Translator['errorText'],
  problem: { code: string; field?: string; params?: Record<string, string | number> },
): string {
  return errorText({ code: problem.code, field: problem.field, params: problem.params, message: problem.code });
}
