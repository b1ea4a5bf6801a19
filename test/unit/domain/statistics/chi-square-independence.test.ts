import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { chiSquareIndependence } from '../../../../src/domain/statistics/chi-square-independence.js';

// R documentation of chisq.test: M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477)))
// (gender × party, Agresti 2007 p. 39); chisq.test(M) → X-squared = 30.07, df = 2, p-value = 2.954e-07.
// For tables larger than 2 × 2 R applies no continuity correction, so this is chisq.test(M, correct = FALSE).
const M = [[762, 327, 468], [484, 239, 477]];

describe('chiSquareIndependence', () => {
  it('R 4.x chisq.test(M): X-squared = 30.07, df = 2, p-value = 2.954e-07', () => {
    const result = chiSquareIndependence(M);
    expect(result.statistic).toBeCloseTo(30.070149095754672, 10); // SciPy chi2_contingency(M, correction=False)
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(2.954e-7, 10);
    expect(result.p / 2.9535891832117595e-7).toBeCloseTo(1, 10);
    expect(result.n).toBe(2757);
    expect(result.lowExpected).toBe(false);
  });

  it('expected counts match R chisq.test(M)$expected (703.6714, 319.6453, 533.6834 / 542.3286, 246.3547, 411.3166)', () => {
    const { expected } = chiSquareIndependence(M);
    expect(expected[0][0]).toBeCloseTo(703.6714, 4);
    expect(expected[0][2]).toBeCloseTo(533.6834, 4);
    expect(expected[1][1]).toBeCloseTo(246.3547, 4);
  });

  it("Cramér's V = √(X²/(n·(min(r, c) − 1))) = √(30.0701/2757) = 0.104435", () => {
    expect(chiSquareIndependence(M).cramersV).toBeCloseTo(Math.sqrt(30.070149095754672 / 2757), 12);
  });

  it('2 × 2 without continuity correction: [[10, 20], [30, 40]] → X² = 0.79365 (hand: n(ad − bc)²/(r1 r2 c1 c2) = 100·200²/(30·70·40·60))', () => {
    const result = chiSquareIndependence([[10, 20], [30, 40]]);
    expect(result.statistic).toBeCloseTo((100 * 200 ** 2) / (30 * 70 * 40 * 60), 12);
    expect(result.df).toBe(1);
  });

  it("Cochran's rule: an expected count below 5 in more than 20 % of cells sets lowExpected", () => {
    expect(chiSquareIndependence([[3, 1], [1, 3]]).lowExpected).toBe(true);
  });

  it('empty rows and columns are removed before testing', () => {
    const result = chiSquareIndependence([[762, 0, 327, 468], [0, 0, 0, 0], [484, 0, 239, 477]]);
    expect(result.keptRows).toEqual([0, 2]);
    expect(result.keptCols).toEqual([0, 2, 3]);
    expect(result.statistic).toBeCloseTo(30.070149095754672, 10);
  });

  it('fewer than two non-empty rows or columns, negative or ragged counts are DomainErrors', () => {
    expect(() => chiSquareIndependence([[1, 2, 3]])).toThrow(DomainError);
    expect(() => chiSquareIndependence([[1, 0], [2, 0]])).toThrow(DomainError);
    expect(() => chiSquareIndependence([[1, -2], [2, 3]])).toThrow(DomainError);
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(DomainError);
    expect(() => chiSquareIndependence([])).toThrow(DomainError);
  });

  const table = fc.integer({ min: 2, max: 5 }).chain((c) => fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: c, maxLength: c }), { minLength: 2, maxLength: 5 }));

  it('p ∈ [0, 1], V ∈ [0, 1], invariant to row/column order and transposition (property)', () => {
    fc.assert(fc.property(table, (counts) => {
      let result;
      try { result = chiSquareIndependence(counts); } catch (e) { return e instanceof DomainError; }
      const transposed = chiSquareIndependence(counts[0].map((_, j) => counts.map((row) => row[j])));
      const reversed = chiSquareIndependence([...counts].reverse().map((row) => [...row].reverse()));
      return result.p >= 0 && result.p <= 1 && result.cramersV >= 0 && result.cramersV <= 1
        && Math.abs(result.statistic - transposed.statistic) < 1e-9 * Math.max(1, result.statistic)
        && Math.abs(result.statistic - reversed.statistic) < 1e-9 * Math.max(1, result.statistic);
    }));
  });
});
