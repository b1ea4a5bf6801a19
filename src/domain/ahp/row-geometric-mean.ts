import { DomainError } from '../domain-error.js';
import type { CompleteMatrix } from './ahp-types.js';
import { parsePairwiseMatrix } from './validate-pairwise-matrix.js';

/**
 * Allocation-free row geometric mean of a positive n × n matrix (row-major): w_i = (Π_j a_ij)^(1/n) / Σ_k (…),
 * computed in logs for stability. Writes weights (sum 1) into `out`.
 */
export function rowGeometricMeanInto(a: Float64Array, n: number, out: Float64Array): void {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const r = i * n;
    for (let j = 0; j < n; j++) s += Math.log(a[r + j]);
    const g = Math.exp(s / n);
    out[i] = g; total += g;
  }
  for (let i = 0; i < n; i++) out[i] /= total;
}

/**
 * Row geometric mean method (RGMM, also LLSM): w_i ∝ (Π_j a_ij)^(1/n), normalised to Σw = 1. It minimises
 * Σ_{i,j} (ln a_ij − ln w_i + ln w_j)² (Crawford & Williams 1985, J. Math. Psychol. 29:387–405) and is the
 * prioritisation the GCI refers to (Aguarón & Moreno-Jiménez 2003). pyanp calls it `pri_llsm`.
 */
export function rowGeometricMean(matrix: CompleteMatrix): number[] {
  const { n, a, missing } = parsePairwiseMatrix(matrix);
  if (missing > 0) {
    throw new DomainError('incomplete-matrix', 'The matrix has missing judgments; complete it first (completeMatrix).', { missing });
  }
  const out = new Float64Array(n);
  rowGeometricMeanInto(a, n, out);
  return Array.from(out);
}
