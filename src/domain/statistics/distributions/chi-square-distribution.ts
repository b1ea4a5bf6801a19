import { DomainError } from '../../domain-error.js';
import { solveIncreasingInLogScale } from './log-scale-root.js';
import { normalQuantile } from './normal-distribution.js';
import { regularizedGammaTails } from './regularized-gamma.js';
import { poissonDensityRaw } from './saddle-point-density.js';

const LOG_SMALLEST = Math.log(Number.MIN_VALUE);
const LOG_LARGEST = Math.log(Number.MAX_VALUE);

function validateDf(df: number): void {
  if (!Number.isFinite(df) || df <= 0) {
    throw new DomainError('invalid-argument', `The chi-square distribution needs degrees of freedom > 0, got ${df}.`, { df });
  }
}

function validateX(x: number): void {
  if (Number.isNaN(x)) throw new DomainError('invalid-argument', 'The chi-square distribution needs a number, got NaN.', { x });
}

/**
 * Chi-square distribution function P(X ≤ x) = P(df/2, x/2), the regularized lower incomplete gamma function
 * (Abramowitz & Stegun 26.4.19; Numerical Recipes 3rd ed. §6.2). x ≤ 0 gives 0.
 * Example (R 4.x): pchisq(3.841458820694124, 1) = 0.95.
 */
export function chiSquareCdf(x: number, df: number): number {
  validateDf(df);
  validateX(x);
  if (x <= 0) return 0;
  return regularizedGammaTails(df / 2, x / 2).lower;
}

/**
 * Chi-square survival function P(X > x) = Q(df/2, x/2), computed directly so that small p-values keep their
 * relative accuracy. Example (R 4.x): pchisq(30.07, 2, lower.tail = FALSE) ≈ 2.954e-07.
 */
export function chiSquareSurvival(x: number, df: number): number {
  validateDf(df);
  validateX(x);
  if (x <= 0) return 1;
  return regularizedGammaTails(df / 2, x / 2).upper;
}

/**
 * Inverse of the regularized incomplete gamma function: the x with P(a, x) = p (and Q(a, x) = q = 1 − p,
 * whichever is smaller is matched, for accuracy in the upper tail). Start from Wilson–Hilferty (a > 1) or the
 * small-a approximation of Numerical Recipes 3rd ed. §6.2.1 (`invgammp`), then safeguarded Newton in ln x.
 * Returns 0 when the answer is below the smallest positive double.
 */
export function inverseRegularizedGamma(p: number, q: number, a: number): number {
  if (p <= 0) return 0;
  // For small a the answer can lie below the smallest double (P(a, x) ≈ x^a/Γ(a + 1)); then 0 is the best answer.
  if (a < 2 && regularizedGammaTails(a, Number.MIN_VALUE).lower >= p) return 0;
  let initial: number;
  if (a > 1) {
    const z = p < 0.5 ? normalQuantile(p) : -normalQuantile(q);
    initial = Math.max(1e-3, a * (1 - 1 / (9 * a) + z / (3 * Math.sqrt(a))) ** 3);
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    initial = p < t ? (p / t) ** (1 / a) : 1 - Math.log1p(-(p - t) / (1 - t));
  }
  const matchLower = p <= q;
  const logTarget = Math.log(matchLower ? p : q);
  const u = solveIncreasingInLogScale((logX) => {
    const x = Math.exp(logX);
    const tails = regularizedGammaTails(a, x);
    const slopeOfTail = a * poissonDensityRaw(a, x); // x·dP/dx = x^a·e^−x/Γ(a)
    if (matchLower) return { value: Math.log(tails.lower) - logTarget, slope: slopeOfTail / tails.lower };
    return { value: logTarget - Math.log(tails.upper), slope: slopeOfTail / tails.upper };
  }, LOG_SMALLEST, LOG_LARGEST, Math.log(initial));
  return Math.exp(u);
}

/**
 * Chi-square quantile: the x with P(X ≤ x) = p, for 0 ≤ p < 1 (x = 2·P⁻¹(df/2, p)); p = 1 would be +∞ and is
 * rejected. Safeguarded Newton on the incomplete gamma function (Numerical Recipes 3rd ed. §6.2.1).
 * Example (R 4.x): qchisq(0.95, 1) = 3.841458820694124.
 */
export function chiSquareQuantile(p: number, df: number): number {
  validateDf(df);
  if (!(p >= 0 && p < 1)) {
    throw new DomainError('invalid-argument', `The chi-square quantile needs 0 ≤ p < 1, got ${p}.`, { p });
  }
  if (p === 0) return 0;
  return 2 * inverseRegularizedGamma(p, 1 - p, df / 2);
}
