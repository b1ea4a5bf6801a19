import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeCaseCovariance } from '../../../../src/domain/statistics/complete-case-covariance.js';

describe('completeCaseCovariance', () => {
  it('hand-derived: x = 1, 2, 3, 4 and y = 2, 4, 6, 9 → var x = 5/3, cov = 23/6 ÷ … (R: cov(x, y) = 3.833333)', () => {
    // Σ(x − 2.5)(y − 5.25) = (−1.5)(−3.25) + (−0.5)(−1.25) + 0.5·0.75 + 1.5·3.75 = 11.5 → cov = 11.5/3.
    const { covariance, n, means } = completeCaseCovariance([Float64Array.from([1, 2, 3, 4]), Float64Array.from([2, 4, 6, 9])]);
    expect(n).toBe(4);
    expect(means[1]).toBeCloseTo(5.25, 14);
    expect(covariance[0]).toBeCloseTo(5 / 3, 14);
    expect(covariance[1]).toBeCloseTo(11.5 / 3, 14);
    expect(covariance[2]).toBeCloseTo(11.5 / 3, 14);
  });

  it('listwise deletion: rows with any NaN are dropped', () => {
    const result = completeCaseCovariance([Float64Array.from([1, 2, Number.NaN, 3]), Float64Array.from([1, 2, 5, Number.NaN])]);
    expect(result.n).toBe(2);
    expect(result.dropped).toBe(2);
    expect(result.covariance[1]).toBeCloseTo(0.5, 14);
  });

  it('no cancellation with a large offset: 1e9 + {1, 2, 3} has variance exactly 1 (shifted-data algorithm)', () => {
    const { covariance } = completeCaseCovariance([Float64Array.from([1e9 + 1, 1e9 + 2, 1e9 + 3])]);
    expect(covariance[0]).toBe(1);
  });

  it('matches the textbook two-pass formula (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })), { minLength: 2, maxLength: 50 }), (pairs) => {
      const x = pairs.map((p) => p[0]);
      const y = pairs.map((p) => p[1]);
      const mx = x.reduce((s, v) => s + v, 0) / x.length;
      const my = y.reduce((s, v) => s + v, 0) / y.length;
      const expected = x.reduce((s, v, i) => s + (v - mx) * (y[i] - my), 0) / (x.length - 1);
      const { covariance } = completeCaseCovariance([Float64Array.from(x), Float64Array.from(y)]);
      return Math.abs(covariance[1] - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
    }));
  });
});
