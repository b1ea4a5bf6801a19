import { DomainError } from '../domain-error.js';
import { chiSquareSurvival } from './distributions/chi-square-distribution.js';

export interface KruskalWallisResult {
  /** H corrected for ties (R's "Kruskal-Wallis chi-squared"). */
  statistic: number;
  /** Number of non-empty groups − 1. */
  df: number;
  /** P(χ²_df > H), the large-sample approximation used by R's kruskal.test. */
  p: number;
  /** Total number of observations. */
  n: number;
}

/**
 * Kruskal–Wallis rank-sum test (Kruskal & Wallis 1952) of g groups, with the tie correction — identical to R's
 * kruskal.test: ranks over all N observations (mid-ranks for ties),
 *   H = [12/(N(N + 1))·Σ R_i²/n_i − 3(N + 1)] / (1 − Σ(t³ − t)/(N³ − N)),  df = g − 1,  p = P(χ²_df > H).
 * Empty groups are ignored. Throws when fewer than two groups have data or all values are equal.
 * Example (R documentation of kruskal.test): airquality Ozone by Month → H = 29.267, df = 4, p = 6.901e-06.
 * Cost O(N log N): one native typed-array sort, then a binary search per observation.
 */
export function kruskalWallis(groups: ReadonlyArray<ArrayLike<number>>): KruskalWallisResult {
  const nonEmpty = groups.filter((g) => g.length > 0);
  if (nonEmpty.length < 2) {
    throw new DomainError('too-few-groups', 'The Kruskal–Wallis test needs at least two groups with data.', { groups: nonEmpty.length });
  }
  let total = 0;
  for (const group of nonEmpty) total += group.length;
  const sorted = new Float64Array(total);
  let offset = 0;
  for (let g = 0; g < nonEmpty.length; g++) {
    const group = nonEmpty[g];
    for (let i = 0; i < group.length; i++) {
      const x = group[i];
      if (!Number.isFinite(x)) throw new DomainError('invalid-value', `Value ${i + 1} of group ${g + 1} is not a finite number.`, { group: g, index: i, value: x });
      sorted[offset++] = x;
    }
  }
  sorted.sort();
  // Distinct values with their mid-ranks and the tie term Σ(t³ − t).
  const distinct = new Float64Array(total);
  const midRanks = new Float64Array(total);
  let distinctCount = 0;
  let tieSum = 0;
  for (let i = 0; i < total;) {
    let j = i + 1;
    while (j < total && sorted[j] === sorted[i]) j++;
    const t = j - i;
    distinct[distinctCount] = sorted[i];
    midRanks[distinctCount] = (i + 1 + j) / 2; // mean of ranks i+1 … j
    distinctCount++;
    tieSum += t * t * t - t;
    i = j;
  }
  const tieCorrection = 1 - tieSum / (total * total * total - total);
  if (!(tieCorrection > 0)) {
    throw new DomainError('all-values-equal', 'The Kruskal–Wallis test is undefined: all values are equal.', { n: total });
  }
  let sumTerm = 0;
  for (const group of nonEmpty) {
    let rankSum = 0;
    for (let i = 0; i < group.length; i++) rankSum += midRanks[lowerBound(distinct, distinctCount, group[i])];
    sumTerm += (rankSum * rankSum) / group.length;
  }
  const h = Math.max(0, ((12 / (total * (total + 1))) * sumTerm - 3 * (total + 1)) / tieCorrection);
  const df = nonEmpty.length - 1;
  return { statistic: h, df, p: chiSquareSurvival(h, df), n: total };
}

function lowerBound(values: Float64Array, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
