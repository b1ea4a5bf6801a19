import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { matrixFromJudgments, matrixFromUpperTriangle } from '../../../../src/domain/ahp/matrix-from-judgments.js';

describe('matrixFromJudgments (DESIGN §4 encoding)', () => {
  it('stores a_ij for i < j, a_ji = 1/a_ij, a_ii = 1, and leaves unjudged pairs null', () => {
    const m = matrixFromJudgments(3, [{ i: 0, j: 1, value: 3 }, { i: 1, j: 2, value: 1 / 5 }]);
    expect(m).toEqual([[1, 3, null], [1 / 3, 1, 1 / 5], [null, 5, 1]]);
  });

  it('snaps a stored 0.333333 to exactly 1/3 and keeps "no opinion" (null) missing', () => {
    const m = matrixFromJudgments(2, [{ i: 0, j: 1, value: 0.3333333 }]);
    expect(m[0][1]).toBe(1 / 3);
    expect(m[1][0]).toBe(3);
    expect(matrixFromJudgments(2, [{ i: 0, j: 1, value: null }])[0][1]).toBeNull();
  });

  it('rejects off-scale values, i ≥ j, out-of-range indices and duplicates', () => {
    expect(() => matrixFromJudgments(3, [{ i: 0, j: 1, value: 10 }])).toThrow(DomainError);
    expect(() => matrixFromJudgments(3, [{ i: 0, j: 1, value: 2.5 }])).toThrow(/1–9 scale/);
    expect(() => matrixFromJudgments(3, [{ i: 1, j: 0, value: 2 }])).toThrow(DomainError);
    expect(() => matrixFromJudgments(3, [{ i: 0, j: 3, value: 2 }])).toThrow(DomainError);
    expect(() => matrixFromJudgments(3, [{ i: 0, j: 1, value: 2 }, { i: 0, j: 1, value: 3 }])).toThrow(/twice/);
    expect(() => matrixFromJudgments(31, [])).toThrow(DomainError);
  });

  it('reads the upper triangle row by row like pyanp utmrowlist_to_npmatrix (pyanp tests/test_priority.py)', () => {
    expect(matrixFromUpperTriangle([2, 6, 3])).toEqual([[1, 2, 6], [1 / 2, 1, 3], [1 / 6, 1 / 3, 1]]);
    expect(matrixFromUpperTriangle([])).toEqual([[1]]);
    expect(() => matrixFromUpperTriangle([2, 3])).toThrow(DomainError);
  });
});
