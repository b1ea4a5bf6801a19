import { applyIndustryVariant } from '../credit/apply-industry-variant.js';
import type { BorrowerEvaluation } from '../credit/borrower-evaluation.js';
import type { CreditModelDefinition } from '../credit/credit-model-definition.js';

/**
 * Share of indicator weight present (issue 9: "minimum data completeness"), using the model's nominal weights
 * before missing-value renormalisation: completeness = Σ_{i present} W_c(i)·l_i / Σ_i W_c(i)·l_i, with W_c the
 * criterion weights and l_i the local indicator weights (the industry variant's, when the evaluation applied one),
 * over the criteria that count in the borrower score (without the collateral criterion in 'facility-grade-only'
 * mode). Result in [0, 1]. Example (demo model, weights C1 .1174 …): only I21 missing (local weight 1/3 of C2,
 * W_C2 = .2143) → 1 − .2143/3 = .9286.
 */
export function dataCompleteness(model: CreditModelDefinition, evaluation: Pick<BorrowerEvaluation, 'missing' | 'adjustments'>): number {
  const variant = evaluation.adjustments.find((a) => a.kind === 'industry-variant');
  const m = variant && variant.kind === 'industry-variant' ? applyIndustryVariant(model, variant.industry) : model;
  const excluded = m.collateralMode === 'facility-grade-only' ? m.collateralCriterion : null;
  const criterionWeight = new Map(m.criteria.map((c) => [c.id, c.weight]));
  const missing = new Set(evaluation.missing);
  let total = 0, present = 0;
  for (const ind of m.indicators) {
    if (ind.criterion === excluded) continue;
    const w = (criterionWeight.get(ind.criterion) ?? 0) * ind.weight;
    total += w;
    if (!missing.has(ind.id)) present += w;
  }
  if (!(total > 0)) return 0;
  const share = present / total;
  return share > 1 ? 1 : share < 0 ? 0 : share;
}
