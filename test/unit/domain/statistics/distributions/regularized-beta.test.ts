import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { regularizedBeta, regularizedBetaComplement } from '../../../../../src/domain/statistics/distributions/regularized-beta.js';
import { relativeError } from '../relative-error.js';

describe('regularizedBeta', () => {
  it('R 4.x: pbeta(0.5, 2, 3) = 0.6875 exactly (= P(Bin(4, ½) ≥ 2) = 11/16)', () => {
    expect(relativeError(regularizedBeta(0.5, 2, 3), 0.6875)).toBeLessThan(1e-15);
  });

  it('closed forms: I_x(1, 1) = x, I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [1e-9, 0.01, 0.3, 0.77, 0.999]) {
      expect(relativeError(regularizedBeta(x, 1, 1), x)).toBeLessThan(1e-14);
      expect(relativeError(regularizedBeta(x, 3.7, 1), x ** 3.7)).toBeLessThan(1e-13);
      expect(relativeError(regularizedBeta(x, 1, 2.5), -Math.expm1(2.5 * Math.log1p(-x)))).toBeLessThan(1e-13);
    }
  });

  it('arcsine law: I_x(½, ½) = (2/π)·asin(√x); x = 0.1 → 0.20483276469913345', () => {
    expect(relativeError(regularizedBeta(0.1, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.1)))).toBeLessThan(1e-14);
  });

  it('large shapes near the mean stay accurate: I_0.49(10⁴, 10⁴) (50-digit mpmath continued fraction: 0.0023370593301100919)', () => {
    expect(relativeError(regularizedBeta(0.49, 1e4, 1e4), 0.0023370593301100919)).toBeLessThan(1e-12);
  });

  it('large a, small b (a t-test with df = 10⁵): 1 − I_y(½, 5·10⁴) = 0.0019999999999913 (50-digit hypergeometric series)', () => {
    const t = 3.090313809428529, df = 1e5;
    const y = (t * t) / (df + t * t);
    expect(relativeError(regularizedBetaComplement(y, 0.5, df / 2), 0.0019999999999913030)).toBeLessThan(1e-12);
  });

  it('keeps relative accuracy in the far upper tail: 1 − I_0.7(10⁵, 5·10⁴) = 1.652768758745233e-171 (mpmath)', () => {
    expect(relativeError(regularizedBetaComplement(0.7, 1e5, 5e4), 1.652768758745233e-171)).toBeLessThan(1e-11);
  });

  it('reflection I_x(a, b) = 1 − I_{1−x}(b, a) and monotonicity in x (property; x = k/1024 so 1 − x is exact)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1024 }).map((k) => k / 1024),
      fc.double({ min: 0.05, max: 300, noNaN: true }),
      fc.double({ min: 0.05, max: 300, noNaN: true }),
      (x, a, b) => {
        const value = regularizedBeta(x, a, b);
        const reflected = regularizedBetaComplement(1 - x, b, a);
        const larger = regularizedBeta(Math.min(1, x + 0.01), a, b);
        return value >= 0 && value <= 1 && Math.abs(value - reflected) < 1e-13 && larger >= value - 1e-15;
      },
    ));
  });

  it('rejects x outside [0, 1] and non-positive shapes', () => {
    expect(() => regularizedBeta(1.2, 1, 1)).toThrow(DomainError);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(DomainError);
    expect(() => regularizedBeta(Number.NaN, 1, 1)).toThrow(DomainError);
  });
});
