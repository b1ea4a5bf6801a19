import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { sampleStandardDeviation } from '../../../../src/domain/statistics/sample-standard-deviation.js';

describe('sampleStandardDeviation', () => {
  it('R 4.x: sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = 2.138089935299395 (= √(32/7), hand-derived: Σ(x − 5)² = 32)', () => {
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 15);
  });

  it('all-equal answers give 0, not NaN', () => {
    expect(sampleStandardDeviation([3, 3, 3])).toBe(0);
  });

  it('stays accurate with a large offset (1e9 + {1, 2, 3} has sd 1)', () => {
    expect(sampleStandardDeviation([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(1, 12);
  });

  it('needs at least two values', () => {
    expect(() => sampleStandardDeviation([1])).toThrow(DomainError);
    expect(() => sampleStandardDeviation([])).toThrow(DomainError);
  });
});
