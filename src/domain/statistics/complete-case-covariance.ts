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
 * cov(x, use = "complete.obs")): C_ij = Σ(x_i − x̄_i)(x_j − x̄_j)/(n − 1). Each column holds one item's answers,
 * NaN for a missing answer; all columns have the same length. One pass with the shifted-data algorithm (Chan,
 * Golub & LeVeque 1983): deviations from a shift K_j near the mean (the first complete answer) are accumulated,
 * C_ij = (Σd_i d_j − Σd_i·Σd_j/n)/(n − 1), which avoids the cancellation of the textbook one-pass formula.
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
  const shift = new Float64Array(k);
  const sums = new Float64Array(k);
  const cross = new Float64Array(k * k);
  const deviations = new Float64Array(k);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    let complete = true;
    for (let j = 0; j < k; j++) {
      const x = columns[j][r];
      if (x !== x) { complete = false; break; } // NaN: missing answer
      deviations[j] = x;
    }
    if (!complete) continue;
    if (n === 0) for (let j = 0; j < k; j++) shift[j] = deviations[j];
    n++;
    for (let j = 0; j < k; j++) {
      const d = deviations[j] - shift[j];
      deviations[j] = d;
      sums[j] += d;
    }
    for (let i = 0; i < k; i++) {
      const di = deviations[i];
      const offset = i * k;
      for (let j = i; j < k; j++) cross[offset + j] += di * deviations[j];
    }
  }
  const means = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  if (n === 0) return { covariance, means, k, n, dropped: rows };
  for (let j = 0; j < k; j++) means[j] = shift[j] + sums[j] / n;
  if (n < 2) return { covariance, means, k, n, dropped: rows - n };
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const value = (cross[i * k + j] - (sums[i] * sums[j]) / n) / (n - 1);
      covariance[i * k + j] = value;
      covariance[j * k + i] = value;
    }
  }
  for (let i = 0; i < k; i++) if (covariance[i * k + i] < 0) covariance[i * k + i] = 0; // rounding guard
  return { covariance, means, k, n, dropped: rows - n };
}
