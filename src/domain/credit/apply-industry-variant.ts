import type { CreditModelDefinition, IndustryVariant } from './credit-model-definition.js';

/**
 * The model as it applies to one industry: the variant whose `industry` equals the code exactly (issue 6, 3b).
 * Criterion weights become w_c·f_c / Σ_d w_d·f_d, indicator weights l_i·g_i / Σ_{j in same criterion} l_j·g_j
 * (multiplicative tilts, renormalised; unlisted ids keep factor 1; a criterion without tilted indicators keeps
 * its weights exactly), and overridden scoring rules replace the defaults. Everything else is inherited.
 * With no industry or no matching variant, returns the model itself (same object). The result carries no
 * variants (it is already specialised). The model is trusted to be valid (validateCreditModel).
 */
export function applyIndustryVariant(model: CreditModelDefinition, industry: string | null | undefined): CreditModelDefinition {
  const variant = findIndustryVariant(model, industry);
  if (!variant) return model;
  const cTilt = variant.criterionTilts ?? {};
  const iTilt = variant.indicatorTilts ?? {};
  const overrides = variant.ruleOverrides ?? {};

  let criteria = model.criteria;
  if (Object.keys(cTilt).length > 0) {
    const total = model.criteria.reduce((s, c) => s + c.weight * (cTilt[c.id] ?? 1), 0);
    criteria = model.criteria.map((c) => ({ ...c, weight: (c.weight * (cTilt[c.id] ?? 1)) / total }));
  }
  const totals = new Map<string, number>();
  const tilted = new Set<string>();
  for (const i of model.indicators) {
    totals.set(i.criterion, (totals.get(i.criterion) ?? 0) + i.weight * (iTilt[i.id] ?? 1));
    if (iTilt[i.id] !== undefined) tilted.add(i.criterion);
  }
  const indicators = model.indicators.map((i) => {
    const weight = tilted.has(i.criterion) ? (i.weight * (iTilt[i.id] ?? 1)) / (totals.get(i.criterion) as number) : i.weight;
    const rule = overrides[i.id] ?? i.rule;
    return weight === i.weight && rule === i.rule ? i : { ...i, weight, rule };
  });
  return { ...model, criteria, indicators, industryVariants: [] };
}

/** The variant for an industry code (exact match), or undefined. */
export function findIndustryVariant(model: CreditModelDefinition, industry: string | null | undefined): IndustryVariant | undefined {
  if (industry === null || industry === undefined || industry === '') return undefined;
  return model.industryVariants.find((v) => v.industry === industry);
}
