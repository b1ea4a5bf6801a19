import { describe, expect, it } from 'vitest';
import { scoreBorrower } from '../../../../src/domain/credit/score-borrower.js';
import { dataCompleteness } from '../../../../src/domain/policy/data-completeness.js';
import { demoModel, perfectIndicators } from '../credit/demo-model.js';

// Oracle: completeness = Σ present W_c·l_i / Σ W_c·l_i, re-derived by hand. In C2 the demo matrix is consistent,
// so the local weights are exactly (1/3, 1/6, 1/6, 1/3) and I21 carries W_C2/3 of the total.
describe('dataCompleteness', () => {
  const model = demoModel();
  const W = (id: string, m = model) => m.criteria.find((c) => c.id === id)?.weight as number;
  const all = perfectIndicators(model);

  it('is 1 with every indicator, and 1 − W_C2/3 ≈ 0.9286 without I21 (W_C2 ≈ .2143, credit-default-model.md)', () => {
    expect(dataCompleteness(model, scoreBorrower(model, { indicators: all }))).toBeCloseTo(1, 12);
    const evaluation = scoreBorrower(model, { indicators: { ...all, I21: null } });
    expect(dataCompleteness(model, evaluation)).toBeCloseTo(1 - W('C2') / 3, 12);
    expect(dataCompleteness(model, evaluation)).toBeCloseTo(0.9286, 4);
  });

  it('a whole criterion missing removes its weight: without C7 → 1 − W_C7 (≈ .9215); in facility mode C7 does not count', () => {
    const noC7 = { ...all, I71: null, I72: null };
    expect(dataCompleteness(model, scoreBorrower(model, { indicators: noC7 }))).toBeCloseTo(1 - W('C7'), 12);
    const facility = demoModel({ collateralMode: 'facility-grade-only' });
    expect(dataCompleteness(facility, scoreBorrower(facility, { indicators: noC7 }))).toBeCloseTo(1, 12);
    // Facility mode, I21 missing: W_C2/3 out of the weight without C7.
    expect(dataCompleteness(facility, scoreBorrower(facility, { indicators: { ...all, I21: null } }))).toBeCloseTo(1 - W('C2') / 3 / (1 - W('C7')), 12);
  });

  it('uses the industry variant’s weights: C2 tilted ×3 gives W′ = 3W/(1 + 2W), so I21 missing → 1 − W′/3', () => {
    const tilted = demoModel({ industryVariants: [{ industry: 'F51', criterionTilts: { C2: 3 }, rationale: 'test' }] });
    const evaluation = scoreBorrower(tilted, { industry: 'F51', indicators: { ...all, I21: null } });
    const w = W('C2', tilted);
    expect(dataCompleteness(tilted, evaluation)).toBeCloseTo(1 - (3 * w) / (1 + 2 * w) / 3, 12);
  });
});
