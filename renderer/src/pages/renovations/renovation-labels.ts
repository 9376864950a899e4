/**
 * Texts and colours of the renovations area's fixed lists, shared by the cases, progress and settings
 * pages so each value reads the same everywhere (keys "renovation.*").
 */
import type {
  CaseState,
  DocumentTag,
  FileState,
  HouseholdCategory,
  HouseholdCondition,
  ItemCategory,
  PhotoTag,
  StepKind,
} from '../../contract';
import type { Translator } from '../../i18n';

type T = Translator['t'];

export { options } from '../institutions/welfare-labels';

export const householdCategoryLabel = (t: T, v: HouseholdCategory) => t(`renovation.category.${v}`);
export const conditionLabel = (t: T, v: HouseholdCondition) => t(`renovation.condition.${v}`);
/** A step record as the timeline names it (申请, 乡镇审核 … 更正); 'acceptance' is the form recording either result. */
export const stepLabel = (t: T, v: StepKind | 'acceptance') => t(`renovation.step.${v}`);
/** Where a case stands (已申请, 施工中, 补助已发放 …). */
export const stateLabel = (t: T, v: CaseState) => t(`renovation.state.${v}`);
export const itemCategoryLabel = (t: T, v: ItemCategory) => t(`renovation.itemCategory.${v}`);
export const photoTagLabel = (t: T, v: PhotoTag) => t(`renovation.photoTag.${v}`);
export const documentTagLabel = (t: T, v: DocumentTag) => t(`renovation.documentTag.${v}`);
export const fileStateLabel = (t: T, v: FileState) => t(`renovation.fileState.${v}`);

const PHOTO_TAG_SET = new Set<string>(['before', 'during', 'after']);
/** A photo's or a document's tag. */
export function attachmentTagLabel(t: T, v: PhotoTag | DocumentTag): string {
  return PHOTO_TAG_SET.has(v) ? photoTagLabel(t, v as PhotoTag) : documentTagLabel(t, v as DocumentTag);
}

/** Badge colours: grey while on paper, blue through review and assessment, orange under works, green once paid. */
export const CASE_STATE_COLORS: Record<CaseState, string> = {
  applied: 'gray',
  town_reviewed: 'blue',
  county_reviewed: 'blue',
  publicised: 'indigo',
  assessed: 'cyan',
  plan_signed: 'teal',
  works_started: 'orange',
  works_completed: 'yellow',
  accepted: 'lime',
  paid: 'green',
  satisfaction: 'green',
  rejected: 'red',
  withdrawn: 'dark',
};

export const FILE_STATE_COLORS: Record<FileState, string> = {
  ok: 'green',
  missing: 'red',
  altered: 'red',
};
