import { quantileOfSorted, sortedCopy } from './quantile.js';

/**
 * Sample median: the middle order statistic, or the mean of the two middle ones for even n (R's median,
 * = type-7 quantile at ½). Example: median([3, 1, 4, 1, 5, 9]) = 3.5.
 */
export function median(values: ArrayLike<number>): number {
  return quantileOfSorted(sortedCopy(values), 0.5);
}
