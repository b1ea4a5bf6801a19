import { DomainError } from '../domain-error.js';

function validate(values: ArrayLike<number>): void {
  if (values.length === 0) throw new DomainError('empty-data', 'A quantile needs at least one value.', { n: 0 });
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new DomainError('invalid-value', `Value ${i + 1} is not a finite number.`, { index: i, value: values[i] });
  }
}

/** Sorted copy of the values as a Float64Array (numeric order). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  validate(values);
  const sorted = Float64Array.from(values);
  sorted.sort();
  return sorted;
}

/**
 * Quantile of already sorted data, Hyndman & Fan (1996) type 7 (R's default quantile, Excel PERCENTILE.INC):
 * h = (n − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎), 0-based order statistics.
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new DomainError('invalid-argument', `A quantile needs 0 ≤ p ≤ 1, got ${p}.`, { p });
  const n = sorted.length;
  if (n === 0) throw new DomainError('empty-data', 'A quantile needs at least one value.', { n: 0 });
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const q = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  // The difference overflowed (values of opposite sign near ±1.8e308): the same interpolation as a weighted sum.
  return Number.isFinite(q) ? q : (1 - (h - lo)) * sorted[lo] + (h - lo) * sorted[hi];
}

/**
 * Sample quantile by Hyndman & Fan (1996) type 7, R's default: quantile(x, p). The data need not be sorted.
 * Example: quantile([1, 2, 3, 4, 10], 0.25) = 2 and quantile([1, 2, 3, 4], 0.9) = 3.7 (R 4.x).
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileOfSorted(sortedCopy(values), p);
}

/** Several type-7 quantiles at once (one sort). Example: quantiles(x, [0.25, 0.5, 0.75]) gives the quartiles. */
export function quantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  return probabilities.map((p) => quantileOfSorted(sorted, p));
}
