import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortNumbers } from '../../../../src/domain/validation/sort-numbers.js';

function referenceOrder(values: readonly number[]): number[] {
  // Array.prototype.sort is stable (ECMAScript 2019): ties keep input order.
  return values.map((_, i) => i).sort((a, b) => (values[a] === values[b] ? 0 : values[a] < values[b] ? -1 : 1));
}

describe('sortNumbers (LSD radix on IEEE-754 bits)', () => {
  const doubles = fc.double({ noNaN: true });

  it('property: order equals a stable comparison sort and `sorted` holds the values in that order — small inputs', () => {
    fc.assert(fc.property(fc.array(doubles, { maxLength: 50 }), (values) => {
      const normalized = values.map((v) => (v === 0 ? 0 : v));
      const { order, sorted } = sortNumbers(values);
      expect(Array.from(order)).toEqual(referenceOrder(normalized));
      expect(Array.from(sorted)).toEqual(Array.from(order, (i) => normalized[i]));
    }));
  });

  it('property: the same on the radix path (n ≥ 512): negative numbers, ±0, ±Infinity, subnormals, ties', () => {
    const mixed = fc.oneof(doubles, fc.constantFrom(0, -0, 1, -1, 2.5, Number.MIN_VALUE, -Number.MIN_VALUE, Infinity, -Infinity));
    fc.assert(fc.property(fc.array(mixed, { minLength: 512, maxLength: 1500 }), (values) => {
      const normalized = values.map((v) => (v === 0 ? 0 : v));
      const { order, sorted } = sortNumbers(values);
      expect(Array.from(order)).toEqual(referenceOrder(normalized));
      expect(Array.from(sorted)).toEqual(Array.from(order, (i) => normalized[i]));
    }), { numRuns: 20 });
  });

  it('sorts plain arrays, typed arrays and a large rounded score vector (many ties) stably', () => {
    expect(Array.from(sortNumbers([3, 1, 2, 1]).order)).toEqual([1, 3, 2, 0]);
    const n = 20_000;
    const scores = Float64Array.from({ length: n }, (_, i) => Math.round(((i * 7919) % 10007) / 100) / 1);
    const { order } = sortNumbers(scores);
    for (let k = 1; k < n; k++) {
      const a = scores[order[k - 1]], b = scores[order[k]];
      expect(a < b || (a === b && order[k - 1] < order[k])).toBe(true);
    }
  });
});
