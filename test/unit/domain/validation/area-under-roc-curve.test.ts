import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { areaUnderRocCurve } from '../../../../src/domain/validation/area-under-roc-curve.js';
import { ndka, poor, s100b, wfns } from './asah.js';

const risky = { higherIsRiskier: true };

/** Independent O(n²) Mann–Whitney count, the definition itself. */
function bruteForceAuc(y: readonly number[], s: readonly number[], w?: readonly number[]): number {
  let num = 0, den = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const pair = (w ? w[i] * w[j] : 1);
      den += pair;
      // higher score = safer: a bad is ranked riskier when its score is lower.
      num += pair * (s[i] < s[j] ? 1 : s[i] === s[j] ? 0.5 : 0);
    }
  }
  return num / den;
}

describe('areaUnderRocCurve', () => {
  it('R pROC 1.18, aSAH: auc(roc(outcome, s100b)) = 0.731368563685637 (pROC tests/testthat helper-deLongPlacementsCpp-expected.R)', () => {
    expect(areaUnderRocCurve(poor, s100b, risky)).toBeCloseTo(0.731368563685637, 14);
  });

  it('R pROC 1.18, aSAH: wfns 0.823678861788618 and ndka 0.611957994579946 (heavy ties in wfns)', () => {
    expect(areaUnderRocCurve(poor, wfns, risky)).toBeCloseTo(0.823678861788618, 14);
    expect(areaUnderRocCurve(poor, ndka, risky)).toBeCloseTo(0.611957994579946, 14);
  });

  it('direction: the same AUC for −score with higherIsRiskier = false (pROC: auc(roc(outcome, −ndka)) equals auc for ndka)', () => {
    expect(areaUnderRocCurve(poor, ndka.map((x) => -x))).toBeCloseTo(0.611957994579946, 14);
  });

  it('ties count ½: one bad and one good with the same score give 0.5 (Mann–Whitney definition)', () => {
    expect(areaUnderRocCurve([1, 0], [5, 5])).toBe(0.5);
    // bads {1, 2}, goods {2, 3} (higher = safer): pairs (1,2) 1, (1,3) 1, (2,2) ½, (2,3) 1 → 3.5/4.
    expect(areaUnderRocCurve([1, 1, 0, 0], [1, 2, 2, 3])).toBe(0.875);
  });

  it('design weights: integer weights equal replicating the rows (independent derivation)', () => {
    const y = [1, 0, 1, 0, 0, 1, 0], s = [3, 4, 5, 5, 1, 2, 6], w = [2, 1, 3, 1, 2, 1, 4];
    const ry: number[] = [], rs: number[] = [];
    y.forEach((v, i) => { for (let k = 0; k < w[i]; k++) { ry.push(v); rs.push(s[i]); } });
    expect(areaUnderRocCurve(y, s, { weights: w })).toBeCloseTo(areaUnderRocCurve(ry, rs), 14);
    expect(areaUnderRocCurve(y, s, { weights: w })).toBeCloseTo(bruteForceAuc(y, s, w), 14);
  });

  it('all-good, all-bad, length mismatch, NaN and Infinity give DomainError with a clear message', () => {
    expect(() => areaUnderRocCurve([0, 0, 0], [1, 2, 3])).toThrow(/All 3 outcomes are good/);
    expect(() => areaUnderRocCurve([1, 1], [1, 2])).toThrow(/All 2 outcomes are bad/);
    expect(() => areaUnderRocCurve([1, 0, 1], [1, 2])).toThrow(/same length/);
    expect(() => areaUnderRocCurve([1, 0], [1, NaN])).toThrow(/value 2 is NaN/);
    expect(() => areaUnderRocCurve([1, 0], [1, Infinity])).toThrow(DomainError);
    expect(() => areaUnderRocCurve([1, 2], [1, 2])).toThrow(/must be 0 \(good\) or 1/);
    expect(() => areaUnderRocCurve([], [])).toThrow(/empty/);
    expect(() => areaUnderRocCurve([1, 0], [1, 2], { weights: [0, 1] })).toThrow(/bads sum to 0/);
    expect(() => areaUnderRocCurve([1, 0], [1, 2], { weights: [-1, 1] })).toThrow(/≥ 0/);
  });

  const sample = fc.array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: -20, max: 20 })), { minLength: 2, maxLength: 60 })
    .filter((rows) => rows.some(([y]) => y === 1) && rows.some(([y]) => y === 0));

  it('property: equals the O(n²) Mann–Whitney count and lies in [0, 1]', () => {
    fc.assert(fc.property(sample, (rows) => {
      const y = rows.map((r) => r[0]), s = rows.map((r) => r[1]);
      const auc = areaUnderRocCurve(y, s);
      expect(auc).toBeGreaterThanOrEqual(0);
      expect(auc).toBeLessThanOrEqual(1);
      expect(auc).toBeCloseTo(bruteForceAuc(y, s), 12);
    }));
  });

  it('property: AUC(−score) = 1 − AUC(score)', () => {
    fc.assert(fc.property(sample, (rows) => {
      const y = rows.map((r) => r[0]), s = rows.map((r) => r[1]);
      expect(areaUnderRocCurve(y, s.map((x) => -x))).toBeCloseTo(1 - areaUnderRocCurve(y, s), 12);
    }));
  });

  it('property: invariant to strictly increasing transforms (exp, cube, affine) of the score', () => {
    fc.assert(fc.property(sample, (rows) => {
      const y = rows.map((r) => r[0]), s = rows.map((r) => r[1]);
      const base = areaUnderRocCurve(y, s);
      expect(areaUnderRocCurve(y, s.map((x) => Math.exp(x / 5)))).toBeCloseTo(base, 12);
      expect(areaUnderRocCurve(y, s.map((x) => x ** 3))).toBeCloseTo(base, 12);
      expect(areaUnderRocCurve(y, s.map((x) => 3 * x - 7))).toBeCloseTo(base, 12);
    }));
  });

  it('large samples go through the radix path (n ≥ 1024) and agree with the small-sample path on a shuffled copy', () => {
    const n = 5000, y: number[] = [], s: number[] = [];
    for (let i = 0; i < n; i++) { y.push(i % 7 === 0 ? 1 : 0); s.push(((i * 7919) % 1000) / 10 - (y[i] ? 3 : 0)); }
    const small = areaUnderRocCurve(y.slice(0, 1000), s.slice(0, 1000));
    expect(small).toBeCloseTo(bruteForceAuc(y.slice(0, 1000), s.slice(0, 1000)), 12);
    expect(areaUnderRocCurve(y, s)).toBeCloseTo(bruteForceAuc(y, s), 12);
  });
});
