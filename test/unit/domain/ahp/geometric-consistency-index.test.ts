import { describe, expect, it } from 'vitest';
import { geometricConsistencyIndex, gciThreshold } from '../../../../src/domain/ahp/geometric-consistency-index.js';
import { matrixFromUpperTriangle } from '../../../../src/domain/ahp/matrix-from-judgments.js';
import { ratioMatrix } from './pairs-to-matrix.js';

describe('geometricConsistencyIndex (Aguarón & Moreno-Jiménez 2003)', () => {
  it('n = 3: equals (ln Δ)²/3 with Δ = a12·a23/a13', () => {
    // Independent derivation: for n = 3 the RGMM residuals ln e_ij all have magnitude |ln Δ|/3, so
    // Σ_{i<j} ln² e_ij = (ln Δ)²/3 and the factor 2/((n−1)(n−2)) is 1.
    for (const [a12, a13, a23] of [[2, 4, 3], [3, 5, 1 / 2], [9, 1 / 9, 9]]) {
      const m = matrixFromUpperTriangle([a12, a13, a23]) as number[][];
      expect(geometricConsistencyIndex(m)).toBeCloseTo(Math.log((a12 * a23) / a13) ** 2 / 3, 12);
    }
  });

  it('is 0 for consistent matrices and for n ≤ 2', () => {
    expect(geometricConsistencyIndex(ratioMatrix([5, 3, 2, 1, 0.5]))).toBeCloseTo(0, 20);
    expect(geometricConsistencyIndex([[1, 7], [1 / 7, 1]])).toBe(0);
    expect(geometricConsistencyIndex([[1]])).toBe(0);
  });

  it('thresholds 0.31 / 0.35 / 0.37 (Aguarón & Moreno-Jiménez 2003)', () => {
    expect([gciThreshold(3), gciThreshold(4), gciThreshold(5), gciThreshold(12)]).toEqual([0.31, 0.35, 0.37, 0.37]);
  });
});
