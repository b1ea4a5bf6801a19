import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { binomialCdf, binomialPmf, binomialSurvival } from '../../../../../src/domain/statistics/distributions/binomial-distribution.js';
import { relativeError } from '../relative-error.js';

describe('binomial distribution', () => {
  it('R 4.x: pbinom(3, 10, 0.5) = 0.171875 (= 176/1024)', () => {
    expect(relativeError(binomialCdf(3, 10, 0.5), 0.171875)).toBeLessThan(1e-14);
  });

  it('R 4.x: dbinom(3, 10, 0.5) = 0.1171875 (= 120/1024)', () => {
    expect(relativeError(binomialPmf(3, 10, 0.5), 0.1171875)).toBeLessThan(1e-14);
  });

  it('survival is P(X ≥ k): R 4.x pbinom(6, 10, 0.5, lower.tail = FALSE) = P(X ≥ 7) = 0.171875', () => {
    expect(relativeError(binomialSurvival(7, 10, 0.5), 0.171875)).toBeLessThan(1e-14);
  });

  it('upper tail keeps relative accuracy: P(X ≥ 50 | n = 100, p = 0.3) = 2.206091332716599e-05 (exact mpmath sum)', () => {
    expect(relativeError(binomialSurvival(50, 100, 0.3), 2.206091332716599e-5)).toBeLessThan(1e-13);
  });

  it('P(X = 0) = (1 − p)^n: 0.999^1000 = 0.36769542477096404 (mpmath)', () => {
    expect(relativeError(binomialPmf(0, 1000, 0.001), 0.36769542477096404)).toBeLessThan(1e-14);
    expect(relativeError(binomialCdf(0, 1000, 0.001), 0.36769542477096404)).toBeLessThan(1e-14);
  });

  it('boundaries: k < 0, k ≥ n, p ∈ {0, 1}', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(binomialSurvival(0, 10, 0.3)).toBe(1);
    expect(binomialSurvival(11, 10, 0.3)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialCdf(2, 5, 0)).toBe(1);
    expect(binomialSurvival(1, 5, 0)).toBe(0);
  });

  it('pmf sums to cdf; cdf(k) + survival(k + 1) = 1 (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 200 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat(),
      (n, p, seed) => {
        const k = n === 0 ? 0 : seed % (n + 1);
        let sum = 0;
        for (let j = 0; j <= k; j++) sum += binomialPmf(j, n, p);
        const cdf = binomialCdf(k, n, p);
        return Math.abs(sum - cdf) < 1e-12 && Math.abs(cdf + binomialSurvival(k + 1, n, p) - 1) < 1e-14;
      },
    ));
  });

  it('rejects non-integer n, p outside [0, 1] and non-integer pmf counts', () => {
    expect(() => binomialCdf(1, 2.5, 0.5)).toThrow(DomainError);
    expect(() => binomialCdf(1, 10, 1.5)).toThrow(DomainError);
    expect(() => binomialPmf(1.5, 10, 0.5)).toThrow(DomainError);
  });
});
