import { DomainError } from '../domain-error.js';
import type { CompleteMatrix } from './ahp-types.js';
import { rowGeometricMeanInto } from './row-geometric-mean.js';
import { parsePairwiseMatrix } from './validate-pairwise-matrix.js';

/**
 * Thresholds proposed with the GCI, comparable to CR = 0.10: 0.31 (n = 3), 0.35 (n = 4), 0.37 (n > 4).
 * Source: Aguarón & Moreno-Jiménez (2003), EJOR 147(1):137–145, Table 3.
 */
export function gciThreshold(n: number): number {
  return n <= 3 ? 0.31 : n === 4 ? 0.35 : 0.37;
}

/**
 * GCI on a row-major complete matrix with given RGMM weights w (Σw = 1):
 * GCI = 2/((n−1)(n−2)) · Σ_{i<j} ln²(a_ij · w_j / w_i); 0 for n ≤ 2.
 */
export function geometricConsistencyIndexOf(a: Float64Array, n: number, w: Float64Array): number {
  if (n <= 2) return 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const e = Math.log((a[i * n + j] * w[j]) / w[i]);
      s += e * e;
    }
  }
  return (2 * s) / ((n - 1) * (n - 2));
}

/**
 * Geometric consistency index of a complete pairwise matrix, using the row-geometric-mean priorities w:
 * GCI = 2/((n−1)(n−2)) · Σ_{i<j} ln²(e_ij), e_ij = a_ij · w_j / w_i; 0 for a consistent matrix and for n ≤ 2.
 * Source: Crawford & Williams (1985); Aguarón & Moreno-Jiménez (2003), EJOR 147(1):137–145, eq. (3).
 */
export function geometricConsistencyIndex(matrix: CompleteMatrix): number {
  const { n, a, missing } = parsePairwiseMatrix(matrix);
  if (missing > 0) {
    throw new DomainError('incomplete-matrix', 'The matrix has missing judgments; complete it first (completeMatrix).', { missing });
  }
  const w = new Float64Array(n);
  rowGeometricMeanInto(a, n, w);
  return geometricConsistencyIndexOf(a, n, w);
}
