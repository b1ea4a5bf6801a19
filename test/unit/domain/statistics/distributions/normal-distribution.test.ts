import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../../src/domain/domain-error.js';
import { normalCdf, normalDensity, normalQuantile, normalSurvival } from '../../../../../src/domain/statistics/distributions/normal-distribution.js';
import { relativeError } from '../relative-error.js';

describe('normal distribution', () => {
  it('R 4.x: qnorm(0.975) = 1.959963984540054 and qnorm(0.025) = −1.959963984540054', () => {
    expect(relativeError(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(relativeError(normalQuantile(0.025), -1.959963984540054)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('R 4.x: qnorm(1e-10) = −6.361340902404056 (AS 241 tail branch)', () => {
    expect(relativeError(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-15);
  });

  it('R 4.x: pnorm(1) = 0.8413447460685429, pnorm(1.959963984540054) = 0.975', () => {
    expect(relativeError(normalCdf(1), 0.8413447460685429)).toBeLessThan(1e-15);
    expect(relativeError(normalCdf(1.959963984540054), 0.975)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('far tail keeps relative accuracy — R 4.x: pnorm(-10) = 7.619853024160527e-24, pnorm(-37.5) = 4.605353009581955e-308', () => {
    expect(relativeError(normalCdf(-10), 7.619853024160527e-24)).toBeLessThan(1e-14);
    expect(relativeError(normalSurvival(10), 7.619853024160527e-24)).toBeLessThan(1e-14);
    expect(relativeError(normalCdf(-37.5), 4.605353009581955e-308)).toBeLessThan(1e-12);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('R 4.x: dnorm(0) = 0.3989422804014327', () => {
    expect(relativeError(normalDensity(0), 0.3989422804014327)).toBeLessThan(1e-15);
  });

  it('symmetry Φ(z) + Φ(−z) = 1, survival(z) = Φ(−z) (property)', () => {
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (z) =>
      Math.abs(normalCdf(z) + normalCdf(-z) - 1) < 1e-15 && normalSurvival(z) === normalCdf(-z)));
  });

  it('inverse round trip Φ(Φ⁻¹(p)) = p (property; tolerance z²·1e-15, the conditioning of Φ in its tail)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-300, max: 1 - 1e-12, noNaN: true }), (p) => {
      const z = normalQuantile(p);
      const back = z < 0 ? normalCdf(z) : 1 - normalSurvival(z);
      return relativeError(back, p) < 1e-14 * Math.max(1, z * z);
    }));
  });

  it('rejects p outside (0, 1) and NaN', () => {
    expect(() => normalQuantile(0)).toThrow(DomainError);
    expect(() => normalQuantile(1)).toThrow(DomainError);
    expect(() => normalCdf(Number.NaN)).toThrow(DomainError);
  });
});
