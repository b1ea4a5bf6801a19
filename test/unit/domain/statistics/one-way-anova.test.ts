import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { oneWayAnova } from '../../../../src/domain/statistics/one-way-anova.js';
import { PLANT_GROWTH } from './oracle-data.js';

describe('oneWayAnova', () => {
  it('R 4.x summary(aov(weight ~ group, PlantGrowth)): F = 4.846, df 2 and 27, p = 0.01591', () => {
    const result = oneWayAnova(Object.values(PLANT_GROWTH));
    expect(result.f).toBeCloseTo(4.846087862380136, 10); // SciPy f_oneway
    expect(result.df1).toBe(2);
    expect(result.df2).toBe(27);
    expect(result.p).toBeCloseTo(0.01591, 5);
    // R: Sum Sq group 3.766, Residuals 10.492.
    expect(result.ssBetween).toBeCloseTo(3.76634, 5);
    expect(result.ssWithin).toBeCloseTo(10.49209, 5);
  });

  it('hand-derived: groups {1, 2, 3} and {4, 5, 6} → SSB = 13.5, SSW = 4, F = 13.5/(4/4) = 13.5', () => {
    const result = oneWayAnova([[1, 2, 3], [4, 5, 6]]);
    expect(result.f).toBeCloseTo(13.5, 12);
    expect(result.etaSquared).toBeCloseTo(13.5 / 17.5, 12);
  });

  it('one group, N = g and no variation within groups are DomainErrors, never NaN or Infinity', () => {
    expect(() => oneWayAnova([[1, 2, 3]])).toThrow(DomainError);
    expect(() => oneWayAnova([[1], [2]])).toThrow(DomainError);
    expect(() => oneWayAnova([[1, 1], [2, 2]])).toThrow(/no variation within/);
  });

  it('p ∈ [0, 1] and invariant to group order (property)', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }), { minLength: 2, maxLength: 5 }), (gs) => {
      let result;
      try { result = oneWayAnova(gs); } catch (e) { return e instanceof DomainError; }
      const reversed = oneWayAnova([...gs].reverse());
      return result.p >= 0 && result.p <= 1 && Math.abs(result.f - reversed.f) < 1e-9 * Math.max(1, result.f);
    }));
  });
});
