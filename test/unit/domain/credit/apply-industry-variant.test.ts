import { describe, expect, it } from 'vitest';
import { applyIndustryVariant } from '../../../../src/domain/credit/apply-industry-variant.js';
import { demoModel } from './demo-model.js';

// Oracle: the tilt formula w_c·f_c / Σ w_d·f_d (issue 6 item 3b), evaluated by hand on the demo weights.
describe('applyIndustryVariant (multiplicative tilts, renormalised; inherits the default)', () => {
  const model = demoModel({
    industryVariants: [{
      industry: 'F51', criterionTilts: { C6: 3 }, indicatorTilts: { I21: 2 },
      ruleOverrides: { I42: { kind: 'anchors', anchors: [{ raw: 60, score: 100 }, { raw: 360, score: 0 }] } },
      rationale: 'wholesale',
    }],
  });

  it('returns the same model for an industry without a variant or no industry', () => {
    expect(applyIndustryVariant(model, 'C13')).toBe(model);
    expect(applyIndustryVariant(model, undefined)).toBe(model);
  });

  it('tilts criterion weights and renormalises: C6 ×3 → 3·.066148 / (1 + 2·.066148)', () => {
    const v = applyIndustryVariant(model, 'F51');
    const w = Object.fromEntries(v.criteria.map((c) => [c.id, c.weight]));
    expect(w.C6).toBeCloseTo((3 * 0.066148) / (1 + 2 * 0.066148), 5);
    expect(w.C2).toBeCloseTo(0.214282 / (1 + 2 * 0.066148), 5);
    expect(Object.values(w).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 14);
  });

  it('tilts indicator weights within their criterion only: I21 ×2 in C2 (1/3,1/6,1/6,1/3) → (.5,.125,.125,.25)', () => {
    const v = applyIndustryVariant(model, 'F51');
    const w = Object.fromEntries(v.indicators.map((i) => [i.id, i.weight]));
    expect(w.I21).toBeCloseTo(0.5, 12);
    expect(w.I22).toBeCloseTo(0.125, 12);
    expect(w.I24).toBeCloseTo(0.25, 12);
    expect(w.I31).toBe(model.indicators.find((i) => i.id === 'I31')!.weight); // untouched criterion kept exactly
  });

  it('overrides the rule of I42 and inherits all other rules; the result has no variants', () => {
    const v = applyIndustryVariant(model, 'F51');
    expect(v.indicators.find((i) => i.id === 'I42')!.rule).toEqual({ kind: 'anchors', anchors: [{ raw: 60, score: 100 }, { raw: 360, score: 0 }] });
    expect(v.indicators.find((i) => i.id === 'I41')!.rule).toBe(model.indicators.find((i) => i.id === 'I41')!.rule);
    expect(v.industryVariants).toEqual([]);
    expect(v.gradeCaps).toBe(model.gradeCaps);
  });
});
