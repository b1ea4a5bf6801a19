import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortNumbers } from '../../../../src/domain/validation/argsort-numbers.js';

function referenceArgsort(values: readonly number[]): number[] {
  // Array.prototype.sort is stable (ECMAScript 2019): ties keep input order.
  return values.map((_, i) => i).sort((a, b) => (values[a] === values[b] ? 0 : values[a] < values[b] ? -1 : 1));
}

describe('argsortNumbers (LSD radix on IEEE-754 bits)', () => {
  const doubles = fc.double({ noNaN: true, noDefaultInfinity: false });

  it('property: equals a stable comparison sort, small inputs', () => {
    fc.assert(fc.property(fc.array(doubles, { maxLength: 50 }), (values) => {
      expect(Array.from(argsortNumbers(values))).toEqual(referenceArgsort(values));
    }));
  });

  it('property: equals a stable comparison sort on the radix path (n ≥ 1024), negative numbers, ±0, ±Infinity, ties', () => {
    fc.assert(fc.property(fc.array(fc.oneof(doubles, fc.constantFrom(0, -0, 1, -1, 2.5)), { minLength: 1024, maxLength: 1500 }), (values) => {
      const normalized = values.map((v) => (v === 0 ? 0 : v));
      expect(Array.from(argsortNumbers(values))).toEqual(referenceArgsort(normalized));
    }), { numRuns: 20 });
  });

  it('with an initial order it sorts stably within that order (lexicographic sort by x, then y)', () => {
    const x = [2, 1, 2, 1], y = [1, 9, 0, 3];
    const byY = argsortNumbers(y);
    expect(Array.from(argsortNumbers(x, byY))).toEqual([3, 1, 2, 0]);
  });
});
