import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { betaCdf, betaQuantile } from '../../../../../src/domain/statistics/distributions/beta-distribution.js';
import { relativeError } from '../relative-error.js';

describe('beta distribution', () => {
  it('R 4.x: pbeta(0.5, 2, 3) = 0.6875 exactly', () => {
    expect(relativeError(betaCdf(0.5, 2, 3), 0.6875)).toBeLessThan(1e-15);
  });

  it('R 4.x: qbeta(0.5, 2, 2) = 0.5 (symmetric)', () => {
    expect(Math.abs(betaQuantile(0.5, 2, 2) - 0.5)).toBeLessThan(1e-15);
  });

  it('Jeffreys interval upper bound for 0 defaults in 10: qbeta(0.975, 0.5, 10.5); lower for 0.025 = 4.789043315758189e-05 (mpmath)', () => {
    expect(relativeError(betaQuantile(0.025, 0.5, 10.5), 4.789043315758189e-5)).toBeLessThan(1e-13);
  });

  it('closed form: Beta(a, 1) has quantile p^(1/a); Beta(1, 1) is uniform', () => {
    for (const p of [1e-8, 0.1, 0.5, 0.9, 0.999]) {
      expect(relativeError(betaQuantile(p, 3.5, 1), p ** (1 / 3.5))).toBeLessThan(1e-14);
      expect(relativeError(betaQuantile(p, 1, 1), p)).toBeLessThan(1e-14);
    }
  });

  it('extreme U-shaped Beta(0.1, 0.1) at p = 0.999 returns a quantile in (0, 1] that maps back', () => {
    const x = betaQuantile(0.999, 0.1, 0.1);
    expect(x).toBeGreaterThan(0.999999);
    expect(x).toBeLessThanOrEqual(1);
  });

  it('inverse round trip to 1e-9 relative, or within the cdf change over ±4 ulps of x (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-10, max: 1 - 1e-6, noNaN: true }),
      fc.double({ min: 0.1, max: 1000, noNaN: true }),
      fc.double({ min: 0.1, max: 1000, noNaN: true }),
      (p, a, b) => {
        const x = betaQuantile(p, a, b);
        // When x is within a few ulps of 1 the cdf can jump by more than 1e-9 between neighbouring doubles;
        // the tolerance is the change of the cdf over ±4 ulps of x (the best any double can do).
        const ulps = 4 * Number.EPSILON * Math.max(x, 1e-300);
        const conditioning = (betaCdf(Math.min(1, x + ulps), a, b) - betaCdf(Math.max(0, x - ulps), a, b)) / p;
        return x >= 0 && x <= 1 && relativeError(betaCdf(x, a, b), p) < 1e-9 + conditioning;
      },
    ));
  });

  it('symmetry Q(p; a, b) = 1 − Q(1 − p; b, a) (property; p = k/1024 so 1 − p is exact)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1023 }).map((k) => k / 1024),
      fc.double({ min: 0.1, max: 1000, noNaN: true }),
      fc.double({ min: 0.1, max: 1000, noNaN: true }),
      (p, a, b) => Math.abs(betaQuantile(p, a, b) - (1 - betaQuantile(1 - p, b, a))) < 1e-12,
    ));
  });

  it('a quantile below the smallest double is returned as 0 (a = 0.01, p = 1e-10: true x ≈ 1e-1000)', () => {
    expect(betaQuantile(1e-10, 0.01, 2)).toBe(0);
  });

  it('rejects non-positive shapes and p outside [0, 1]', () => {
    expect(() => betaCdf(0.5, -1, 2)).toThrow(DomainError);
    expect(() => betaQuantile(1.5, 1, 2)).toThrow(DomainError);
    expect(betaCdf(-0.1, 2, 2)).toBe(0);
    expect(betaCdf(1.1, 2, 2)).toBe(1);
    expect(betaQuantile(0, 2, 2)).toBe(0);
    expect(betaQuantile(1, 2, 2)).toBe(1);
  });
});
