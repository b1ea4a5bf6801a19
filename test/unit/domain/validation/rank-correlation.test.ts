import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kendallTauB } from '../../../../src/domain/validation/kendall-tau-b.js';
import { midranks } from '../../../../src/domain/validation/midranks.js';
import { spearmanCorrelation } from '../../../../src/domain/validation/spearman-correlation.js';
import { poor, s100b, wfns } from './asah.js';

// Wikipedia "Spearman's rank correlation coefficient" worked example: IQ vs hours of TV per week.
const iq = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
const tv = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];
// A small tied example.
const tx = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6];
const ty = [2, 1, 3, 3, 5, 4, 4, 6, 5, 5];

/** O(n²) τ-b straight from the definition (Kendall 1945). */
function bruteTauB(x: number[], y: number[]): number {
  let c = 0, d = 0, tx0 = 0, ty0 = 0, n0 = 0;
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) {
    n0++;
    const s = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
    if (s > 0) c++; else if (s < 0) d++;
    if (x[i] === x[j]) tx0++;
    if (y[i] === y[j]) ty0++;
  }
  return (c - d) / Math.sqrt((n0 - tx0) * (n0 - ty0));
}

describe('rank correlations', () => {
  it('midranks: (10, 20, 20, 30) → (1, 2.5, 2.5, 4) as R rank(ties.method = "average")', () => {
    expect(Array.from(midranks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
  });

  it('Spearman, Wikipedia IQ/TV example: ρ = −29/165 = −0.175757…, p = 0.627188 (t-distribution; SciPy 0.6271883447764846)', () => {
    const r = spearmanCorrelation(iq, tv);
    expect(r.rho).toBeCloseTo(-29 / 165, 15);
    expect(r.p).toBeCloseTo(0.6271883447764846, 13);
  });

  it('Spearman with ties: SciPy 1.17 stats.spearmanr → 0.8459119496855346, p = 0.0020389390374636876', () => {
    const r = spearmanCorrelation(tx, ty);
    expect(r.rho).toBeCloseTo(0.8459119496855346, 14);
    expect(r.p).toBeCloseTo(0.0020389390374636876, 15);
  });

  it('Kendall τ-b: SciPy 1.17 stats.kendalltau(method = "asymptotic") — IQ/TV −0.1111111, p 0.6547208460185769; tied 0.725, p 0.006659878321521174', () => {
    const a = kendallTauB(iq, tv);
    expect(a.tau).toBeCloseTo(-1 / 9, 15);
    expect(a.p).toBeCloseTo(0.6547208460185769, 13);
    const b = kendallTauB(tx, ty);
    expect(b.tau).toBeCloseTo(0.725, 14);
    expect(b.p).toBeCloseTo(0.006659878321521174, 14);
  });

  it('aSAH s100b vs wfns (heavy ties): SciPy ρ = 0.6495227179202714, τ-b = 0.5274248149904358', () => {
    expect(spearmanCorrelation(s100b, wfns).rho).toBeCloseTo(0.6495227179202714, 14);
    expect(kendallTauB(s100b, wfns).tau).toBeCloseTo(0.5274248149904358, 14);
    expect(kendallTauB(poor, s100b).p).toBeLessThan(0.01);
  });

  it('property: Knight\'s O(n log n) τ-b equals the O(n²) definition; both statistics are symmetric and in [−1, 1]', () => {
    const pairs = fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { minLength: 3, maxLength: 40 })
      .filter((p) => new Set(p.map((q) => q[0])).size > 1 && new Set(p.map((q) => q[1])).size > 1);
    fc.assert(fc.property(pairs, (p) => {
      const x = p.map((q) => q[0]), y = p.map((q) => q[1]);
      const t = kendallTauB(x, y);
      expect(t.tau).toBeCloseTo(bruteTauB(x, y), 12);
      expect(kendallTauB(y, x).tau).toBeCloseTo(t.tau, 12);
      const s = spearmanCorrelation(x, y);
      expect(Math.abs(s.rho)).toBeLessThanOrEqual(1);
      expect(s.p).toBeGreaterThanOrEqual(0);
      expect(s.p).toBeLessThanOrEqual(1);
    }));
  });

  it('perfect agreement gives ±1 with p = 0 (Spearman); constant or too-short inputs give clear messages', () => {
    expect(spearmanCorrelation([1, 2, 3, 4], [2, 4, 6, 8])).toMatchObject({ rho: 1, p: 0 });
    expect(kendallTauB([1, 2, 3, 4], [8, 6, 4, 2]).tau).toBe(-1);
    expect(() => spearmanCorrelation([1, 1, 1], [1, 2, 3])).toThrow(/every x value is the same/);
    expect(() => spearmanCorrelation([1, 2], [1, 2])).toThrow(/at least 3 pairs/);
    expect(() => kendallTauB([1, 2], [1])).toThrow(/paired values/);
    expect(() => kendallTauB([1, NaN], [1, 2])).toThrow(/finite number/);
  });

  it('large input (radix path, n = 5000) matches the O(n²) definition', () => {
    const x: number[] = [], y: number[] = [];
    for (let i = 0; i < 5000; i++) { x.push((i * 37) % 101); y.push(((i * 53) % 97) + (x[i] % 7)); }
    expect(kendallTauB(x, y).tau).toBeCloseTo(bruteTauB(x, y), 12);
  });
});
