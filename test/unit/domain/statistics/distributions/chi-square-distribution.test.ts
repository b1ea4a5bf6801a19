import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { chiSquareCdf, chiSquareQuantile, chiSquareSurvival } from '../../../../../src/domain/statistics/distributions/chi-square-distribution.js';
import { relativeError } from '../relative-error.js';

describe('chi-square distribution', () => {
  it('R 4.x: pchisq(3.841458820694124, 1) = 0.95 and qchisq(0.95, 1) = 3.841458820694124', () => {
    expect(relativeError(chiSquareCdf(3.841458820694124, 1), 0.95)).toBeLessThan(1e-15);
    expect(relativeError(chiSquareQuantile(0.95, 1), 3.841458820694124)).toBeLessThan(1e-14);
  });

  it('R 4.x: qchisq(0.05, 10) = 3.940299136119060 (mpmath 3.94029913611906003)', () => {
    expect(relativeError(chiSquareQuantile(0.05, 10), 3.94029913611906)).toBeLessThan(1e-14);
  });

  it('df = 2 is exponential: P(X > x) = e^(−x/2); R chisq.test example p = 2.954e-07 at X² = 30.07', () => {
    expect(relativeError(chiSquareSurvival(30.07, 2), Math.exp(-30.07 / 2))).toBeLessThan(1e-14);
    expect(chiSquareSurvival(30.07, 2)).toBeCloseTo(2.954e-7, 9);
    expect(relativeError(chiSquareQuantile(0.95, 2), -2 * Math.log(0.05))).toBeLessThan(1e-14);
  });

  it('small p-values keep relative accuracy: pchisq(500, 3, lower.tail = FALSE) = 4.771672031912759e-108 (mpmath)', () => {
    expect(relativeError(chiSquareSurvival(500, 3), 4.771672031912759e-108)).toBeLessThan(1e-12);
  });

  it('a quantile below the smallest double is returned as 0 (df = 0.05, p = 1e-12: true x ≈ 1e-480)', () => {
    expect(chiSquareQuantile(1e-12, 0.05)).toBe(0);
  });

  it('x ≤ 0 gives 0 (cdf) and 1 (survival); p = 0 gives quantile 0', () => {
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareQuantile(0, 3)).toBe(0);
  });

  it('inverse round trip on both tails (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }),
      fc.double({ min: 0.5, max: 2000, noNaN: true }),
      (p, df) => {
        const x = chiSquareQuantile(p, df);
        const back = p <= 0.5 ? chiSquareCdf(x, df) : 1 - chiSquareSurvival(x, df);
        return relativeError(back, p) < 1e-10;
      },
    ));
  });

  it('rejects df ≤ 0 and p = 1 (infinite quantile)', () => {
    expect(() => chiSquareCdf(1, 0)).toThrow(DomainError);
    expect(() => chiSquareQuantile(1, 3)).toThrow(DomainError);
    expect(() => chiSquareQuantile(-0.1, 3)).toThrow(DomainError);
  });
});
