import { describe, expect, it } from 'vitest';
import { capCurve } from '../../../../src/domain/validation/cap-curve.js';
import { giniCoefficient } from '../../../../src/domain/validation/gini-coefficient.js';
import { poor, s100b } from './asah.js';

describe('capCurve and giniCoefficient', () => {
  it('accuracy ratio from the CAP equals 2·AUC − 1 (Engelmann, Hayden & Tasche 2003), on aSAH s100b with ties', () => {
    const curve = capCurve(poor, s100b, { higherIsRiskier: true, maxPoints: 10_000 });
    let area = 0; // area under the CAP
    for (let i = 1; i < curve.length; i++) area += (curve[i].populationShare - curve[i - 1].populationShare) * (curve[i].badShare + curve[i - 1].badShare) / 2;
    const badRate = 41 / 113;
    // AR = (area under model CAP − ½) / (area under perfect CAP − ½), perfect area = 1 − π/2.
    const accuracyRatio = (area - 0.5) / (1 - badRate / 2 - 0.5);
    expect(accuracyRatio).toBeCloseTo(giniCoefficient(0.731368563685637), 12);
  });

  it('hand-derived CAP: scores (higher = safer) 1 bad, 2 good, 3 bad, 4 good → (0,0) (¼,½) (½,½) (¾,1) (1,1)', () => {
    const curve = capCurve([1, 0, 1, 0], [1, 2, 3, 4]);
    expect(curve.map((p) => [p.populationShare, p.badShare])).toEqual([[0, 0], [0.25, 0.5], [0.5, 0.5], [0.75, 1], [1, 1]]);
  });

  it('Gini = 2·AUC − 1; an AUC outside [0, 1] is refused', () => {
    expect(giniCoefficient(0.75)).toBe(0.5);
    expect(giniCoefficient(0.5)).toBe(0);
    expect(() => giniCoefficient(1.2)).toThrow(/between 0 and 1/);
    expect(() => giniCoefficient(NaN)).toThrow(/between 0 and 1/);
  });
});
