import { normalCdf } from '../statistics/distributions/normal-distribution.js';
import { argsortNumbers } from './argsort-numbers.js';
import { validatePairedValues } from './validate-paired-values.js';

/**
 * Kendall's τ-b with ties, O(n log n) by Knight's algorithm (Knight 1966, JASA 61:436–439): sort pairs by
 * (x, y), count ties in x (n1) and in (x, y) jointly (n3), count the discordant pairs as the inversions of y by a
 * merge sort, then ties in y (n2). With n0 = n(n − 1)/2 and S = n0 − n1 − n2 + n3 − 2·discordant,
 *   τ_b = S / √((n0 − n1)(n0 − n2)).
 * Two-sided p from the normal approximation of S with the tie-corrected variance (Kendall 1970, Rank Correlation
 * Methods, eq. 4.3; SciPy stats.kendalltau(method = "asymptotic")):
 *   Var S = [v0 − vt − vu]/18 + Σt(t−1)·Σu(u−1)/(2n(n−1)) + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9n(n−1)(n−2)),
 *   v0 = n(n−1)(2n+5), vt = Σt(t−1)(2t+5), vu = Σu(u−1)(2u+5) over tie groups t of x and u of y.
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): { tau: number; p: number; n: number } {
  validatePairedValues(x, y, 2, 'Kendall\'s τ-b');
  const n = x.length;
  const order = argsortNumbers(x, argsortNumbers(y));

  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[order[i]];
  const xTies = tieSums(n, (i) => x[order[i]]);
  // Joint ties: runs equal in both x and y (contiguous after the lexicographic sort).
  let n3 = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && x[order[end]] === x[order[start]] && ys[end] === ys[start]) end++;
    const t = end - start; n3 += (t * (t - 1)) / 2; start = end;
  }
  const discordant = countInversions(ys);
  const yTies = tieSums(n, (i) => ys[i]); // ys is now sorted

  const n0 = (n * (n - 1)) / 2;
  const s = n0 - xTies.pairs - yTies.pairs + n3 - 2 * discordant;
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt((n0 - xTies.pairs) * (n0 - yTies.pairs))));
  const v0 = n * (n - 1) * (2 * n + 5);
  let varS = (v0 - xTies.v - yTies.v) / 18 + (xTies.t1 * yTies.t1) / (2 * n * (n - 1));
  if (n > 2) varS += (xTies.t2 * yTies.t2) / (9 * n * (n - 1) * (n - 2));
  const p = varS > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(s) / Math.sqrt(varS))) : 1;
  return { tau, p, n };
}

/** Tie-group sums over a sorted sequence: Σt(t−1)/2, Σt(t−1)(2t+5), Σt(t−1), Σt(t−1)(t−2). */
function tieSums(n: number, at: (i: number) => number): { pairs: number; v: number; t1: number; t2: number } {
  let pairs = 0, v = 0, t1 = 0, t2 = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    const value = at(start);
    while (end < n && at(end) === value) end++;
    const t = end - start;
    if (t > 1) { pairs += (t * (t - 1)) / 2; v += t * (t - 1) * (2 * t + 5); t1 += t * (t - 1); t2 += t * (t - 1) * (t - 2); }
    start = end;
  }
  return { pairs, v, t1, t2 };
}

/** Number of pairs i < j with a[i] > a[j] (strict), by bottom-up merge sort; sorts `a` in place. */
function countInversions(a: Float64Array): number {
  const n = a.length;
  let src: Float64Array = a, dst: Float64Array = new Float64Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (src[i] <= src[j]) dst[k++] = src[i++];
        else { inversions += mid - i; dst[k++] = src[j++]; }
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src; src = dst; dst = t;
  }
  if (src !== a) a.set(src);
  return inversions;
}
