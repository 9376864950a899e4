import type { PlanSummary } from './areas/renovations';

/**
 * The plan's money (the main side's rule, also used by the plan editor's live summary), pure and in whole 分 (never floats): subsidised lines are paid by the subsidy up to
 * the plan year's per-household cap; what is over the cap falls to the household, as do the lines the
 * household pays itself.
 */

export interface LineMoney {
  quantity: number;
  unitPriceFen: number;
  subsidised: boolean;
}

/** quantity × unit price; both are integers, so the product is too (and far below 2^53). */
export function lineAmountFen(line: Pick<LineMoney, 'quantity' | 'unitPriceFen'>): number {
  return line.quantity * line.unitPriceFen;
}

/**
 * With no cap for the plan year (null) the plan cannot be signed; until then the summary shows the
 * subsidised lines as the subsidy with nothing over the cap, and the UI says that no cap is set.
 */
export function planSummary(lines: readonly LineMoney[], capFen: number | null): PlanSummary {
  let subsidisedLinesFen = 0;
  let householdLinesFen = 0;
  for (const line of lines) {
    if (line.subsidised) subsidisedLinesFen += lineAmountFen(line);
    else householdLinesFen += lineAmountFen(line);
  }
  const subsidyFen = capFen === null ? subsidisedLinesFen : Math.min(subsidisedLinesFen, capFen);
  const overCapFen = subsidisedLinesFen - subsidyFen;
  return {
    subsidisedLinesFen,
    householdLinesFen,
    capFen,
    subsidyFen,
    overCapFen,
    householdFen: householdLinesFen + overCapFen,
    totalFen: subsidisedLinesFen + householdLinesFen,
  };
}
