import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeMatrix } from '../../../../src/domain/ahp/complete-matrix.js';
import { consistencyRatio } from '../../../../src/domain/ahp/consistency-ratio.js';
import { principalEigenvector } from '../../../../src/domain/ahp/principal-eigenvector.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { pairsToMatrix, scaleMatrix } from './pairs-to-matrix.js';

// Bozóki, Fülöp & Rónyai (2010), Math. Comput. Modelling 52:318–333, examples as encoded in AHPy tests/test_ahp.py.
const U = { 'a,b': 1, 'a,c': 5, 'a,d': 2, 'b,c': 3, 'b,d': 4 };
const HOUSING = {
  'a,b': 5, 'a,c': 3, 'a,d': 7, 'a,e': 6, 'a,f': 6, 'b,d': 5, 'b,f': 3, 'c,e': 3, 'c,g': 6, 'f,d': 4,
  'g,a': 3, 'g,e': 5, 'h,a': 4, 'h,b': 7, 'h,d': 8, 'h,f': 6,
};

const lambdaOf = (m: number[][]) => principalEigenvector(m).lambdaMax;

describe('completeMatrix — optimal (λmax-minimising) completion', () => {
  it('Bozóki et al. 4 × 4 example: missing (c,d) = 0.7303, weights .3738/.392/.0985/.1357, CR .0372 (AHPy test_incomplete_example_*)', () => {
    const { names, matrix } = pairsToMatrix(U);
    const c = completeMatrix(matrix);
    expect(c[names.indexOf('c')][names.indexOf('d')]).toBeCloseTo(0.730297, 5);
    const { weights, lambdaMax } = principalEigenvector(c);
    const expected: Record<string, number> = { a: 0.3738, b: 0.392, c: 0.0985, d: 0.1357 };
    names.forEach((x, i) => expect(weights[i]).toBeCloseTo(expected[x], 4));
    expect(Number(consistencyRatio(lambdaMax, 4, 'donegan-dodd').cr.toFixed(4))).toBe(0.0372);
  });

  it('Bozóki et al. 8 × 8 housing example: the 12 missing values agree with AHPy to its 1e-4 tolerance', () => {
    const { names, matrix } = pairsToMatrix(HOUSING, 'abcdefgh'.split(''));
    const c = completeMatrix(matrix);
    const expected: Record<string, number> = {
      'b,c': 0.3300187496240363, 'b,e': 1.7197409185349517, 'b,g': 0.4663515002203321, 'c,d': 9.920512661898753,
      'c,f': 4.852486449214693, 'c,h': 0.5696073301509899, 'd,e': 0.5252768142894285, 'd,g': 0.1424438146531802,
      'e,f': 0.9311973564754218, 'e,h': 0.10930828182051665, 'f,g': 0.2912120796181874, 'g,h': 0.4030898885178746,
    };
    for (const [key, v] of Object.entries(expected)) {
      const [x, y] = key.split(',');
      expect(Math.abs(c[names.indexOf(x)][names.indexOf(y)] / v - 1)).toBeLessThan(1e-4);
    }
  });

  it('is a minimum: moving any filled entry by ±0.1 % raises λmax, and Harker never does better', () => {
    const { matrix } = pairsToMatrix(HOUSING, 'abcdefgh'.split(''));
    const c = completeMatrix(matrix);
    const best = lambdaOf(c);
    for (let i = 0; i < 8; i++) {
      for (let j = i + 1; j < 8; j++) {
        if (matrix[i][j] !== null) continue;
        for (const f of [1.001, 1 / 1.001]) {
          const m = c.map((r) => [...r]);
          m[i][j] *= f; m[j][i] = 1 / m[i][j];
          expect(lambdaOf(m)).toBeGreaterThan(best - 1e-12);
        }
      }
    }
    expect(lambdaOf(completeMatrix(matrix, 'harker'))).toBeGreaterThanOrEqual(best - 1e-12);
  });

  it('a spanning tree of judgments is completed consistently (λmax = n)', () => {
    const m = [[1, 2, null, null], [1 / 2, 1, 3, null], [null, 1 / 3, 1, 4], [null, null, 1 / 4, 1]];
    const c = completeMatrix(m);
    expect(c[0][3]).toBeCloseTo(24, 10);
    expect(lambdaOf(c)).toBeCloseTo(4, 10);
  });

  it('leaves a complete matrix unchanged', () => {
    const m = scaleMatrix(5, [3, 9, 12, 1, 15, 8, 10, 2, 4, 6]);
    expect(completeMatrix(m)).toEqual(m);
  });

  it('a disconnected comparison graph is a DomainError naming the unreachable elements', () => {
    const m = [[1, 2, null, null, null], [1 / 2, 1, 3, null, null], [null, 1 / 3, 1, null, null], [null, null, null, 1, 2], [null, null, null, 1 / 2, 1]];
    try { completeMatrix(m); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const err = e as DomainError;
      expect(err.code).toBe('disconnected-comparisons');
      expect(err.details).toMatchObject({ unreachable: [3, 4], components: [[0, 1, 2], [3, 4]] });
      expect(err.message).toContain('4, 5');
    }
  });

  it('property: for random connected incomplete matrices the optimum beats LLSM-style and Harker fills and has CR ≥ 0', () => {
    fc.assert(fc.property(fc.integer({ min: 4, max: 9 }), fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 36, maxLength: 36 }),
      fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }), (n, picks, drop) => {
        const full = scaleMatrix(n, picks);
        const m: (number | null)[][] = full.map((r) => [...r]);
        let k = 0;
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (j > i + 1 && drop[k++ % 36]) { m[i][j] = null; m[j][i] = null; }
        const opt = lambdaOf(completeMatrix(m));
        expect(opt).toBeGreaterThanOrEqual(n - 1e-9);
        expect(opt).toBeLessThanOrEqual(lambdaOf(completeMatrix(m, 'harker')) + 1e-9);
      }), { numRuns: 60 });
  });
});

