import { DomainError } from '../domain-error.js';
import { completeCaseCovariance } from './complete-case-covariance.js';
import { feldtAlphaInterval } from './feldt-alpha-interval.js';

export interface CronbachAlphaResult {
  /** Raw coefficient alpha (psych::alpha raw_alpha), ≤ 1 (negative when items covary negatively). */
  alpha: number;
  /** Feldt (1965) confidence interval at the requested level (default 95 %). */
  ci: [number, number];
  /** Number of items. */
  k: number;
  /** Respondents used: those who answered every item (listwise deletion). */
  n: number;
  /** Respondents dropped for at least one missing answer. */
  dropped: number;
  /** Alpha of the remaining k − 1 items when item j is removed (psych "Reliability if an item is dropped"); null when it cannot be computed (k = 2, or no variance left). */
  alphaIfDeleted: Array<number | null>;
  /** Corrected item-total correlation: item j against the sum of the other items (psych r.drop); null for an item or rest score without variance. */
  itemTotal: Array<number | null>;
}

/**
 * Cronbach's alpha from an item covariance matrix C (k × k, row-major) of n respondents:
 *   α = k/(k − 1)·(1 − Σ C_jj / Σ_ij C_ij)   (Cronbach 1951),
 * with alpha-if-item-deleted from the (k − 1)-item submatrix and the corrected item-total correlation
 *   r_drop(j) = (Σ_i C_ij − C_jj) / √(C_jj·(V − 2Σ_i C_ij + C_jj)),  V = Σ_ij C_ij   (psych::alpha r.drop),
 * and the Feldt interval. Throws a DomainError for k < 2, n < 2 or a total score without variance.
 */
export function cronbachAlphaFromCovariance(covariance: ArrayLike<number>, k: number, n: number, level = 0.95): Omit<CronbachAlphaResult, 'dropped'> {
  if (k < 2) throw new DomainError('too-few-items', "Cronbach's alpha needs at least two items.", { k });
  if (n < 2) throw new DomainError('too-few-respondents', "Cronbach's alpha needs at least two respondents with complete answers.", { n });
  const rowSums = new Float64Array(k);
  let total = 0;
  let itemVariances = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += covariance[i * k + j];
    rowSums[i] = s;
    total += s;
    itemVariances += covariance[i * k + i];
  }
  // The total variance is a sum of covariances that can cancel to rounding noise; relative to the item variances
  // such a total is zero, whatever order the respondents came in.
  if (!(total > 1e-10 * itemVariances) || !(total > 0)) {
    throw new DomainError('zero-variance', "Cronbach's alpha is undefined: the total score has no variance (everyone gave the same answers).", { k, n });
  }
  const alpha = Math.min(1, (k / (k - 1)) * (1 - itemVariances / total));
  const alphaIfDeleted: Array<number | null> = [];
  const itemTotal: Array<number | null> = [];
  // total − 2·rowSum + c_jj cancels: a rest score without variance comes out as rounding noise (±1e-16 of the
  // total), which must read as "no variance", not as a tiny variance giving a meaningless correlation.
  const noise = 1e-10 * total;
  for (let j = 0; j < k; j++) {
    const cjj = covariance[j * k + j];
    const rest = total - 2 * rowSums[j] + cjj;
    const restVariance = rest > noise ? rest : 0;
    if (k > 2 && restVariance > 0) {
      alphaIfDeleted.push(Math.min(1, ((k - 1) / (k - 2)) * (1 - (itemVariances - cjj) / restVariance)));
    } else {
      alphaIfDeleted.push(null);
    }
    if (cjj > 0 && restVariance > 0) {
      const r = (rowSums[j] - cjj) / Math.sqrt(cjj * restVariance);
      itemTotal.push(Math.max(-1, Math.min(1, r)));
    } else {
      itemTotal.push(null);
    }
  }
  return { alpha, ci: feldtAlphaInterval(alpha, n, k, level), k, n, alphaIfDeleted, itemTotal };
}

/**
 * Cronbach's alpha (Cronbach 1951) of k items with its Feldt (1965) 95 % interval, alpha-if-item-deleted and
 * corrected item-total correlations, as reported by R psych::alpha (raw_alpha, Feldt boundaries, alpha.drop
 * raw_alpha, item.stats r.drop). `items[j][r]` is respondent r's answer to item j (already reverse-coded where
 * needed); null/NaN is missing. Missing answers are handled by listwise deletion: only respondents who answered
 * every item are used (psych's default is pairwise; on complete data both agree).
 * Example: the 5 × 3 table in the tests gives α = 87/97 = 0.8969.
 */
export function cronbachAlpha(items: ReadonlyArray<ArrayLike<number | null>>, level = 0.95): CronbachAlphaResult {
  if (items.length < 2) throw new DomainError('too-few-items', "Cronbach's alpha needs at least two items.", { k: items.length });
  const columns = items.map((column, j) => {
    const values = new Float64Array(column.length);
    for (let r = 0; r < column.length; r++) {
      const x = column[r];
      if (x === null || Number.isNaN(x)) values[r] = Number.NaN;
      else if (!Number.isFinite(x)) throw new DomainError('invalid-value', `Answer ${r + 1} to item ${j + 1} is not a finite number.`, { item: j, index: r, value: x });
      else values[r] = x;
    }
    return values;
  });
  const { covariance, k, n, dropped } = completeCaseCovariance(columns);
  return { ...cronbachAlphaFromCovariance(covariance, k, n, level), dropped };
}
