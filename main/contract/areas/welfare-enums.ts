/**
 * The welfare-homes area's fixed lists, in a module without zod so the renderer can import the
 * values without pulling the schemas into its bundle.
 */

/** 敬老院, 福利院（儿童福利院）, 社会福利服务中心, 其他. */
export const INSTITUTION_TYPES = ['nursing_home', 'welfare_home', 'welfare_centre', 'other'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** 特困老年人, 特困残疾人, 孤儿（集中养育）, 事实无人抚养儿童, 其他. */
export const RESIDENT_CATEGORIES = ['tekun_elderly', 'tekun_disabled', 'orphan', 'de_facto_unsupported', 'other'] as const;
export type ResidentCategory = (typeof RESIDENT_CATEGORIES)[number];

/** Categories for children: their records are the most sensitive in the app. */
export const CHILD_CATEGORIES: readonly ResidentCategory[] = ['orphan', 'de_facto_unsupported'];
/** Categories paid the 特困 basic-living and care standards. */
export const TEKUN_CATEGORIES: readonly ResidentCategory[] = ['tekun_elderly', 'tekun_disabled'];

/** 集中供养（集中养育）, 分散供养（散居）. */
export const SUPPORT_FORMS = ['concentrated', 'dispersed'] as const;
export type SupportForm = (typeof SUPPORT_FORMS)[number];

/** The six self-care tasks: 吃饭, 穿衣, 上下床, 如厕, 室内行走, 洗澡. */
export const SELF_CARE_TASKS = ['eat', 'dress', 'transfer', 'toilet', 'walk', 'bathe'] as const;
export type SelfCareTask = (typeof SELF_CARE_TASKS)[number];

/** 全自理 (no task failed), 部分丧失 (1–3 failed), 完全丧失 (4–6 failed). */
export const SELF_CARE_LEVELS = ['self_care', 'partial', 'complete'] as const;
export type SelfCareLevel = (typeof SELF_CARE_LEVELS)[number];

export function selfCareLevel(failedTasks: number): SelfCareLevel {
  if (failedTasks <= 0) return 'self_care';
  return failedTasks <= 3 ? 'partial' : 'complete';
}

/** GB/T 42195-2022 老年人能力评估: 0 能力完好 … 4 能力完全丧失. */
export const GBT_LEVELS = [0, 1, 2, 3, 4] as const;
export type GbtLevel = (typeof GBT_LEVELS)[number];

export const ASSESSMENT_METHODS = ['six_task', 'gbt42195'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

/** 住院, 探亲, 其他. */
export const LEAVE_KINDS = ['hospital', 'family', 'other'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

/** 死亡, 恢复赡养（抚养）能力, 收入超标, 自愿退出, 年满18周岁或完成学业, 转出. */
export const EXIT_REASONS = ['death', 'regained_support', 'over_income', 'voluntary', 'age_out', 'transfer_out'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const EVENT_KINDS = ['admit', 'move', 'leave', 'return', 'reassess', 'exit', 'reversal'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A stay's state: in residence, on temporary leave, exited, or void (its admission was reversed). */
export const RESIDENT_STATUSES = ['present', 'leave', 'exited', 'void'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

/** The allowance standard's amounts, each monthly in 分 (null: not set). */
export const STANDARD_AMOUNTS = [
  'basicLivingFen',
  'careSelfCareConcentratedFen',
  'carePartialConcentratedFen',
  'careCompleteConcentratedFen',
  'careSelfCareDispersedFen',
  'carePartialDispersedFen',
  'careCompleteDispersedFen',
  'orphanConcentratedFen',
  'orphanDispersedFen',
] as const;
export type StandardAmount = (typeof STANDARD_AMOUNTS)[number];

/** Flags the overview raises: not reassessed in 12 months, a child turning 18 within 90 days, on leave over 30 days. */
export const RESIDENT_FLAGS = ['reassessment_overdue', 'turning_18', 'long_leave'] as const;
export type ResidentFlag = (typeof RESIDENT_FLAGS)[number];
