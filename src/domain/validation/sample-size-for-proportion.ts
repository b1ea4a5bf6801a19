import { DomainError } from '../domain-error.js';
import { normalQuantile } from '../statistics/distributions/normal-distribution.js';

export interface ProportionSampleSize {
  /** Units to sample (rounded up, at most the population size when one is given). */
  readonly sampleSize: number;
  /** n0 = z²·p(1 − p)/e² before the finite population correction and rounding. */
  readonly infinitePopulationSize: number;
  /** z = Φ⁻¹((1 + confidence)/2). */
  readonly z: number;
  readonly finitePopulationCorrected: boolean;
}

/**
 * Sample size to estimate a proportion (e.g. a default rate) within ± `margin` at a confidence level:
 *   n0 = z²·p(1 − p)/e²,   with a population of N:  n = n0 / (1 + (n0 − 1)/N),   rounded up
 * (Cochran 1977, Sampling Techniques 3rd ed., eqs. 4.1–4.2; the same formula as Krejcie & Morgan 1970's table).
 * `expectedRate` p defaults to 0.5 (the most conservative); `confidence` to 0.95.
 * Example: 95 %, ± 5 %, p = 0.5 → n0 = 384.15 → 385; with N = 1,000 → 278 (Krejcie & Morgan 1970).
 */
export function sampleSizeForProportion(input: { margin: number; confidence?: number; expectedRate?: number; populationSize?: number }): ProportionSampleSize {
  const { margin } = input;
  const confidence = input.confidence ?? 0.95;
  const p = input.expectedRate ?? 0.5;
  if (!(margin > 0 && margin < 1)) throw new DomainError('invalid-margin', `The margin of error must be strictly between 0 and 1 (e.g. 0.05 for ± 5 points), got ${margin}.`, { margin });
  if (!(confidence > 0 && confidence < 1)) throw new DomainError('invalid-confidence', `The confidence level must be strictly between 0 and 1, got ${confidence}.`, { confidence });
  if (!(p > 0 && p < 1)) throw new DomainError('invalid-rate', `The expected rate must be strictly between 0 and 1 (use 0.5 when unknown), got ${p}.`, { expectedRate: p });
  const N = input.populationSize;
  if (N !== undefined && (!Number.isSafeInteger(N) || N < 1)) {
    throw new DomainError('invalid-population', `The population size must be a whole number ≥ 1, got ${N}.`, { populationSize: N });
  }
  const z = normalQuantile(0.5 + confidence / 2);
  const n0 = (z * z * p * (1 - p)) / (margin * margin);
  if (N === undefined) return { sampleSize: Math.ceil(n0 - 1e-9), infinitePopulationSize: n0, z, finitePopulationCorrected: false };
  const n = n0 / (1 + (n0 - 1) / N);
  return { sampleSize: Math.min(N, Math.ceil(n - 1e-9)), infinitePopulationSize: n0, z, finitePopulationCorrected: true };
}
