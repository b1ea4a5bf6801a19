import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { principalEigenvector, principalEigenvectorInto, principalLeftEigenvectorInto } from '../../../../src/domain/ahp/principal-eigenvector.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { CRITERIA_MATRIX, CRITERIA_WEIGHTS } from './default-credit-hierarchy.js';
import { DRINKS, pairsToMatrix, ratioMatrix, scaleMatrix } from './pairs-to-matrix.js';

const randomMatrix = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.array(fc.integer({ min: 0, max: 16 }), { minLength: Math.max(1, (n * (n - 1)) / 2), maxLength: Math.max(1, (n * (n - 1)) / 2) }).map((p) => scaleMatrix(n, p)));

describe('principalEigenvector', () => {
  it('reproduces the demo criteria weights of credit-default-model.md (C1 .1174 … C7 .0785, λmax 7.0603)', () => {
    const { weights, lambdaMax } = principalEigenvector(CRITERIA_MATRIX);
    weights.forEach((w, i) => expect(w).toBeCloseTo(CRITERIA_WEIGHTS[i], 4));
    expect(lambdaMax).toBeCloseTo(7.0603, 4);
  });

  it('reproduces Saaty (2008) drinks example, p. 87 (AHPy test_drinks_weights_precision_4_dd)', () => {
    const { names, matrix } = pairsToMatrix(DRINKS);
    const { weights } = principalEigenvector(matrix as number[][]);
    const expected: Record<string, number> = { beer: 0.1164, coffee: 0.1775, milk: 0.1288, soda: 0.1896, tea: 0.0418, water: 0.3268, wine: 0.0191 };
    names.forEach((name, i) => expect(weights[i]).toBeCloseTo(expected[name], 4));
  });

  it('returns [0.6, 0.3, 0.1] and λmax = 3 for the consistent [2, 6, 3] matrix (pyanp test_pri_eigen)', () => {
    const r = principalEigenvector([[1, 2, 6], [1 / 2, 1, 3], [1 / 6, 1 / 3, 1]]);
    r.weights.forEach((w, i) => expect(w).toBeCloseTo([0.6, 0.3, 0.1][i], 12));
    expect(r.lambdaMax).toBeCloseTo(3, 12);
  });

  it('intransitive cycle A > B > C > A (circulant: w = 1/3 each, λmax = row sum 1 + 3 + 1/3, exact)', () => {
    const r = principalEigenvector([[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]]);
    r.weights.forEach((w) => expect(w).toBeCloseTo(1 / 3, 12));
    expect(r.lambdaMax).toBeCloseTo(13 / 3, 12);
  });

  it('edge cases n = 1 and n = 2 (closed form w = (a, 1)/(a + 1), λmax = 2)', () => {
    expect(principalEigenvector([[1]])).toEqual({ weights: [1], lambdaMax: 1 });
    const r = principalEigenvector([[1, 3], [1 / 3, 1]]);
    expect(r.weights[0]).toBeCloseTo(0.75, 12);
    expect(r.lambdaMax).toBeCloseTo(2, 12);
  });

  it.each([15, 30])('recovers w from a consistent %i × %i matrix w_i/w_j with λmax = n', (n) => {
    const w = Array.from({ length: n }, (_, i) => (i % 7) + 1 + i / 10);
    const total = w.reduce((s, x) => s + x, 0);
    const r = principalEigenvector(ratioMatrix(w));
    r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i] / total, 11));
    expect(r.lambdaMax).toBeCloseTo(n, 9);
  });

  it('converges to 1e-12 on an inconsistent 30 × 30 matrix: A·w = λ·w to that accuracy', () => {
    const m = scaleMatrix(30, Array.from({ length: 435 }, (_, k) => (k * 7 + 3) % 17));
    const { weights, lambdaMax } = principalEigenvector(m);
    for (let i = 0; i < 30; i++) {
      const aw = m[i].reduce((s, a, j) => s + a * weights[j], 0);
      expect(Math.abs(aw - lambdaMax * weights[i])).toBeLessThan(1e-9);
    }
  });

  it('left eigenvector satisfies vᵀA = λ vᵀ (independent check by multiplication)', () => {
    const n = 7, a = new Float64Array(CRITERIA_MATRIX.flat()), v = new Float64Array(n), work = new Float64Array(n);
    const lambda = principalLeftEigenvectorInto(a, n, v, work);
    const w = new Float64Array(n);
    expect(principalEigenvectorInto(a, n, w, work)).toBeCloseTo(lambda, 10);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i] * a[i * n + j];
      expect(s).toBeCloseTo(lambda * v[j], 10);
    }
  });

  it('rejects incomplete or invalid matrices with a DomainError', () => {
    expect(() => principalEigenvector([[1, null], [null, 1]] as unknown as number[][])).toThrow(DomainError);
    expect(() => principalEigenvector([[1, -1], [-1, 1]])).toThrow(DomainError);
  });

  it('property: weights are positive and sum to 1; λmax ≥ n', () => {
    fc.assert(fc.property(randomMatrix, (m) => {
      const { weights, lambdaMax } = principalEigenvector(m);
      expect(weights.every((w) => w > 0 && Number.isFinite(w))).toBe(true);
      expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      expect(lambdaMax).toBeGreaterThanOrEqual(m.length - 1e-9);
    }), { numRuns: 300 });
  });

  it('property: a consistent matrix w_i/w_j returns w (normalised)', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 15 }), (w) => {
      const total = w.reduce((s, x) => s + x, 0);
      const { weights, lambdaMax } = principalEigenvector(ratioMatrix(w));
      weights.forEach((x, i) => expect(x).toBeCloseTo(w[i] / total, 9));
      expect(lambdaMax).toBeCloseTo(w.length, 8);
    }), { numRuns: 200 });
  });

  it('property: permuting the elements permutes the weights', () => {
    fc.assert(fc.property(randomMatrix, fc.integer({ min: 0, max: 1e9 }), (m, seed) => {
      const n = m.length;
      const perm = Array.from({ length: n }, (_, i) => i).sort((x, y) => ((x * 7919 + seed) % 101) - ((y * 7919 + seed) % 101) || x - y);
      const pm = perm.map((pi) => perm.map((pj) => m[pi][pj]));
      const w = principalEigenvector(m).weights, pw = principalEigenvector(pm).weights;
      perm.forEach((pi, i) => expect(pw[i]).toBeCloseTo(w[pi], 10));
    }), { numRuns: 200 });
  });
});
