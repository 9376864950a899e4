/**
 * The renovations area's fixed lists, in a module without zod so the renderer can import the values
 * without pulling the schemas into its bundle.
 */

/** 分散供养特困, 低保, 低保边缘, 其他. */
export const HOUSEHOLD_CATEGORIES = ['tekun_dispersed', 'dibao', 'dibao_edge', 'other'] as const;
export type HouseholdCategory = (typeof HOUSEHOLD_CATEGORIES)[number];

/** 高龄, 失能, 残疾. */
export const HOUSEHOLD_CONDITIONS = ['advanced_age', 'disabled_care', 'disability'] as const;
export type HouseholdCondition = (typeof HOUSEHOLD_CONDITIONS)[number];

/**
 * The workflow in order: applied → town reviewed → county reviewed → publicised → assessed → plan
 * signed (一户一策) → works started → works completed → accepted → subsidy paid → satisfaction.
 */
export const WORKFLOW_STEPS = [
  'applied',
  'town_reviewed',
  'county_reviewed',
  'publicised',
  'assessed',
  'plan_signed',
  'works_started',
  'works_completed',
  'accepted',
  'paid',
  'satisfaction',
] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

/** Every kind of step record: the workflow's, a failed acceptance (back to works), the two ends, a correction. */
export const STEP_KINDS = [...WORKFLOW_STEPS, 'acceptance_failed', 'rejected', 'withdrawn', 'correction'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A case's state: the latest workflow step it reached, or rejected / withdrawn. */
export const CASE_STATES = [...WORKFLOW_STEPS, 'rejected', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** 地面, 门, 卧室, 如厕洗浴设备, 厨房设备, 物理环境, 老年用品配置. */
export const ITEM_CATEGORIES = ['floor', 'door', 'bedroom', 'toilet_bath', 'kitchen', 'environment', 'supplies'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const PHOTO_TAGS = ['before', 'during', 'after'] as const;
export type PhotoTag = (typeof PHOTO_TAGS)[number];
/** 签字的改造方案, 验收单, 发票, 其他. */
export const DOCUMENT_TAGS = ['signed_plan', 'acceptance_form', 'invoice', 'other'] as const;
export type DocumentTag = (typeof DOCUMENT_TAGS)[number];

/** What a stored file is found to be when checked against its recorded SHA-256. */
export const FILE_STATES = ['ok', 'missing', 'altered'] as const;
export type FileState = (typeof FILE_STATES)[number];

/** Photos and documents: images and PDFs only, at most 10 MB each. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A case counts as stuck when its current step is older than this many days (and it is not finished). */
export const STUCK_AFTER_DAYS = 30;