describe('completeMatrix — Harker (1987)', () => {
  it('pyanp test_harker_fix matrix [2, 6, missing]: Harker diagonal (1, 2, 2) gives w = (.6, .3, .1), so a_23 = 3', () => {
    // Harker's matrix [[1,2,6],[1/2,2,0],[1/6,0,2]] has the consistent eigenvector (6,3,1)/10 with λ = 3.
    const c = completeMatrix([[1, 2, 6], [1 / 2, 1, null], [1 / 6, null, 1]], 'harker');
    expect(c[1][2]).toBeCloseTo(3, 10);
    principalEigenvector(c).weights.forEach((w, i) => expect(w).toBeCloseTo([0.6, 0.3, 0.1][i], 10));
  });

  it('weights of the completed matrix equal the Perron vector of Harker’s modified matrix (same λmax)', () => {
    const m = [[1, 3, null, 5], [1 / 3, 1, 2, null], [null, 1 / 2, 1, 4], [1 / 5, null, 1 / 4, 1]];
    const h = [[2, 3, 0, 5], [1 / 3, 2, 2, 0], [0, 1 / 2, 2, 4], [1 / 5, 0, 1 / 4, 2]];
    // Power iteration on Harker's matrix computed independently here.
    let x = [0.25, 0.25, 0.25, 0.25], lambda = 0;
    for (let it = 0; it < 2000; it++) {
      const y = h.map((row) => row.reduce((s, a, j) => s + a * x[j], 0));
      lambda = y.reduce((s, v) => s + v, 0);
      x = y.map((v) => v / lambda);
    }
    const r = principalEigenvector(completeMatrix(m, 'harker'));
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(x[i], 10));
    expect(r.lambdaMax).toBeCloseTo(lambda, 9);
  });
});
