import { DomainError } from '../../domain-error.js';
import { betaQuantilePair } from './beta-distribution.js';
import { regularizedBetaTails, type BetaTails } from './regularized-beta.js';

function validateDf(d1: number, d2: number): void {
  if (!Number.isFinite(d1) || d1 <= 0 || !Number.isFinite(d2) || d2 <= 0) {
    throw new DomainError('invalid-argument', `The F distribution needs degrees of freedom > 0, got d1 = ${d1}, d2 = ${d2}.`, { d1, d2 });
  }
}

/** Both tails at f via I_x(d1/2, d2/2), x = d1·f/(d1·f + d2), with 1 − x = d2/(d1·f + d2) formed directly. */
function fTails(f: number, d1: number, d2: number): BetaTails {
  validateDf(d1, d2);
  if (Number.isNaN(f)) throw new DomainError('invalid-argument', 'The F distribution needs a number, got NaN.', { f });
  if (f <= 0) return { lower: 0, upper: 1 };
  const scaled = d1 * f;
  if (!Number.isFinite(scaled + d2)) return { lower: 1, upper: 0 };
  const denominator = scaled + d2;
  return regularizedBetaTails(scaled / denominator, d2 / denominator, d1 / 2, d2 / 2);
}

/**
 * F distribution function P(F ≤ f) = I_x(d1/2, d2/2) with x = d1·f/(d1·f + d2) (Abramowitz & Stegun 26.6.2;
 * Numerical Recipes 3rd ed. §6.14.9). Example (R 4.x): pf(4.236085, 5, 10) ≈ 0.975.
 */
export function fCdf(f: number, d1: number, d2: number): number {
  return fTails(f, d1, d2).lower;
}

/**
 * F survival function P(F > f) = I_{d2/(d1 f + d2)}(d2/2, d1/2), computed directly for accurate small p-values
 * (R 4.x: pf(4.846088, 2, 27, lower.tail = FALSE) = 0.01591 for PlantGrowth).
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  return fTails(f, d1, d2).upper;
}

/**
 * F quantile: the f with P(F ≤ f) = p, for 0 ≤ p < 1: with x = I⁻¹_p(d1/2, d2/2), f = (d2/d1)·x/(1 − x)
 * (1 − x taken from the beta inversion itself, so quantiles near 1 stay accurate). p = 1 (f = ∞) is rejected.
 * Example (R 4.x): qf(0.975, 5, 10) = 4.236085.
 */
export function fQuantile(p: number, d1: number, d2: number): number {
  validateDf(d1, d2);
  if (!(p >= 0 && p < 1)) throw new DomainError('invalid-argument', `The F quantile needs 0 ≤ p < 1, got ${p}.`, { p });
  if (p === 0) return 0;
  const { x, y } = betaQuantilePair(p, 1 - p, d1 / 2, d2 / 2);
  const f = (d2 / d1) * (x / y);
  if (!Number.isFinite(f)) throw new DomainError('out-of-range', `The F quantile for p = ${p} exceeds the floating-point range.`, { p, d1, d2 });
  return f;
}
