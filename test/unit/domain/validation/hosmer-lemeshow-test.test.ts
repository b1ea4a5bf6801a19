import { describe, expect, it } from 'vitest';
import { hosmerLemeshowFromGroups, hosmerLemeshowTest } from '../../../../src/domain/validation/hosmer-lemeshow-test.js';

describe('Hosmer–Lemeshow test', () => {
  it('hand-derived grouped example, Ĉ = Σ(O − E)²/(E(1 − E/n)); SciPy chi2.sf(1.5403201238088275, 2) = 0.46293896348858354', () => {
    // Four groups of 50 with (observed, expected): (2, 1.5), (4, 3), (7, 5), (9, 10):
    // 0.25/1.455 + 1/2.82 + 4/4.5 + 1/8 = 0.171821… + 0.354610… + 0.888889… + 0.125 = 1.540320…
    const groups = [[2, 1.5], [4, 3], [7, 5], [9, 10]].map(([o, e], i) => ({ label: `g${i}`, obligors: 50, observed: o, expected: e, meanPd: e / 50 }));
    const r = hosmerLemeshowFromGroups(groups);
    expect(r.statistic).toBeCloseTo(1.5403201238088275, 14);
    expect(r.degreesOfFreedom).toBe(2);
    expect(r.p).toBeCloseTo(0.46293896348858354, 14);
  });

  it('grouping by grade adds up PDs and defaults per grade', () => {
    const grades = ['A', 'A', 'B', 'B', 'C', 'C'];
    const pds = [0.1, 0.3, 0.4, 0.4, 0.6, 0.8];
    const y = [0, 1, 0, 1, 1, 1];
    const r = hosmerLemeshowTest(y, pds, { groupBy: grades });
    expect(r.groups.map((g) => [g.label, g.obligors, g.observed])).toEqual([['A', 2, 1], ['B', 2, 1], ['C', 2, 2]]);
    expect(r.groups[0].expected).toBeCloseTo(0.4, 15);
    const expected = (1 - 0.4) ** 2 / (0.4 * 0.8) + (1 - 0.8) ** 2 / (0.8 * 0.6) + (2 - 1.4) ** 2 / (1.4 * 0.3);
    expect(r.statistic).toBeCloseTo(expected, 14);
    expect(r.degreesOfFreedom).toBe(1);
  });

  it('deciles of risk: 10 groups of equal size for distinct PDs, each holding the right units (R quantile type 7 cuts)', () => {
    const pds = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    const y = pds.map((p, i) => (i % 3 === 0 ? 1 : 0));
    const r = hosmerLemeshowTest(y, pds);
    expect(r.groups.length).toBe(10);
    expect(r.groups.every((g) => g.obligors === 10)).toBe(true);
    expect(r.groups[0].expected).toBeCloseTo(pds.slice(0, 10).reduce((s, p) => s + p, 0), 12);
    expect(r.degreesOfFreedom).toBe(8);
  });

  it('too few groups, a group of PDs all 0, or PDs outside [0, 1] give clear messages', () => {
    expect(() => hosmerLemeshowTest([1, 0], [0.2, 0.4], { groupBy: ['a', 'b'] })).toThrow(/at least 3 groups/);
    expect(() => hosmerLemeshowTest([0, 0, 1, 0], [0, 0, 0.5, 0.6], { groupBy: ['a', 'a', 'b', 'c'] })).toThrow(/all PDs of a group are 0 or 1/);
    expect(() => hosmerLemeshowTest([1, 0], [1.5, 0.4])).toThrow(/between 0 and 1/);
  });
});
