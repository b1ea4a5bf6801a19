import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { fCdf, fQuantile, fSurvival } from '../../../../../src/domain/statistics/distributions/f-distribution.js';
import { studentTCdf } from '../../../../../src/domain/statistics/distributions/student-t-distribution.js';
import { relativeError } from '../relative-error.js';

describe('F distribution', () => {
  it('R 4.x: qf(0.975, 5, 10) = 4.236085 (mpmath 4.2360856681886341)', () => {
    expect(relativeError(fQuantile(0.975, 5, 10), 4.236085668188634)).toBeLessThan(1e-14);
    expect(fCdf(4.236085, 5, 10)).toBeCloseTo(0.975, 7);
  });

  it('R 4.x: qf(0.95, 2, 27) = 3.354131 (mpmath 3.3541308285291979)', () => {
    expect(relativeError(fQuantile(0.95, 2, 27), 3.354130828529198)).toBeLessThan(1e-14);
  });

  it('R 4.x PlantGrowth ANOVA: pf(4.846088, 2, 27, lower.tail = FALSE) = 0.01591 (mpmath 0.015909956714456343)', () => {
    expect(relativeError(fSurvival(4.846088, 2, 27), 0.015909956714456343)).toBeLessThan(1e-13);
  });

  it('closed form for d1 = d2 = 2: P(F ≤ f) = f/(1 + f)', () => {
    for (const f of [0.01, 0.5, 1, 3, 100]) expect(relativeError(fCdf(f, 2, 2), f / (1 + f))).toBeLessThan(1e-14);
  });

  it('F(1, ν) is the square of t(ν): P(F ≤ t²) = 2·P(T ≤ t) − 1', () => {
    for (const [t, df] of [[0.7, 3], [2.1, 12], [4, 40]]) {
      expect(relativeError(fCdf(t * t, 1, df), 2 * studentTCdf(t, df) - 1)).toBeLessThan(1e-13);
    }
  });

  it('inverse round trip and cdf + survival = 1 (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-10, max: 1 - 1e-9, noNaN: true }),
      fc.double({ min: 0.2, max: 500, noNaN: true }),
      fc.double({ min: 0.2, max: 1e5, noNaN: true }),
      (p, d1, d2) => {
        const f = fQuantile(p, d1, d2);
        const back = p <= 0.5 ? fCdf(f, d1, d2) : 1 - fSurvival(f, d1, d2);
        return relativeError(back, p) < 1e-10 && Math.abs(fCdf(f, d1, d2) + fSurvival(f, d1, d2) - 1) < 1e-14;
      },
    ));
  });

  it('rejects non-positive degrees of freedom and p = 1', () => {
    expect(() => fCdf(1, 0, 3)).toThrow(DomainError);
    expect(() => fQuantile(1, 2, 3)).toThrow(DomainError);
    expect(fCdf(0, 2, 3)).toBe(0);
    expect(fSurvival(-1, 2, 3)).toBe(1);
  });
});
