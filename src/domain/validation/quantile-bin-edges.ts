import { DomainError } from '../domain-error.js';
import { argsortNumbers } from './argsort-numbers.js';

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
      throw new DomainError('invalid-value', `Value ${i + 1} is ${String(v)}; binning needs finite numbers.`, { index: i, value: String(v) });
    }
  }
  const order = argsortNumbers(values);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const h = (n - 1) * (k / bins);
    const lo = Math.floor(h);
    const a = values[order[lo]];
    const b = values[order[Math.min(n - 1, lo + 1)]];
    const q = a + (h - lo) * (b - a);
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
