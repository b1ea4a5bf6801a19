import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from '../../../../src/domain/statistics/median.js';
import { selectMedianInPlace } from '../../../../src/domain/statistics/select-median.js';

describe('selectMedianInPlace (quickselect)', () => {
  it('R median convention: odd n → middle value, even n → mean of the two middle values', () => {
    expect(selectMedianInPlace(Float64Array.from([5, 1, 3]))).toBe(3);
    expect(selectMedianInPlace(Float64Array.from([3, 1, 4, 1, 5, 9]))).toBe(3.5);
    expect(selectMedianInPlace(Float64Array.from([7]))).toBe(7);
  });

  it('agrees with the sort-based median on data full of ties, sorted and reversed runs (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 300 }), fc.boolean(), (xs, sortFirst) => {
      const data = sortFirst ? [...xs].sort((a, b) => a - b) : xs;
      return selectMedianInPlace(Float64Array.from(data)) === median(data);
    }));
    fc.assert(fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }), (xs) =>
      selectMedianInPlace(Float64Array.from(xs)) === median(xs)));
  });
});
