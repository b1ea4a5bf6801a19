import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateJudgments } from '../../../src/domain/ahp/aggregate-judgments.js';
import { aggregatePriorities } from '../../../src/domain/ahp/aggregate-priorities.js';
import { COMPLETION_METHODS, PRIORITY_METHODS, type IncompleteMatrix } from '../../../src/domain/ahp/ahp-types.js';
import { completeMatrix } from '../../../src/domain/ahp/complete-matrix.js';
import { computePriorities } from '../../../src/domain/ahp/compute-priorities.js';
import { consensusIndicator } from '../../../src/domain/ahp/consensus-indicator.js';
import { consistencyRatio } from '../../../src/domain/ahp/consistency-ratio.js';
import { monteCarloWeights } from '../../../src/domain/ahp/monte-carlo-weights.js';
import { RI_TABLE_NAMES } from '../../../src/domain/ahp/random-index.js';
import { sensitivity } from '../../../src/domain/ahp/sensitivity.js';
import { synthesiseHierarchy } from '../../../src/domain/ahp/synthesise-hierarchy.js';
import { FEW_RUNS, RUNS, domainOnly, expectFinite, expectSumToOne, hostileNumber, hostileValue } from './fuzz-support.js';

/**
 * Issue 8 point 6, AHP engine: on any valid input the outputs are finite and weights sum to 1; on any hostile
 * input (NaN, ±Infinity, 1e308, strings, wrong shapes) the only error is a DomainError.
 */

const SAATY = [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((v) => (v === 1 ? [1] : [v, 1 / v]));
const judgment = fc.oneof(fc.constantFrom(...SAATY), fc.double({ min: 1 / 9, max: 9, noNaN: true }));

/** A reciprocal matrix of size n; with `missing`, entries off the chain (i, i+1) may be null, so it stays connected. */
function reciprocal(n: number, missing: boolean): fc.Arbitrary<IncompleteMatrix> {
  const pairs = (n * (n - 1)) / 2;
  return fc.array(fc.tuple(judgment, missing ? fc.boolean() : fc.constant(false)), { minLength: pairs, maxLength: pairs }).map((cells) => {
    const m: IncompleteMatrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : null)));
    let k = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const [v, drop] = cells[k++]!;
        if (drop && j !== i + 1) continue;
        m[i]![j] = v;
        m[j]![i] = 1 / v;
      }
    }
    return m;
  });
}

const size = fc.integer({ min: 1, max: 12 });
const anyMatrix = (missing: boolean) => size.chain((n) => reciprocal(n, missing));
const options = fc.record({
  method: fc.constantFrom(...PRIORITY_METHODS),
  riTable: fc.constantFrom(...RI_TABLE_NAMES),
  completion: fc.constantFrom(...COMPLETION_METHODS),
});
/** A positive vector summing to 1. */
const priorityVector = (n: number) => fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((v) => {
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
});

