import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { logGamma } from '../../../../../src/domain/statistics/distributions/log-gamma.js';
import { relativeError } from '../relative-error.js';

describe('logGamma', () => {
  it('R 4.x: lgamma(0.5) = log(sqrt(pi)) = 0.5723649429247001', () => {
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
  });

  it('integers are log factorials: lgamma(10) = log(9!) = log(362880)', () => {
    expect(logGamma(10)).toBe(Math.log(362880));
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
  });

  it('R 4.x: lgamma(100) = 359.1342053695754 (mpmath 30-digit: 359.134205369575398776)', () => {
    expect(relativeError(logGamma(100), 359.1342053695754)).toBeLessThan(1e-15);
  });

  it('large and tiny arguments (mpmath 30-digit loggamma: 1000.5 → 5908.674175848677, 1e-8 → 18.42068073818021)', () => {
    expect(relativeError(logGamma(1000.5), 5908.674175848677)).toBeLessThan(1e-15);
    expect(relativeError(logGamma(1e-8), 18.42068073818021)).toBeLessThan(1e-15);
  });

  it('satisfies the recurrence ln Γ(x + 1) = ln Γ(x) + ln x (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), (x) => {
      const lhs = logGamma(x + 1);
      const rhs = logGamma(x) + Math.log(x);
      return Math.abs(lhs - rhs) <= 1e-12 * Math.max(1, Math.abs(lhs));
    }));
  });

  it('rejects x ≤ 0 and non-finite x with a DomainError', () => {
    expect(() => logGamma(0)).toThrow(DomainError);
    expect(() => logGamma(-1.5)).toThrow(DomainError);
    expect(() => logGamma(Number.NaN)).toThrow(DomainError);
    expect(() => logGamma(Number.POSITIVE_INFINITY)).toThrow(DomainError);
  });
});
