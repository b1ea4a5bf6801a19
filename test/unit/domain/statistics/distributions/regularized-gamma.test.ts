import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { regularizedGammaP, regularizedGammaQ } from '../../../../../src/domain/statistics/distributions/regularized-gamma.js';
import { relativeError } from '../relative-error.js';

describe('regularizedGammaP / regularizedGammaQ', () => {
  it('closed form for a = 1: P(1, x) = 1 − e^−x, Q(1, x) = e^−x', () => {
    for (const x of [1e-6, 0.3, 1, 2.5, 10, 50]) {
      expect(relativeError(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-14);
      expect(relativeError(regularizedGammaQ(1, x), Math.exp(-x))).toBeLessThan(1e-14);
    }
  });

  it('R 4.x: pgamma(2, 0.5) = 0.9544997361036416 (= P(|Z| < 2) = erf(√2))', () => {
    expect(relativeError(regularizedGammaP(0.5, 2), 0.9544997361036416)).toBeLessThan(1e-15);
  });

  it('R 4.x: pgamma(30, 10, lower.tail = FALSE) = 7.121750862815577e-06 (mpmath 7.1217508628155771e-6)', () => {
    expect(relativeError(regularizedGammaQ(10, 30), 7.121750862815577e-6)).toBeLessThan(1e-13);
  });

  it('keeps relative accuracy far in the upper tail: Q(5, 200) = 9.413291991183476e-80 (mpmath 30-digit)', () => {
    expect(relativeError(regularizedGammaQ(5, 200), 9.413291991183476e-80)).toBeLessThan(1e-13);
  });

  it('large shape: P(10⁴, 10050) = 0.6923424407025656 (mpmath 30-digit gammainc)', () => {
    expect(relativeError(regularizedGammaP(1e4, 10050), 0.6923424407025656)).toBeLessThan(1e-13);
  });

  it('P(a, 0) = 0 and Q(a, 0) = 1', () => {
    expect(regularizedGammaP(3, 0)).toBe(0);
    expect(regularizedGammaQ(3, 0)).toBe(1);
  });

  it('P + Q = 1 and P is non-decreasing in x (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 0.05, max: 500, noNaN: true }),
      fc.double({ min: 0, max: 1000, noNaN: true }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      (a, x, step) => {
        const p = regularizedGammaP(a, x);
        const q = regularizedGammaQ(a, x);
        return p >= 0 && p <= 1 && Math.abs(p + q - 1) < 1e-14 && regularizedGammaP(a, x + step) >= p - 1e-15;
      },
    ));
  });

  it('rejects a ≤ 0 and x < 0', () => {
    expect(() => regularizedGammaP(0, 1)).toThrow(DomainError);
    expect(() => regularizedGammaQ(2, -1)).toThrow(DomainError);
    expect(() => regularizedGammaP(2, Number.NaN)).toThrow(DomainError);
  });
});