describe('computePriorities', () => {
  it('complete and incomplete (connected) matrices: finite weights > 0 summing to 1, λmax ≥ n, CI ≥ 0, finite CR and GCI', () => {
    fc.assert(fc.property(fc.boolean().chain((missing) => anyMatrix(missing)), options, (m, o) => {
      const r = computePriorities(m, o);
      expectFinite(r);
      expect(r.weights).toHaveLength(m.length);
      expect(r.weights.every((w) => w > 0)).toBe(true);
      expectSumToOne(r.weights);
      expect(r.lambdaMax).toBeGreaterThanOrEqual(m.length - 1e-9);
      expect(r.ci).toBeGreaterThanOrEqual(-1e-12);
      expect(r.cr).toBeGreaterThanOrEqual(-1e-12);
      expect(r.gci).toBeGreaterThanOrEqual(-1e-12);
      if (r.completedMatrix) expect(r.completedMatrix.flat().every((x) => Number.isFinite(x) && x > 0)).toBe(true);
    }), RUNS);
  });

  it('a consistent matrix (a_ij = w_i / w_j) gives back w and CR ≈ 0', () => {
    // Entries ≥ 0.01 keep every ratio within the engine's accepted range (1e-6 … 1e6).
    const spread = (n: number) => fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((v) => v.map((x) => x / v.reduce((a, b) => a + b, 0)));
    fc.assert(fc.property(size.chain(spread), options, (w, o) => {
      const m = w.map((wi) => w.map((wj) => wi / wj));
      const r = computePriorities(m, o);
      r.weights.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 6));
      expect(Math.abs(r.cr)).toBeLessThan(1e-6);
    }), RUNS);
  });

  it('hostile matrices and options throw only DomainError', () => {
    const hostileMatrix = fc.oneof(
      hostileValue,
      fc.array(fc.array(hostileValue, { maxLength: 5 }), { maxLength: 5 }),
      size.chain((n) => fc.array(fc.array(hostileNumber, { minLength: n, maxLength: n }), { minLength: n, maxLength: n })),
      anyMatrix(false).chain((m) => fc.tuple(fc.nat(), fc.nat(), hostileValue).map(([i, j, v]) => {
        const copy = m.map((row) => [...row]) as unknown[][];
        if (copy.length) copy[i % copy.length]![j % copy.length] = v;
        return copy;
      })),
    );
    const hostileOptions = fc.oneof(options, fc.record({ method: hostileValue, riTable: hostileValue, completion: hostileValue }, { requiredKeys: [] }));
    fc.assert(fc.property(hostileMatrix, hostileOptions, (m, o) => {
      const r = domainOnly(() => computePriorities(m as IncompleteMatrix, o as never));
      if (r) {
        expectFinite(r);
        expectSumToOne(r.weights);
      }
    }), RUNS);
  });

  it('a matrix whose judgments do not connect every element → DomainError', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 10 }), (n) => {
      // Only the pair (0, 1) answered: elements 2 … n-1 are not connected.
      const m: IncompleteMatrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : null)));
      m[0]![1] = 3;
      m[1]![0] = 1 / 3;
      expect(domainOnly(() => computePriorities(m))).toBeUndefined();
    }), FEW_RUNS);
  });
});

