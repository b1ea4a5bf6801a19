import { DomainError, describeValue } from '../domain-error.js';
import type { IncompleteMatrix } from './ahp-types.js';
import { parsePairwiseMatrix, toNestedMatrix } from './validate-pairwise-matrix.js';

/** Judgment scales AHP-OS can apply after the fact to stored 1–9 intensities. */
export type JudgmentScale = 'linear' | 'balanced' | 'power' | 'geometric' | 'logarithmic' | 'root-square' | 'inverse-linear';
export const JUDGMENT_SCALES: readonly JudgmentScale[] = ['linear', 'balanced', 'power', 'geometric', 'logarithmic', 'root-square', 'inverse-linear'];

/**
 * Maps an intensity x ∈ [1, 9] of the fundamental scale to the chosen scale (AHP-OS AhpGroup::calcScale;
 * Goepel 2018, IJAHP 10(3):469–487, Table 2). Every scale maps 1 → 1:
 * linear x · balanced (9 + x)/(11 − x) · power x² · geometric 2^(x−1) · logarithmic log2(x + 1) ·
 * root-square √x · inverse-linear 9/(10 − x).
 */
export function scaleIntensity(x: number, scale: JudgmentScale): number {
  switch (scale) {
    case 'linear': return x;
    case 'balanced': return (9 + x) / (11 - x);
    case 'power': return x * x;
    case 'geometric': return Math.pow(2, x - 1);
    case 'logarithmic': return Math.log2(x + 1);
    case 'root-square': return Math.sqrt(x);
    case 'inverse-linear': return 9 / (10 - x);
  }
}

/**
 * M, the value the scale gives to intensity 9 — the maximum AHP-OS uses in the consensus indicator
 * (AhpGroup::$ahpScale): linear 9, balanced 9, power 81, geometric 256, logarithmic log2 10 ≈ 3.3219,
 * root-square 3, inverse-linear 9.
 */
export function scaleMaximum(scale: JudgmentScale = 'linear'): number {
  assertJudgmentScale(scale);
  return scaleIntensity(9, scale);
}

export function assertJudgmentScale(scale: unknown): asserts scale is JudgmentScale {
  if (typeof scale !== 'string' || !(JUDGMENT_SCALES as readonly string[]).includes(scale)) {
    throw new DomainError('unknown-scale', `Unknown judgment scale "${describeValue(scale)}"; use one of ${JUDGMENT_SCALES.join(', ')}.`, { scale });
  }
}

/**
 * Re-expresses a matrix of stored 1–9 judgments on another scale: for i < j the intensity x = max(a_ij, 1/a_ij)
 * is mapped by scaleIntensity and the direction kept (a_ij ≥ 1 → f(x), else 1/f(x)); a_ji = 1/a_ij; missing stay
 * missing. Intensities must lie in [1, 9] (geometric means of 1–9 judgments do; 1e-9 slack).
 */
export function applyScale(matrix: IncompleteMatrix, scale: JudgmentScale): IncompleteMatrix {
  assertJudgmentScale(scale);
  const data = parsePairwiseMatrix(matrix);
  const { n, a } = data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = a[i * n + j];
      if (v === 0) continue;
      const x = v >= 1 ? v : 1 / v;
      if (x > 9 + 1e-9) {
        throw new DomainError('off-scale', `The judgment at row ${i + 1}, column ${j + 1} (${v}) lies outside the 1–9 scale, so it cannot be re-scaled.`, { row: i, col: j, value: v });
      }
      const f = scaleIntensity(Math.min(x, 9), scale);
      const u = v >= 1 ? f : 1 / f;
      a[i * n + j] = u; a[j * n + i] = 1 / u;
    }
  }
  return toNestedMatrix(data);
}
