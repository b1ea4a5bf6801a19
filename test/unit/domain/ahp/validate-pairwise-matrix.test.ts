import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { parsePairwiseMatrix, validatePairwiseMatrix } from '../../../../src/domain/ahp/validate-pairwise-matrix.js';

function errorOf(fn: () => unknown): DomainError {
  try { fn(); } catch (e) { if (e instanceof DomainError) return e; throw e; }
  throw new Error('expected a DomainError');
}

describe('validatePairwiseMatrix (DESIGN §4 conventions)', () => {
  it('returns an exactly reciprocal copy with diagonal 1 and keeps null for missing judgments', () => {
    const m = validatePairwiseMatrix([[1, 3, null], [0.3333334, 1, 2], [null, 0.5, 1]]);
    expect(m[1][0]).toBe(1 / 3);
    expect(m[0][2]).toBeNull();
    expect(m[2][0]).toBeNull();
    expect(m[2][1]).toBe(0.5);
  });

  it.each([
    ['not-a-matrix', 'x', undefined],
    ['empty-matrix', [], undefined],
    ['not-square', [[1, 2], [0.5]], { row: 1 }],
    ['not-a-number', [[1, '2'], [0.5, 1]], { row: 0, col: 1 }],
    ['not-finite', [[1, NaN], [1, 1]], { row: 0, col: 1 }],
    ['not-finite', [[1, Infinity], [0, 1]], { row: 0, col: 1 }],
    ['not-positive', [[1, 0], [1, 1]], { row: 0, col: 1 }],
    ['not-positive', [[1, -2], [-0.5, 1]], { row: 0, col: 1 }],
    ['diagonal-not-one', [[1, 2], [0.5, 2]], { row: 1, col: 1 }],
    ['out-of-range', [[1, 1e7], [1e-7, 1]], { row: 0, col: 1 }],
    ['not-reciprocal', [[1, 2, 3], [0.5, 1, 4], [0.3, 0.25, 1]], { row: 2, col: 0 }],
    ['missing-not-mirrored', [[1, null], [2, 1]], { row: 0, col: 1 }],
  ])('rejects %s input with a DomainError naming the cell', (code, input, details) => {
    const e = errorOf(() => validatePairwiseMatrix(input));
    expect(e.code).toBe(code);
    if (details) expect(e.details).toMatchObject(details);
    expect(e.message.length).toBeGreaterThan(10);
  });

  it('accepts reciprocals within 1e-6 and rejects beyond', () => {
    expect(() => validatePairwiseMatrix([[1, 3], [1 / 3 + 1e-7, 1]])).not.toThrow();
    expect(errorOf(() => validatePairwiseMatrix([[1, 3], [1 / 3 + 1e-5, 1]])).code).toBe('not-reciprocal');
  });

  it('accepts n = 30 and rejects n = 31 (too-large)', () => {
    const ones = (n: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
    expect(parsePairwiseMatrix(ones(30)).n).toBe(30);
    expect(errorOf(() => validatePairwiseMatrix(ones(31))).code).toBe('too-large');
  });

  it('puts the caller context (e.g. the expert) into details', () => {
    const e = errorOf(() => parsePairwiseMatrix([[1, 0], [1, 1]], { expert: 2 }));
    expect(e.details).toMatchObject({ expert: 2, row: 0, col: 1 });
    expect(e.message).toContain('expert 3');
  });

  it('property: arbitrary JSON-like input either validates to finite positive entries or throws a DomainError, never anything else', () => {
    const cell = fc.oneof(fc.constant(null), fc.double(), fc.integer({ min: -3, max: 9 }), fc.string(), fc.constant(1));
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 4 }), (input) => {
      try {
        const m = validatePairwiseMatrix(input);
        for (const row of m) for (const v of row) if (v !== null) expect(Number.isFinite(v) && v > 0).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
      }
    }), { numRuns: 500 });
  });
});
