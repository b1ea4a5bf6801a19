import { DomainError, describeValue } from '../domain-error.js';
import { numericLevels } from './numeric-levels.js';

/**
 * Inner cut points for `bins` quantile bins of a sample: the type-7 quantiles (Hyndman & Fan 1996; R's default
 * quantile) at k/bins, k = 1 … bins − 1, duplicates removed — so a heavily tied variable gets fewer bins.
 * Bins are right-closed: bin j holds edges[j − 1] < x ≤ edges[j] (see `binIndex`).
 */
export function quantileBinEdges(values: ArrayLike<number>, bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new DomainError('invalid-bins', `Quantile binning needs at least 2 bins, got ${bins}.`, { bins });
  const n = values.length;
  if (n === 0) throw new DomainError('empty-sample', 'Cannot bin an empty sample.', {});
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || v - v !== 0) {
      throw new DomainError('invalid-value', `Value ${i + 1} is ${describeValue(v)}; binning needs finite numbers.`, { index: i, value: String(v) });
    }
  }
  // The k-th smallest value (0-based) is read off the cumulative level counts.
  const levels = numericLevels(values);
  const cumulative = new Float64Array(levels.counts.length);
  let running = 0;
  levels.counts.forEach((c, l) => { running += c; cumulative[l] = running; });
  const kth = (k: number) => {
    let lo = 0, hi = cumulative.length - 1;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (cumulative[mid] > k) hi = mid; else lo = mid + 1; }
    return levels.values[lo];
  };
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = (n - 1) * (k / bins);
    const lo = Math.floor(h);
    const a = kth(lo);
    const b = kth(Math.min(n - 1, lo + 1));
    const t = a + (h - lo) * (b - a);
    const q = Number.isFinite(t) ? t : (1 - (h - lo)) * a + (h - lo) * b; // b − a overflowed (values near ±1.8e308)
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** Bin of x for right-closed bins with inner edges (binary search): 0 for x ≤ edges[0], edges.length above the last. */
export function binIndex(x: number, edges: readonly number[]): number {
  let lo = 0, hi = edges.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (x <= edges[mid]) hi = mid; else lo = mid + 1; }
  return lo;
}
