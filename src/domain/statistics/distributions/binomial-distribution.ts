import { DomainError } from '../../domain-error.js';
import { regularizedBetaTails } from './regularized-beta.js';
import { binomialDensityRaw } from './saddle-point-density.js';

function validateParameters(n: number, p: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new DomainError('invalid-argument', `The binomial distribution needs a whole number of trials n ≥ 0, got ${n}.`, { n });
  }
  if (!(p >= 0 && p <= 1)) {
    throw new DomainError('invalid-argument', `The binomial distribution needs a probability 0 ≤ p ≤ 1, got ${p}.`, { p });
  }
}

function validateCount(k: number): void {
  if (Number.isNaN(k)) throw new DomainError('invalid-argument', 'The binomial distribution needs a count, got NaN.', { k });
}

/**
 * Binomial probability P(X = k) = C(n, k)·p^k·(1 − p)^(n−k), by Loader's (2000) saddle-point method (as R's
 * dbinom), accurate to ~1e-15 relative even for large n. k must be an integer; outside 0..n gives 0.
 * Example (R 4.x): dbinom(3, 10, 0.5) = 120/1024 = 0.1171875.
 */
export function binomialPmf(k: number, n: number, p: number): number {
  validateParameters(n, p);
  validateCount(k);
  if (!Number.isInteger(k)) throw new DomainError('invalid-argument', `A binomial count must be a whole number, got ${k}.`, { k });
  if (k < 0 || k > n) return 0;
  return binomialDensityRaw(k, n, p, 1 - p);
}

/**
 * Binomial distribution function P(X ≤ k) = I_{1−p}(n − k, k + 1) (Abramowitz & Stegun 26.5.24; Numerical
 * Recipes 3rd ed. §6.14.10); non-integer k is rounded down as in R. Example (R 4.x): pbinom(3, 10, 0.5) = 0.171875.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  validateParameters(n, p);
  validateCount(k);
  const m = Math.floor(k);
  if (m < 0) return 0;
  if (m >= n) return 1;
  return regularizedBetaTails(1 - p, p, n - m, m + 1).lower;
}

/**
 * Binomial survival P(X ≥ k) = I_p(k, n − k + 1) (note: ≥ k, the form a one-sided binomial test needs),
 * computed directly so that small tail probabilities keep their relative accuracy; non-integer k is rounded up.
 * Example (R 4.x): pbinom(6, 10, 0.5, lower.tail = FALSE) = P(X ≥ 7) = 0.171875.
 */
export function binomialSurvival(k: number, n: number, p: number): number {
  validateParameters(n, p);
  validateCount(k);
  const m = Math.ceil(k);
  if (m <= 0) return 1;
  if (m > n) return 0;
  return regularizedBetaTails(p, 1 - p, m, n - m + 1).lower;
}
