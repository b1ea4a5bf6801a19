import { DomainError } from '../domain-error.js';
import { normalQuantile } from '../statistics/distributions/normal-distribution.js';

export interface RateInterval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209–212; Newcombe 1998, Statistics in
 * Medicine 17:857–872, method 3), honest for the small counts of monitoring by officer or grade:
 * with p̂ = x/n and z = Φ⁻¹(1 − (1 − confidence)/2),
 *   centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
 * Returns null when n = 0. Equals R's prop.test(x, n, correct = FALSE)$conf.int.
 * Example: x = 0, n = 20 → [0, 0.1611] (Newcombe 1998, Table I).
 * Throws DomainError `invalid-counts` unless 0 ≤ x ≤ n are integers, or `invalid-argument` for a confidence
 * outside (0, 1).
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): RateInterval | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < successes) {
    throw new DomainError('invalid-counts', `Counts must be integers with 0 ≤ successes ≤ trials, got ${successes} of ${trials}.`, { successes, trials });
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new DomainError('invalid-argument', `The confidence must be strictly between 0 and 1, got ${confidence}.`, { confidence });
  }
  if (trials === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const n = trials, p = successes / n, z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The exact ends are 0 at x = 0 and 1 at x = n; clamp rounding.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
