import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { kruskalWallis } from '../../../../src/domain/statistics/kruskal-wallis.js';
import { AIRQUALITY_OZONE_BY_MONTH, PLANT_GROWTH } from './oracle-data.js';

describe('kruskalWallis', () => {
  it('R documentation of kruskal.test: Ozone ~ Month (airquality) → chi-squared = 29.267, df = 4, p = 6.901e-06', () => {
    const result = kruskalWallis(Object.values(AIRQUALITY_OZONE_BY_MONTH));
    expect(result.statistic).toBeCloseTo(29.267, 3);
    expect(result.statistic).toBeCloseTo(29.26657630611694, 10); // SciPy stats.kruskal, tie-corrected
    expect(result.df).toBe(4);
    expect(result.p).toBeCloseTo(6.901e-6, 9);
    expect(result.n).toBe(116);
  });

  it('R 4.x kruskal.test(weight ~ group, PlantGrowth): chi-squared = 7.9882, df = 2, p = 0.01842', () => {
    const result = kruskalWallis(Object.values(PLANT_GROWTH));
    expect(result.statistic).toBeCloseTo(7.9882, 4);
    expect(result.p).toBeCloseTo(0.01842, 5);
  });

  it('tie correction, hand-derived: groups {1, 1, 2} and {2, 3, 3}', () => {
    // Mid-ranks: 1,1 → 1.5; 2,2 → 3.5; 3,3 → 5.5. R1 = 1.5 + 1.5 + 3.5 = 6.5, R2 = 3.5 + 5.5 + 5.5 = 14.5.
    // H0 = 12/(6·7)·(6.5² + 14.5²)/3 − 21 = 12/42·(42.25 + 210.25)/3 − 21 = 3.047619…
    // Ties: three pairs → Σ(t³ − t) = 18; correction 1 − 18/210 = 0.914285…; H = 3.047619/0.914286 = 3.333333.
    const result = kruskalWallis([[1, 1, 2], [2, 3, 3]]);
    expect(result.statistic).toBeCloseTo(10 / 3, 12);
    expect(result.df).toBe(1);
  });

  it('a single group, empty input and all-equal values are DomainErrors; empty groups are ignored', () => {
    expect(() => kruskalWallis([[1, 2, 3]])).toThrow(DomainError);
    expect(() => kruskalWallis([])).toThrow(DomainError);
    expect(() => kruskalWallis([[2, 2], [2, 2]])).toThrow(/all values are equal/);
    expect(kruskalWallis([[1, 1, 2], [], [2, 3, 3]]).df).toBe(1);
  });

  const groups = fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 30 }), { minLength: 2, maxLength: 5 });

  it('p ∈ [0, 1] and invariant to the order of groups and of values within groups (property)', () => {
    fc.assert(fc.property(groups, (gs) => {
      let result;
      try { result = kruskalWallis(gs); } catch (e) { return e instanceof DomainError; }
      const permuted = kruskalWallis([...gs].reverse().map((g) => [...g].reverse()));
      return result.p >= 0 && result.p <= 1 && result.statistic >= 0 && Math.abs(result.statistic - permuted.statistic) < 1e-9;
    }));
  });
});
