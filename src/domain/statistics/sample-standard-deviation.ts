import { DomainError } from '../domain-error.js';
import { mean } from './mean.js';

/**
 * Sample standard deviation s = √(Σ(xᵢ − x̄)² / (n − 1)) (Bessel-corrected, as R's sd and SPSS), same units as
 * the data, computed in two passes for accuracy. Needs n ≥ 2. Example: sd([2, 4, 4, 4, 5, 5, 7, 9]) =
 * 2.138089935299395 (R: sd(c(2,4,4,4,5,5,7,9))).
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) throw new DomainError('too-few-values', 'The standard deviation needs at least two values.', { n });
  const centre = mean(values);
  let sumSquares = 0;
  let sumDeviations = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - centre;
    sumSquares += d * d;
    sumDeviations += d;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque 1983): removes the rounding left in the mean.
  const sd = Math.sqrt(Math.max(0, (sumSquares - (sumDeviations * sumDeviations) / n) / (n - 1)));
  if (Number.isFinite(sd)) return sd;
  // The squares overflowed (values beyond ~1e154): s(x) = c·s(x/c) with c = max|x|; beyond the double range → error.
  let c = 0;
  for (let i = 0; i < n; i++) c = Math.max(c, Math.abs(values[i]));
  const scaled = c * sampleStandardDeviation(Array.from({ length: n }, (_, i) => values[i] / c));
  if (!Number.isFinite(scaled)) throw new DomainError('values-too-large', 'The standard deviation of these values is too large to represent.', { n });
  return scaled;
}
