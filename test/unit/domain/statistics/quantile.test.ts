import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { quantile, quantiles } from '../../../../src/domain/statistics/quantile.js';
import { median } from '../../../../src/domain/statistics/median.js';

describe('quantile (Hyndman & Fan type 7, R default)', () => {
  it('R 4.x: quantile(c(1, 2, 3, 4, 10), 0.25) = 2 and quantile(1:4, 0.9) = 3.7', () => {
    expect(quantile([1, 2, 3, 4, 10], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14);
  });

  it('R 4.x: quantile(c(7, 1, 3, 5), c(0, .25, .5, .75, 1)) = 1, 2.5, 4, 5.5, 7', () => {
    expect(quantiles([7, 1, 3, 5], [0, 0.25, 0.5, 0.75, 1])).toEqual([1, 2.5, 4, 5.5, 7]);
  });

  it('median: R median(c(3, 1, 4, 1, 5, 9)) = 3.5 and median(c(5, 1, 3)) = 3', () => {
    expect(median([3, 1, 4, 1, 5, 9])).toBe(3.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('is invariant to the order of the data (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) =>
      quantile(xs, p) === quantile([...xs].reverse(), p)));
  });

  it('rejects empty data, NaN and p outside [0, 1]', () => {
    expect(() => median([])).toThrow(DomainError);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(DomainError);
    expect(() => quantile([1, 2], 1.5)).toThrow(DomainError);
  });
});
