import { normalCdf } from '../statistics/distributions/normal-distribution.js';
import { numericLevels } from './numeric-levels.js';
import { validatePairedValues } from './validate-paired-values.js';

/**
 * Kendall's τ-b with ties, O(n log n) by Knight's algorithm (Knight 1966, JASA 61:436–439): sort pairs by
 * (x, y), count ties in x (n1) and in (x, y) jointly (n3), count the discordant pairs as the inversions of y by a
 * merge sort, and ties in y (n2). With n0 = n(n − 1)/2 and S = n0 − n1 − n2 + n3 − 2·discordant,
 *   τ_b = S / √((n0 − n1)(n0 − n2)).
 * Two-sided p from the normal approximation of S with the tie-corrected variance (Kendall 1970, Rank Correlation
 * Methods, eq. 4.3; SciPy stats.kendalltau(method = "asymptotic")):
 *   Var S = [v0 − vt − vu]/18 + Σt(t−1)·Σu(u−1)/(2n(n−1)) + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9n(n−1)(n−2)),
 *   v0 = n(n−1)(2n+5), vt = Σt(t−1)(2t+5), vu = Σu(u−1)(2u+5) over tie groups t of x and u of y.
 * Implementation: x and y become dense level codes (`numericLevels`); two stable counting sorts (by y, then by
 * x) give the lexicographic (x, y) order without a comparator, and the tie groups are the level counts.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): { tau: number; p: number; n: number } {
  validatePairedValues(x, y, 2, 'Kendall\'s τ-b');
  const n = x.length;
  const lx = numericLevels(x), ly = numericLevels(y);
  const cx = lx.levelOf, cy = ly.levelOf;
  // Two stable counting sorts (by y code, then by x code) give the lexicographic (x, y) order in O(n + L).
  const byY = countingSort(cy, ly.counts, identity(n));
  const byXY = countingSort(cx, lx.counts, byY);
  const ys = new Int32Array(n);
  const xs = new Int32Array(n);
  for (let k = 0; k < n; k++) { const i = byXY[k]; ys[k] = cy[i]; xs[k] = cx[i]; }
  let n3 = 0, jointStart = 0;
  for (let k = 1; k <= n; k++) {
    if (k === n || xs[k] !== xs[k - 1] || ys[k] !== ys[k - 1]) { const t = k - jointStart; n3 += (t * (t - 1)) / 2; jointStart = k; }
  }
  const xGroups = lx.counts, yGroups = ly.counts;
  const discordant = countInversions(ys);

  const xt = tieSums(xGroups), yt = tieSums(yGroups);
  const n0 = (n * (n - 1)) / 2;
  const s = n0 - xt.pairs - yt.pairs + n3 - 2 * discordant;
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt((n0 - xt.pairs) * (n0 - yt.pairs))));
  const v0 = n * (n - 1) * (2 * n + 5);
  let varS = (v0 - xt.v - yt.v) / 18 + (xt.t1 * yt.t1) / (2 * n * (n - 1));
  if (n > 2) varS += (xt.t2 * yt.t2) / (9 * n * (n - 1) * (n - 2));
  const p = varS > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(s) / Math.sqrt(varS))) : 1;
  return { tau, p, n };
}

function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Stable counting sort of the entries listed in `order` by their code (codes 0 … counts.length − 1). */
function countingSort(code: Uint32Array, counts: Uint32Array, order: Uint32Array): Uint32Array {
  const start = new Uint32Array(counts.length);
  for (let l = 1; l < counts.length; l++) start[l] = start[l - 1] + counts[l - 1];
  const out = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) { const i = order[k]; out[start[code[i]]++] = i; }
  return out;
}

/** Sums over tie groups of sizes t: Σt(t−1)/2, Σt(t−1)(2t+5), Σt(t−1), Σt(t−1)(t−2). */
function tieSums(groups: ArrayLike<number>): { pairs: number; v: number; t1: number; t2: number } {
  let pairs = 0, v = 0, t1 = 0, t2 = 0;
  for (let g = 0; g < groups.length; g++) {
    const t = groups[g];
    if (t > 1) { pairs += (t * (t - 1)) / 2; v += t * (t - 1) * (2 * t + 5); t1 += t * (t - 1); t2 += t * (t - 1) * (t - 2); }
  }
  return { pairs, v, t1, t2 };
}

/** Number of pairs i < j with a[i] > a[j] (strict), by bottom-up merge sort; `a` is overwritten. */
function countInversions(a: Int32Array): number {
  const n = a.length;
  let src: Int32Array = a, dst: Int32Array = new Int32Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      if (mid >= hi || src[mid - 1] <= src[mid]) {
        // Already in order: copy the run.
        while (i < hi) dst[k++] = src[i++];
        continue;
      }
      while (i < mid && j < hi) {
        if (src[i] <= src[j]) dst[k++] = src[i++];
        else { inversions += mid - i; dst[k++] = src[j++]; }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src; src = dst; dst = t;
  }
  return inversions;
}
