import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateJudgments } from '../../../../src/domain/ahp/aggregate-judgments.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { scaleMatrix } from './pairs-to-matrix.js';

const expertMatrices = (n: number) => fc.array(fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 10, maxLength: 10 }), { minLength: 1, maxLength: 6 })
  .map((list) => list.map((picks) => scaleMatrix(n, picks)));

describe('aggregateJudgments (AIJ, weighted geometric mean per cell)', () => {
  it('two users voting 3 and 5 on the same pair give √15; unanswered pairs stay missing (pyanp test_pairwise test_crud)', () => {
    const bill = [[1, 3, null], [1 / 3, 1, null], [null, null, 1]];
    const leanne = [[1, 5, null], [1 / 5, 1, null], [null, null, 1]];
    const r = aggregateJudgments([bill, leanne]);
    expect(r.matrix[0][1]).toBeCloseTo(Math.sqrt(15), 12);
    expect(r.matrix[1][0]).toBeCloseTo(1 / Math.sqrt(15), 12);
    expect(r.matrix[0][2]).toBeNull();
    expect(r.answered[0][1]).toBe(2);
    expect(r.answered[0][2]).toBe(0);
  });

  it('weights expert judgments: 2 and 8 with weights 1 : 3 give 2^(1/4)·8^(3/4) = 2^2.5', () => {
    const r = aggregateJudgments([[[1, 2], [1 / 2, 1]], [[1, 8], [1 / 8, 1]]], [1, 3]);
    expect(r.matrix[0][1]).toBeCloseTo(2 ** 2.5, 12);
  });

  it('renormalises weights per cell over the experts who answered it', () => {
    const a = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]];
    const b = [[1, 8, null], [1 / 8, 1, null], [null, null, 1]];
    const r = aggregateJudgments([a, b], [1, 3]);
    expect(r.matrix[0][2]).toBeCloseTo(4, 12); // only expert a answered (0,2)
    expect(r.matrix[1][2]).toBeCloseTo(2, 12);
    expect(r.matrix[0][1]).toBeCloseTo(Math.exp((Math.log(2) + 3 * Math.log(8)) / 4), 12);
  });

  it('dispersion is AHP-OS’s geometric SD exp(sd of ln a_ij): for two answers exp(|ln a − ln b|/√2); null below two answers', () => {
    const r = aggregateJudgments([[[1, 3], [1 / 3, 1]], [[1, 5], [1 / 5, 1]]]);
    expect(r.dispersion[0][1]).toBeCloseTo(Math.exp(Math.abs(Math.log(5) - Math.log(3)) / Math.SQRT2), 12);
    expect(r.dispersion[1][0]).toBe(r.dispersion[0][1]);
    expect(r.dispersion[0][0]).toBe(1);
    expect(aggregateJudgments([[[1, 3], [1 / 3, 1]]]).dispersion[0][1]).toBeNull();
  });

  it('rejects matrices of different sizes, bad weights and invalid matrices, naming the expert', () => {
    expect(() => aggregateJudgments([[[1]], [[1, 2], [0.5, 1]]])).toThrow(/Expert 2/);
    expect(() => aggregateJudgments([[[1]], [[1]]], [1])).toThrow(DomainError);
    expect(() => aggregateJudgments([[[1]], [[1]]], [1, 0])).toThrow(DomainError);
    expect(() => aggregateJudgments([])).toThrow(DomainError);
    const error = (() => { try { aggregateJudgments([[[1]], [[2]]]); } catch (e) { return e; } return null; })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toMatchObject({ expert: 1, row: 0, col: 0 });
  });

  it('property: the AIJ of reciprocal matrices is reciprocal', () => {
    fc.assert(fc.property(expertMatrices(5), fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 }), (ms, w) => {
      const { matrix } = aggregateJudgments(ms, w.slice(0, ms.length));
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(matrix[i][j]! * matrix[j][i]!).toBeCloseTo(1, 12);
    }), { numRuns: 100 });
  });

  it('property: identical experts give back their matrix; the order of experts does not matter', () => {
    fc.assert(fc.property(expertMatrices(5), fc.integer({ min: 2, max: 5 }), (ms, copies) => {
      const same = aggregateJudgments(Array.from({ length: copies }, () => ms[0])).matrix;
      same.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ms[0][i][j], 12)));
      const weights = ms.map((_, k) => k + 1);
      const forward = aggregateJudgments(ms, weights).matrix;
      const backward = aggregateJudgments([...ms].reverse(), [...weights].reverse()).matrix;
      forward.forEach((row, i) => row.forEach((v, j) => expect(backward[i][j]).toBeCloseTo(v!, 12)));
    }), { numRuns: 100 });
  });
});
