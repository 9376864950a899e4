import type { MessageKey, Params } from '../../i18n';
import { formatFen } from '../../money';
import { formatBytes } from '../../format';

/**
 * How the audit trail reads a renovation case's entries (entity 'renovation-case': the household,
 * each step, the plan's lines, each file attached or withdrawn). Used by audit-labels.ts.
 */

/** Stored field (snake_case) → label, for this entity only. */
export const RENOVATION_CASE_FIELD_KEYS: Record<string, MessageKey> = {
  case_number: 'renovations.caseNumber',
  category: 'renovations.category',
  conditions: 'renovations.conditions',
  conditions_json: 'renovations.conditions',
  people: 'renovations.people',
  town_code: 'renovations.town',
  town_name: 'renovations.town',
  village_code: 'renovations.village',
  village_name: 'renovations.village',
  address: 'renovations.address',
  phone: 'renovations.phone',
  plan_year: 'renovations.planYear',
  duplicate_reason: 'renovations.duplicateReason',
  notes: 'renovations.notes',
  state: 'renovations.state',
  state_date: 'renovations.audit.stateDate',
  applied_on: 'renovations.appliedOn',
  applied: 'renovation.step.applied',
  case_id: 'renovations.audit.case',
  seq: 'renovations.audit.seq',
  step: 'renovations.audit.step',
  step_date: 'renovations.stepDate',
  responsible: 'renovations.responsible',
  ability_level: 'renovations.abilityLevel',
  needs: 'renovations.needs',
  accepting_body: 'renovations.acceptingBody',
  amount_fen: 'renovations.amountYuan',
  voucher_number: 'renovations.voucherNumber',
  score: 'renovations.score',
  reason: 'renovations.audit.reason',
  note: 'renovations.stepNote',
  corrects_step_id: 'renovations.audit.corrects',
  corrects: 'renovations.audit.corrects',
  date: 'renovations.stepDate',
  lines: 'renovations.tab.plan',
  file_name: 'renovations.file.name',
  kind: 'renovations.audit.fileKind',
  tag: 'renovations.file.tag',
  plan_line_id: 'renovations.file.planLine',
  mime_type: 'renovations.audit.mimeType',
  size_bytes: 'renovations.file.size',
  sha256: 'renovations.audit.sha256',
  thumbnail_sha256: 'renovations.audit.thumbnailSha256',
  withdrawn_reason: 'renovations.file.withdrawReason',
};

type Translate = (key: MessageKey, params?: Params) => string;

function labelled(prefix: string, value: unknown, t: Translate): string | null {
  if (typeof value !== 'string') return null;
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? null : text;
}

function list(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** "地面防滑处理 2 × 800.00 元（补助）": a plan line as the trail keeps it. */
function lineText(line: unknown, t: Translate): string {
  if (!line || typeof line !== 'object') return String(line);
  const l = line as { item?: unknown; quantity?: unknown; unitPriceFen?: unknown; subsidised?: unknown; note?: unknown };
  const price = typeof l.unitPriceFen === 'number' ? `${formatFen(l.unitPriceFen)} ${t('money.yuan')}` : '—';
  const who = l.subsidised ? t('renovations.plan.bySubsidy') : t('renovations.plan.byHousehold');
  const note = typeof l.note === 'string' && l.note ? ` ${l.note}` : '';
  return `${String(l.item ?? '')} ${String(l.quantity ?? '')} × ${price}（${who}）${note}`;
}

/** A stored value of a renovation case's entry as a clerk reads it; null: nothing better than the raw value. */
export function renovationAuditValue(key: string, value: unknown, t: Translate): string | null {
  switch (key) {
    case 'category':
      return labelled('renovation.category', value, t);
    case 'conditions':
    case 'conditions_json': {
      const items = list(value);
      return items ? items.map((c) => labelled('renovation.condition', c, t) ?? String(c)).join('、') || '—' : null;
    }
    case 'people': {
      const items = list(value);
      return items ? items.map((p) => (p && typeof p === 'object' && 'name' in p ? String((p as { name: unknown }).name) : String(p))).join('、') : null;
    }
    case 'step':
      return labelled('renovation.step', value, t);
    case 'state':
      return labelled('renovation.state', value, t);
    case 'ability_level':
      return labelled('welfare.level', value, t);
    case 'kind':
      return value === 'photo' ? t('renovations.file.kindPhoto') : value === 'document' ? t('renovations.file.kindDocument') : null;
    case 'tag':
      return labelled('renovation.photoTag', value, t) ?? labelled('renovation.documentTag', value, t);
    case 'score':
      return typeof value === 'number' ? t('renovations.scoreOption', { score: value }) : null;
    case 'size_bytes':
      return typeof value === 'number' ? formatBytes(value) : null;
    case 'subsidised':
      return value === true || value === 1 ? t('common.yes') : value === false || value === 0 ? t('common.no') : null;
    case 'lines': {
      const items = list(value);
      if (!items) return null;
      return items.length === 0 ? t('renovations.plan.none') : items.map((l, i) => `${i + 1}. ${lineText(l, t)}`).join('\n');
    }
    default:
      return null;
  }
}
