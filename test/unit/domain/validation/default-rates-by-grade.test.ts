import { describe, expect, it } from 'vitest';
import { defaultRatesByGrade } from '../../../../src/domain/validation/default-rates-by-grade.js';

function units(spec: [grade: string, obligors: number, defaults: number][]) {
  const grades: string[] = [], outcomes: number[] = [];
  for (const [g, n, d] of spec) for (let i = 0; i < n; i++) { grades.push(g); outcomes.push(i < d ? 1 : 0); }
  return { grades, outcomes };
}

describe('defaultRatesByGrade', () => {
  const { grades, outcomes } = units([['A', 100, 3], ['BBB', 500, 12], ['B', 50, 5]]);
  const pdByGrade = { A: 0.01, BBB: 0.015, B: 0.2 };

  it('per grade D/N with the binomial and Jeffreys p-values (same SciPy oracles as the single tests)', () => {
    const rows = defaultRatesByGrade({ outcomes, grades, pdByGrade, gradeOrder: ['AAA', 'A', 'BBB', 'B'] });
    expect(rows.map((r) => r.grade)).toEqual(['A', 'BBB', 'B']);
    const a = rows[0];
    expect([a.obligors, a.defaults, a.defaultRate]).toEqual([100, 3, 0.03]);
    expect(a.binomialP).toBeCloseTo(0.07937320225218046, 14);
    expect(a.jeffreysP).toBeCloseTo(0.03932450473955552, 14);
    // Jeffreys rejects at 5 % for A: flagged.
    expect(a.pdUnderestimated).toBe(true);
    // SciPy: beta.cdf(0.2, 5.5, 45.5) = 0.9694179065118851, binom.sf(4, 50, 0.2) = 0.9815039849397906.
    expect(rows[2].jeffreysP).toBeCloseTo(0.9694179065118851, 13);
    expect(rows[2].binomialP).toBeCloseTo(0.9815039849397906, 13);
    expect(rows[2].pdUnderestimated).toBe(false);
  });

  it('without an order, rows follow the PD; the weighted default rate uses the design weights', () => {
    const rows = defaultRatesByGrade({ outcomes: [1, 0, 0, 1], grades: ['X', 'X', 'Y', 'Y'], pdByGrade: { X: 0.3, Y: 0.1 }, weights: [1, 3, 1, 1] });
    expect(rows.map((r) => r.grade)).toEqual(['Y', 'X']);
    expect(rows[1].defaultRate).toBe(0.5);
    expect(rows[1].weightedDefaultRate).toBe(0.25);
  });

  it('a grade without PD, an unknown grade or mismatched lengths give clear messages', () => {
    expect(() => defaultRatesByGrade({ outcomes: [1], grades: ['Q'], pdByGrade: {} })).toThrow(/Grade "Q" \(unit 1\) has no PD/);
    expect(() => defaultRatesByGrade({ outcomes: [1], grades: ['A'], pdByGrade: { A: 0.1 }, gradeOrder: ['B'] })).toThrow(/not in the grade order/);
    expect(() => defaultRatesByGrade({ outcomes: [1, 0], grades: ['A'], pdByGrade: { A: 0.1 } })).toThrow(/same length/);
  });
});
