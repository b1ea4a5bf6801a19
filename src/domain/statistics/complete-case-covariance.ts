import { DomainError } from '../domain-error.js';

export interface CompleteCaseCovariance {
  /** k × k sample covariance matrix (divisor n − 1), row-major. */
  covariance: Float64Array;
  /** Item means over the complete cases. */
  means: Float64Array;
  k: number;
  /** Number of complete cases (respondents who answered every item). */
  n: number;
  /** Number of respondents dropped for a missing answer (listwise deletion). */
  dropped: number;
}

/**
 * Sample covariance matrix of k items over the respondents who answered all of them (listwise deletion, R's
 * cov(x, use = "complete.obs")). Each column holds one item's answers, NaN for a missing answer; all columns have
 * the same length. Two passes (means, then centred cross-products) for accuracy: C_ij = Σ(x_i − x̄_i)(x_j − x̄_j)/(n − 1).
 * With n < 2 complete cases the covariance is all zeros and `n` tells why.
 */
export function completeCaseCovariance(columns: ReadonlyArray<ArrayLike<number>>): CompleteCaseCovariance {
  const k = columns.length;
  if (k === 0) throw new DomainError('no-items', 'A covariance matrix needs at least one item.', { k });
  const rows = columns[0].length;
  for (let j = 1; j < k; j++) {
    if (columns[j].length !== rows) {
      throw new DomainError('ragged-data', 'Every item must have one answer slot per respondent.', { item: j, expected: rows, got: columns[j].length });
    }
  }
  const complete = new Uint8Array(rows);
  const sums = new Float64Array(k);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    let ok = 1;
    for (let j = 0; j < k; j++) {
      if (Number.isNaN(columns[j][r])) { ok = 0; break; }
    }
    if (ok === 0) continue;
    complete[r] = 1;
    n++;
    for (let j = 0; j < k; j++) sums[j] += columns[j][r];
  }
  const means = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  if (n === 0) return { covariance, means, k, n, dropped: rows };
  for (let j = 0; j < k; j++) means[j] = sums[j] / n;
  if (n < 2) return { covariance, means, k, n, dropped: rows - n };
  const deviations = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    if (complete[r] === 0) continue;
    for (let j = 0; j < k; j++) deviations[j] = columns[j][r] - means[j];
    for (let i = 0; i < k; i++) {
      const di = deviations[i];
      const offset = i * k;
      for (let j = i; j < k; j++) covariance[offset + j] += di * deviations[j];
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const value = covariance[i * k + j] / (n - 1);
      covariance[i * k + j] = value;
      covariance[j * k + i] = value;
    }
  }
  return { covariance, means, k, n, dropped: rows - n };
}