describe('completion, aggregation, consensus, synthesis', () => {
  it('completeMatrix fills a connected matrix with finite positive reciprocal values', () => {
    fc.assert(fc.property(anyMatrix(true), fc.constantFrom(...COMPLETION_METHODS), (m, method) => {
      const c = completeMatrix(m, method);
      expectFinite(c);
      c.forEach((row, i) => row.forEach((x, j) => {
        expect(x).toBeGreaterThan(0);
        expect(x * c[j]![i]!).toBeCloseTo(1, 9);
      }));
    }), RUNS);
  });

  it('aggregateJudgments (AIJ): finite group matrix and dispersion for any experts and weights; hostile weights → DomainError only', () => {
    const experts = fc.integer({ min: 1, max: 8 }).chain((n) => fc.array(reciprocal(n, true), { minLength: 1, maxLength: 6 }));
    fc.assert(fc.property(experts, fc.option(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 6 })), (ms, weights) => {
      const w = weights ? ms.map((_, k) => weights[k % weights.length]!) : undefined;
      const r = aggregateJudgments(ms, w);
      expectFinite(r);
      r.matrix.flat().forEach((x) => x === null || expect(x).toBeGreaterThan(0));
      r.dispersion.flat().forEach((x) => x === null || expect(x).toBeGreaterThanOrEqual(1 - 1e-12));
    }), RUNS);
    fc.assert(fc.property(fc.array(anyMatrix(false), { minLength: 1, maxLength: 3 }), fc.array(hostileValue, { maxLength: 4 }), (ms, w) => {
      const r = domainOnly(() => aggregateJudgments(ms, w as number[]));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('aggregatePriorities (AIP): weights sum to 1 and stay finite and positive; hostile vectors → DomainError only', () => {
    const vectors = fc.integer({ min: 1, max: 10 }).chain((n) => fc.array(priorityVector(n), { minLength: 1, maxLength: 8 }));
    fc.assert(fc.property(vectors, fc.constantFrom('geometric', 'arithmetic') as fc.Arbitrary<'geometric' | 'arithmetic'>, (vs, mode) => {
      const r = aggregatePriorities(vs, vs.map((_, k) => k + 1), mode);
      expectFinite(r);
      expectSumToOne(r);
      expect(r.every((x) => x > 0)).toBe(true);
    }), RUNS);
    fc.assert(fc.property(fc.array(fc.array(hostileNumber, { maxLength: 4 }), { maxLength: 4 }), hostileValue, hostileValue, (vs, w, mode) => {
      const r = domainOnly(() => aggregatePriorities(vs, w as number[], mode as 'geometric'));
      if (r) {
        expectFinite(r);
        expectSumToOne(r);
      }
    }), RUNS);
  });

  // S* ≥ 0 only holds for priorities the scale can produce (AHP-OS gives negative values too otherwise).
  it('consensusIndicator: S* ≤ 1, Hβ ≥ 0 and finite entropies; hostile input → DomainError only', () => {
    const vectors = fc.integer({ min: 2, max: 9 }).chain((n) => fc.array(priorityVector(n), { minLength: 2, maxLength: 8 }));
    fc.assert(fc.property(vectors, fc.double({ min: 1.5, max: 20, noNaN: true }), (vs, scaleMax) => {
      const r = consensusIndicator(vs, { scaleMax });
      expectFinite(r);
      expect(r.hBeta).toBeGreaterThanOrEqual(0);
      expect(r.sStar).toBeLessThanOrEqual(1 + 1e-9);
    }), RUNS);
    fc.assert(fc.property(fc.array(fc.array(hostileNumber, { maxLength: 4 }), { maxLength: 4 }), hostileValue, hostileValue, (vs, scaleMax, w) => {
      const r = domainOnly(() => consensusIndicator(vs, { scaleMax: scaleMax as number, expertWeights: w as number[] }));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('consistencyRatio: finite for any λmax ≥ n on any table; hostile numbers → DomainError only', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom(...RI_TABLE_NAMES), (n, excess, table) => {
      expectFinite(consistencyRatio(n + excess, n, table));
    }), RUNS);
    fc.assert(fc.property(hostileNumber, hostileNumber, hostileValue, (lambda, n, table) => {
      const r = domainOnly(() => consistencyRatio(lambda, n, table as 'saaty'));
      if (r) expectFinite(r);
    }), RUNS);
  });

  it('synthesiseHierarchy: global weights of a two-level hierarchy are finite and sum to 1', () => {
    const tree = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }).chain((sizes) =>
      fc.tuple(priorityVector(sizes.length), fc.tuple(...sizes.map((k) => priorityVector(k)))).map(([top, locals]) => ({
        goal: 'G',
        nodes: [
          { id: 'G', children: sizes.map((_, c) => `C${c}`), weights: top },
          ...sizes.map((k, c) => ({ id: `C${c}`, children: Array.from({ length: k }, (_, i) => `C${c}.I${i}`), weights: locals[c] as number[] })),
        ],
      })));
    fc.assert(fc.property(tree, (h) => {
      const r = synthesiseHierarchy(h);
      expectFinite(r);
      expectSumToOne(Object.values(r.globalWeights), 1e-9);
    }), RUNS);
  });

  it('monteCarloWeights: finite bands for any matrices, seeds and variation; hostile options → DomainError only', () => {
    const input = fc.tuple(anyMatrix(true), fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ min: 0.01, max: 2, noNaN: true }));
    fc.assert(fc.property(input, ([m, seed, variation]) => {
      const children = m.map((_, i) => `E${i}`);
      const r = domainOnly(() => monteCarloWeights({ goal: 'G', nodes: [{ id: 'G', children, matrix: m }], draws: 20, seed, variation }));
      if (r) expectFinite(r);
    }), FEW_RUNS);
    fc.assert(fc.property(hostileValue, hostileValue, hostileValue, (draws, seed, crLimit) => {
      const r = domainOnly(() => monteCarloWeights({ goal: 'G', nodes: [{ id: 'G', children: ['a', 'b'], matrix: [[1, 3], [1 / 3, 1]] }], draws: draws as number, seed: seed as number, crLimit: crLimit as number }));
      if (r) expectFinite(r);
    }), FEW_RUNS);
  });

  it('sensitivity: finite deltas for weights summing to 1, with or without scores; hostile input → DomainError only', () => {
    const input = fc.integer({ min: 1, max: 8 }).chain((m) => fc.tuple(priorityVector(m), fc.option(fc.integer({ min: 1, max: 6 }).chain((a) => fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: a, maxLength: a }), { minLength: m, maxLength: m })))));
    fc.assert(fc.property(input, ([w, scores]) => {
      const r = sensitivity(w, scores ?? undefined);
      expectFinite(r);
      r.forEach((e) => e.weightAtReversal === null || (expect(e.weightAtReversal).toBeGreaterThanOrEqual(-1e-9), expect(e.weightAtReversal).toBeLessThanOrEqual(1 + 1e-9)));
    }), RUNS);
    fc.assert(fc.property(hostileValue, hostileValue, (w, s) => {
      const r = domainOnly(() => sensitivity(w as number[], s as number[][]));
      if (r) expectFinite(r);
    }), RUNS);
  });
});
