import { describe, expect, it } from 'vitest';
import { matrixFromUpperTriangle } from '../../../../src/domain/ahp/matrix-from-judgments.js';
import { rowGeometricMean } from '../../../../src/domain/ahp/row-geometric-mean.js';

const utm = (v: number[]) => matrixFromUpperTriangle(v) as number[][];

describe('rowGeometricMean (RGMM / LLSM)', () => {
  it.each([
    [[2, 6, 3], [0.6, 0.3, 0.1]],
    [[2, 4, 3], [0.5584245, 0.3196183, 0.1219572]],
    [[2, 3, 4, 2, 5, 3], [0.4508867, 0.3046191, 0.1712999, 0.0731942]],
    [[1 / 2, 1 / 3, 1 / 4, 1 / 5, 2, 3, 4, 2, 5, 3], [0.0636715, 0.3597739, 0.2851016, 0.1905405, 0.1009125]],
  ])('matches pyanp test_pri_llsm for upper triangle %j', (triangle, expected) => {
    rowGeometricMean(utm(triangle)).forEach((w, i) => expect(w).toBeCloseTo(expected[i], 7));
  });

  it('n = 1 gives [1]', () => {
    expect(rowGeometricMean([[1]])).toEqual([1]);
  });
});
