import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { normalQuantile } from '../../../../../src/domain/statistics/distributions/normal-distribution.js';
import { studentTCdf, studentTQuantile } from '../../../../../src/domain/statistics/distributions/student-t-distribution.js';
import { relativeError } from '../relative-error.js';

describe("Student's t distribution", () => {
  it('R 4.x: pt(2.228139, 10) = 0.975 (mpmath 0.9750000062735587)', () => {
    expect(relativeError(studentTCdf(2.228139, 10), 0.9750000062735587)).toBeLessThan(1e-15);
  });

  it('R 4.x: qt(0.975, 10) = 2.228138851986274 and qt(0.025, 10) = −2.228138851986274', () => {
    expect(relativeError(studentTQuantile(0.975, 10), 2.228138851986274)).toBeLessThan(1e-14);
    expect(relativeError(studentTQuantile(0.025, 10), -2.228138851986274)).toBeLessThan(1e-14);
  });

  it('df = 1 is Cauchy: P(T ≤ t) = ½ + atan(t)/π; R 4.x qt(0.975, 1) = 12.70620473617471', () => {
    for (const t of [-50, -1, 0.3, 4]) expect(relativeError(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI)).toBeLessThan(1e-14);
    expect(relativeError(studentTQuantile(0.975, 1), 12.70620473617471)).toBeLessThan(1e-14);
  });

  it('df = 2 closed form: P(T ≤ t) = ½ + t/(2·√(2 + t²))', () => {
    for (const t of [-3, -0.2, 1, 10]) expect(relativeError(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)))).toBeLessThan(1e-14);
  });

  it('approaches the normal for large df: qt(0.975, 1e8) ≈ qnorm(0.975)', () => {
    expect(Math.abs(studentTQuantile(0.975, 1e8) - normalQuantile(0.975))).toBeLessThan(1e-7);
  });

  it('symmetry and inverse round trip (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }),
      fc.double({ min: 0.2, max: 1e6, noNaN: true }),
      (p, df) => {
        if (p === 0.5) return studentTQuantile(p, df) === 0;
        const t = studentTQuantile(p, df);
        const back = t < 0 ? studentTCdf(t, df) : 1 - studentTCdf(-t, df);
        return relativeError(back, p) < 1e-9 && Math.abs(studentTCdf(t, df) + studentTCdf(-t, df) - 1) < 1e-14;
      },
    ));
  });

  it('rejects df ≤ 0 and p outside (0, 1)', () => {
    expect(() => studentTCdf(1, 0)).toThrow(DomainError);
    expect(() => studentTQuantile(0, 5)).toThrow(DomainError);
    expect(() => studentTQuantile(1, 5)).toThrow(DomainError);
    expect(studentTCdf(0, 5)).toBe(0.5);
  });
});
