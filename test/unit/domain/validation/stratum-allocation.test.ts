import { describe, expect, it } from 'vitest';
import { allocateSample } from '../../../../src/domain/validation/stratum-allocation.js';

describe('allocateSample', () => {
  it('proportional (Cochran 1977 §5.3): N = (100, 200, 700), n = 100 → (10, 20, 70)', () => {
    expect(allocateSample({ sizes: [100, 200, 700], sampleSize: 100 }).sizes).toEqual([10, 20, 70]);
  });

  it('Neyman (Cochran 1977 eq. 5.26), hand-derived: N·S = (1000, 1000, 700) → 100·(10/27, 10/27, 7/27) = (37.04, 37.04, 25.93) → (37, 37, 26)', () => {
    const r = allocateSample({ sizes: [100, 200, 700], dispersions: [10, 5, 1], sampleSize: 100 });
    expect(r.targets[0]).toBeCloseTo(1000 / 27, 12);
    expect(r.sizes).toEqual([37, 37, 26]);
  });

  it('largest remainder keeps Σ n_h = n: N = (1, 1, 1), n = 2 → (1, 1, 0) (ties to the earlier stratum)', () => {
    expect(allocateSample({ sizes: [1, 1, 1], sampleSize: 2 }).sizes).toEqual([1, 1, 0]);
  });

  it('caps at N_h and re-allocates: Neyman would give the small volatile stratum more than it has', () => {
    const r = allocateSample({ sizes: [5, 1000], dispersions: [100, 1], sampleSize: 50 });
    expect(r.sizes).toEqual([5, 45]);
  });

  it('raises strata to the minimum: proportional N = (10, 990), n = 20, minimum 5 → (5, 15)', () => {
    expect(allocateSample({ sizes: [10, 990], sampleSize: 20, minimum: 5 }).sizes).toEqual([5, 15]);
  });

  it('Neyman with zero dispersion everywhere falls back to proportional', () => {
    const r = allocateSample({ sizes: [30, 70], dispersions: [0, 0], sampleSize: 10 });
    expect(r.sizes).toEqual([3, 7]);
    expect(r.fellBackToProportional).toBe(true);
  });

  it('a sample too small for the minimum, or larger than the population, gives a clear message', () => {
    expect(() => allocateSample({ sizes: [50, 50, 50], sampleSize: 5, minimum: 2 })).toThrow(/cannot give each of the 3 strata its minimum of 2/);
    expect(() => allocateSample({ sizes: [5, 5], sampleSize: 11 })).toThrow(/between 1 and the population size 10/);
  });
});
