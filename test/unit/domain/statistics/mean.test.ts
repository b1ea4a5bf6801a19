import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { mean } from '../../../../src/domain/statistics/mean.js';

describe('mean', () => {
  it('R 4.x: mean(1:4) = 2.5', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });

  it('compensated summation: mean of 1e16 and ten 1s sums exactly (naive summation drops the 1s)', () => {
    // Hand derivation: (1e16 + 10·1 − 1e16)/12 = 10/12.
    expect(mean([1e16, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1e16])).toBeCloseTo(10 / 12, 15);
  });

  it('throws a DomainError on empty input or non-finite values, never NaN', () => {
    expect(() => mean([])).toThrow(DomainError);
    expect(() => mean([1, Number.NaN])).toThrow(DomainError);
    expect(() => mean([1, Number.POSITIVE_INFINITY])).toThrow(DomainError);
  });
});
