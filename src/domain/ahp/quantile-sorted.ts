/**
 * Quantile of an ascending-sorted sample by linear interpolation between order statistics (Hyndman & Fan 1996
 * type 7, the default of R's `quantile` and numpy's `percentile`): h = (m − 1)p, q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, count = sorted.length): number {
  if (count === 1) return sorted[0];
  const h = (count - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, count - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
