import { DomainError } from '../../domain-error.js';
import { betaQuantilePair } from './beta-distribution.js';
import { regularizedBetaTails } from './regularized-beta.js';

function validateDf(df: number): void {
  if (!Number.isFinite(df) || df <= 0) {
    throw new DomainError('invalid-argument', `Student's t distribution needs degrees of freedom > 0, got ${df}.`, { df });
  }
}

/**
 * Student's t distribution function P(T ≤ t) with df degrees of freedom (df > 0, not necessarily integer).
 * Two-sided tail P(|T| > |t|) = I_x(df/2, ½) with x = df/(df + t²) (Abramowitz & Stegun 26.7.1 / 26.5.27;
 * Numerical Recipes 3rd ed. §6.14.6); 1 − x = t²/(df + t²) is formed directly.
 * Example (R 4.x): pt(2.228139, 10) ≈ 0.975.
 */
export function studentTCdf(t: number, df: number): number {
  validateDf(df);
  if (Number.isNaN(t)) throw new DomainError('invalid-argument', "Student's t distribution needs a number, got NaN.", { t });
  if (t === 0) return 0.5;
  const t2 = t * t;
  let oneSided: number;
  if (!Number.isFinite(t2 + df)) {
    oneSided = 0;
  } else {
    const denominator = df + t2;
    oneSided = 0.5 * regularizedBetaTails(df / denominator, t2 / denominator, df / 2, 0.5).lower;
  }
  return t < 0 ? oneSided : 1 - oneSided;
}

/**
 * Student's t quantile: the t with P(T ≤ t) = p, for 0 < p < 1. For p < ½, x = I⁻¹_{2p}(df/2, ½) and
 * t = −√(df·(1 − x)/x); the upper half by symmetry (Abramowitz & Stegun 26.7.1; inversion by safeguarded Newton,
 * see `betaQuantilePair`). Example (R 4.x): qt(0.975, 10) = 2.228138851986274.
 */
export function studentTQuantile(p: number, df: number): number {
  validateDf(df);
  if (!(p > 0 && p < 1)) {
    throw new DomainError('invalid-argument', `Student's t quantile needs a probability strictly between 0 and 1, got ${p}.`, { p });
  }
  if (p === 0.5) return 0;
  const tail = p < 0.5 ? p : 1 - p;
  const { x, y } = betaQuantilePair(2 * tail, 1 - 2 * tail, df / 2, 0.5);
  const magnitude = Math.sqrt((df * y) / x);
  if (!Number.isFinite(magnitude)) throw new DomainError('out-of-range', `Student's t quantile for p = ${p} exceeds the floating-point range.`, { p, df });
  return p < 0.5 ? -magnitude : magnitude;
}
