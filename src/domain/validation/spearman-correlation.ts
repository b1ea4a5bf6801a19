import { studentTCdf } from '../statistics/distributions/student-t-distribution.js';
import { midranks } from './midranks.js';
import { validatePairedValues } from './validate-paired-values.js';

/**
 * Spearman's rank correlation ρ (Spearman 1904): Pearson's correlation of the midranks, so ties are handled
 * exactly, with the two-sided p-value from t = ρ·√((n − 2)/(1 − ρ²)) on n − 2 df (Zar 1972, JASA 67:578–580;
 * the large-sample method of R cor.test(method = "spearman", exact = FALSE) and SciPy stats.spearmanr).
 * O(n log n). Needs ≥ 3 pairs and non-constant variables. |ρ| = 1 gives p = 0.
 */
export function spearmanCorrelation(x: ArrayLike<number>, y: ArrayLike<number>): { rho: number; p: number; n: number } {
  validatePairedValues(x, y, 3, 'Spearman\'s correlation');
  const n = x.length;
  const rx = midranks(x), ry = midranks(y);
  const mean = (n + 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i] - mean, b = ry[i] - mean;
    sxy += a * b; sxx += a * a; syy += b * b;
  }
  const rho = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  // |ρ| = 1 makes t infinite: the p-value is 0.
  if (Math.abs(rho) >= 1 - 1e-15) return { rho: Math.sign(rho), p: 0, n };
  const df = n - 2;
  const t = rho * Math.sqrt(df / (1 - rho * rho));
  return { rho, p: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)), n };
}
