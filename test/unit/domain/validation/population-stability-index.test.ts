import { describe, expect, it } from 'vitest';
import { populationStabilityIndex } from '../../../../src/domain/validation/population-stability-index.js';
import { psiByIndicator } from '../../../../src/domain/validation/psi-by-indicator.js';
import { binIndex, quantileBinEdges } from '../../../../src/domain/validation/quantile-bin-edges.js';

describe('populationStabilityIndex', () => {
  it('hand-derived: shares (0.5, 0.5) → (0.6, 0.4): 0.1·ln 1.2 + (−0.1)·ln 0.8 = 0.040546510810816', () => {
    const r = populationStabilityIndex([50, 50], [60, 40]);
    expect(r.psi).toBeCloseTo(0.1 * Math.log(1.2) + 0.1 * Math.log(1.25), 15);
    expect(r.psi).toBeCloseTo(0.040546510810816, 14);
    expect(r.interpretation).toBe('stable');
    expect(r.bins[0].contribution).toBeCloseTo(0.1 * Math.log(1.2), 15);
  });

  it('Siddiqi (2006) thresholds: < 0.10 stable, 0.10–0.25 moderate, ≥ 0.25 significant; identical distributions give 0', () => {
    expect(populationStabilityIndex([1, 2, 3], [2, 4, 6]).psi).toBe(0);
    expect(populationStabilityIndex([50, 50], [70, 30]).interpretation).toBe('moderate shift'); // 0.1695
    expect(populationStabilityIndex([50, 50], [90, 10]).interpretation).toBe('significant shift');
  });

  it('small-count floor 0.0001: an empty bin contributes (a − 0.0001)·ln(a/0.0001), finite', () => {
    const r = populationStabilityIndex([100, 0], [90, 10]);
    const expected = (0.9 - 1) * Math.log(0.9 / 1) + (0.1 - 0.0001) * Math.log(0.1 / 0.0001);
    expect(r.psi).toBeCloseTo(expected, 14);
    expect(Number.isFinite(r.psi)).toBe(true);
    expect(populationStabilityIndex([100, 0], [90, 10], { floor: 0.001 }).psi).toBeLessThan(r.psi);
  });

  it('mismatched bins, negative counts or an empty distribution are refused', () => {
    expect(() => populationStabilityIndex([1, 2], [1, 2, 3])).toThrow(/same bins/);
    expect(() => populationStabilityIndex([1, -2], [1, 2])).toThrow(/finite and ≥ 0/);
    expect(() => populationStabilityIndex([0, 0], [1, 2])).toThrow(/expected distribution is empty/);
  });
});

describe('quantileBinEdges and psiByIndicator', () => {
  it('R quantile(1:10, c(.1, .2, .5, .9)) type 7 = 1.9, 2.8, 5.5, 9.1; tied values merge bins', () => {
    const e = quantileBinEdges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 10);
    expect(e[0]).toBeCloseTo(1.9, 14);
    expect(e[1]).toBeCloseTo(2.8, 14);
    expect(e[4]).toBeCloseTo(5.5, 14);
    expect(e[8]).toBeCloseTo(9.1, 14);
    expect(quantileBinEdges([1, 1, 1, 1, 2], 4)).toEqual([1]);
    expect(binIndex(1, [1, 2])).toBe(0);
    expect(binIndex(1.5, [1, 2])).toBe(1);
    expect(binIndex(3, [1, 2])).toBe(2);
  });

  it('per indicator: no shift → 0; a shifted numeric indicator has a positive PSI; categories and missing values get their own bins', () => {
    const ref = Array.from({ length: 1000 }, (_, i) => i / 10);
    const r = psiByIndicator(
      { same: ref, shifted: ref, sector: ref.map((_, i) => (i % 2 ? 'C13' : 'F51')), debt: ref.map((x, i) => (i % 10 === 0 ? null : x)) },
      { same: ref, shifted: ref.map((x) => x + 20), sector: ref.map((_, i) => (i % 4 ? 'C13' : 'F51')), debt: ref.map((x) => x) },
    );
    expect(r.same.psi).toBeCloseTo(0, 15);
    expect(r.shifted.psi).toBeGreaterThan(0.25);
    expect(r.shifted.labels.length).toBe(10);
    // sector: (0.5, 0.5) → (0.75, 0.25).
    expect(r.sector.psi).toBeCloseTo(0.25 * Math.log(1.5) + 0.25 * Math.log(2), 14);
    expect(r.debt.labels[r.debt.labels.length - 1]).toBe('missing');
  });

  it('an indicator missing from the current sample or a NaN value is refused', () => {
    expect(() => psiByIndicator({ a: [1, 2] }, {})).toThrow(/not in the current one/);
    expect(() => psiByIndicator({ a: [1, 2] }, { a: [1, NaN] })).toThrow(/finite number or null/);
  });
});
