import { describe, expect, it } from 'vitest';
import { aggregatePriorities } from '../../../../src/domain/ahp/aggregate-priorities.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

describe('aggregatePriorities (AIP)', () => {
  it('weighted geometric mean per element with coefficients 2 : 3 (pyanp test_geom_avg_mat), renormalised', () => {
    // pyanp: rows [1, 2] and [3, 5] with coeffs [2, 3] → [1^.4·2^.6, 3^.4·5^.6]; here experts are vectors.
    const r = aggregatePriorities([[1, 3], [2, 5]], [2, 3], 'geometric');
    const raw = [1 ** 0.4 * 2 ** 0.6, 3 ** 0.4 * 5 ** 0.6];
    r.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / (raw[0] + raw[1]), 12));
  });

  it('weighted arithmetic mean', () => {
    const r = aggregatePriorities([[0.6, 0.4], [0.2, 0.8]], [3, 1], 'arithmetic');
    expect(r[0]).toBeCloseTo(0.5, 12);
    expect(r[1]).toBeCloseTo(0.5, 12);
  });

  it('equal weights by default; identical experts return their vector', () => {
    const r = aggregatePriorities([[0.7, 0.2, 0.1], [0.7, 0.2, 0.1]]);
    r.forEach((w, i) => expect(w).toBeCloseTo([0.7, 0.2, 0.1][i], 12));
  });

  it('rejects empty, ragged or non-positive input', () => {
    expect(() => aggregatePriorities([])).toThrow(DomainError);
    expect(() => aggregatePriorities([[0.5, 0.5], [1]])).toThrow(DomainError);
    expect(() => aggregatePriorities([[1, 0]])).toThrow(DomainError);
    expect(() => aggregatePriorities([[1]], undefined, 'median' as never)).toThrow(DomainError);
  });
});
