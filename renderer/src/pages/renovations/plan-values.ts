import { clientError } from '../../components/form-errors';
import { planSummary, type Input, type LedgerError, type PlanLine, type PlanSummary, type RenovationItem } from '../../contract';
import { fenToYuanInput, parseYuan } from '../../money';

/** One line of the plan as typed: quantity and unit price stay text until saved. */
export interface LineValues {
  key: string;
  itemId: string | null;
  quantity: string;
  /** 元, as typed. */
  unitPrice: string;
  subsidised: boolean;
  note: string;
}

let nextKey = 0;
const newKey = () => `line-${++nextKey}`;

export function linesOf(lines: readonly PlanLine[]): LineValues[] {
  return lines.map((l) => ({
    key: l.id,
    itemId: l.itemId,
    quantity: String(l.quantity),
    unitPrice: fenToYuanInput(l.unitPriceFen),
    subsidised: l.subsidised,
    note: l.note ?? '',
  }));
}

export function emptyLine(): LineValues {
  return { key: newKey(), itemId: null, quantity: '1', unitPrice: '', subsidised: false, note: '' };
}

/** A catalogue item chosen for a line: paid by the subsidy when the catalogue says so, at its reference price. */
export function withItem(line: LineValues, item: RenovationItem | undefined): LineValues {
  if (!item) return { ...line, itemId: null };
  return {
    ...line,
    itemId: item.id,
    subsidised: item.subsidised,
    unitPrice: line.unitPrice.trim() || item.referencePriceFen === null ? line.unitPrice : fenToYuanInput(item.referencePriceFen),
  };
}

/** Only an optional item the office marks subsidised may be switched to household-paid; basic items never. */
export function subsidyChoice(item: RenovationItem | undefined): 'fixed-yes' | 'fixed-no' | 'free' {
  if (!item || !item.subsidised) return 'fixed-no';
  return item.basic ? 'fixed-yes' : 'free';
}

function quantityOf(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** quantity × unit price in 分, or null while either is incomplete. */
export function lineAmountFen(line: LineValues): number | null {
  const quantity = quantityOf(line.quantity);
  const price = parseYuan(line.unitPrice);
  if (quantity === null || !price.ok || price.fen === null) return null;
  return quantity * price.fen;
}

/** The plan's money as the clerk types, by the main side's own rule; what is saved is the main side's summary. */
export function liveSummary(lines: readonly LineValues[], capFen: number | null): PlanSummary {
  return planSummary(
    lines.map((line) => ({ quantity: 1, unitPriceFen: lineAmountFen(line) ?? 0, subsidised: line.subsidised })),
    capFen,
  );
}

export const LINE_KEYS = ['itemId', 'quantity', 'unitPriceFen', 'subsidised', 'note'] as const;
export type LineKey = (typeof LINE_KEYS)[number];

/** The contract paths of the plan's fields: `lines`, and `lines.<i>.<key>` for each line. */
export function planFields(count: number): string[] {
  const fields = ['lines'];
  for (let i = 0; i < count; i++) for (const k of LINE_KEYS) fields.push(`lines.${i}.${k}`);
  return fields;
}

export function checkLines(lines: readonly LineValues[]): Record<string, LedgerError> {
  const found: Record<string, LedgerError> = {};
  lines.forEach((line, i) => {
    const at = (k: LineKey) => `lines.${i}.${k}`;
    if (!line.itemId) found[at('itemId')] = clientError('REQUIRED', at('itemId'));
    const quantity = quantityOf(line.quantity);
    if (quantity === null) found[at('quantity')] = clientError('REQUIRED', at('quantity'));
    else if (quantity < 1) found[at('quantity')] = clientError('TOO_SMALL', at('quantity'), { min: 1 });
    else if (quantity > 1000) found[at('quantity')] = clientError('TOO_LARGE', at('quantity'), { max: 1000 });
    const price = parseYuan(line.unitPrice);
    if (!price.ok) found[at('unitPriceFen')] = clientError('INVALID_INPUT', at('unitPriceFen'));
    else if (price.fen === null) found[at('unitPriceFen')] = clientError('REQUIRED', at('unitPriceFen'));
  });
  return found;
}

export function toPlanInput(lines: readonly LineValues[]): Input<'renovations.savePlan'>['lines'] {
  return lines.map((line) => {
    const price = parseYuan(line.unitPrice);
    return {
      itemId: line.itemId ?? '',
      quantity: quantityOf(line.quantity) ?? 0,
      unitPriceFen: price.ok ? (price.fen ?? 0) : 0,
      subsidised: line.subsidised,
      note: line.note.trim() || null,
    };
  });
}

/** Whether the typed lines differ from the saved plan. */
export function linesChanged(lines: readonly LineValues[], saved: readonly PlanLine[]): boolean {
  const a = JSON.stringify(toPlanInput(lines));
  const b = JSON.stringify(toPlanInput(linesOf(saved)));
  return a !== b;
}
