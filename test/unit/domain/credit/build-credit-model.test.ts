import { describe, expect, it } from 'vitest';
import { principalEigenvector } from '../../../../src/domain/ahp/principal-eigenvector.js';
import { buildCreditModel } from '../../../../src/domain/credit/build-credit-model.js';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { demoModel } from './demo-model.js';

describe('buildCreditModel', () => {
  const model = demoModel();

  // Oracle: the test-local power iteration (power-iteration.ts) against the project's AHP engine.
  it("with the AHP engine's principal eigenvector gives the same weights as the independent power iteration (1e-10)", () => {
    const viaEngine = buildCreditModel(DEFAULT_INDEX_SYSTEM, (m) => principalEigenvector(m.map((r) => [...r])).weights);
    viaEngine.criteria.forEach((c, i) => expect(Math.abs(c.weight - model.criteria[i].weight)).toBeLessThan(1e-10));
    viaEngine.indicators.forEach((x, i) => expect(Math.abs(x.weight - model.indicators[i].weight)).toBeLessThan(1e-10));
  });

  it('uses the documented defaults: renormalise missing values, C7 in the score, no variants or overlay, uncalibrated', () => {
    expect(model.missingPolicy).toBe('renormalise-within-criterion');
    expect(model.collateralMode).toBe('borrower-score');
    expect(model.collateralCriterion).toBe('C7');
    expect(model.industryVariants).toEqual([]);
    expect(model.overlay).toBeNull();
    expect(model.uncalibrated).toBe(true);
  });

  it('buildCreditModel from explicit local weights gives the same model as from the priority method', () => {
    const weights = {
      criteria: Object.fromEntries(model.criteria.map((c) => [c.id, c.weight])),
      indicators: Object.fromEntries(model.indicators.map((i) => [i.id, i.weight])),
    };
    expect(buildCreditModel(DEFAULT_INDEX_SYSTEM, weights)).toEqual(model);
    const { C7: _, ...partial } = weights.criteria;
    expect(() => buildCreditModel(DEFAULT_INDEX_SYSTEM, { ...weights, criteria: partial })).toThrow(/No weight was given for C7/);
  });

  it('rejects weights that do not sum to 1 within a criterion', () => {
    const weights = {
      criteria: Object.fromEntries(model.criteria.map((c) => [c.id, c.weight])),
      indicators: { ...Object.fromEntries(model.indicators.map((i) => [i.id, i.weight])), I71: 0.9 },
    };
    expect(() => buildCreditModel(DEFAULT_INDEX_SYSTEM, weights)).toThrow(expect.objectContaining({ code: 'invalid-model' }));
  });
});
