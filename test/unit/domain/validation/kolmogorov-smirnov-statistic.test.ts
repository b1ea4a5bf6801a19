import { describe, expect, it } from 'vitest';
import { kolmogorovSmirnovStatistic } from '../../../../src/domain/validation/kolmogorov-smirnov-statistic.js';
import { poor, s100b, wfns } from './asah.js';

describe('kolmogorovSmirnovStatistic', () => {
  it('hand-derived: bads {1, 2, 3}, goods {2, 4, 5, 6} (higher = safer) → F_bad(3) − F_good(3) = 1 − ¼ = 0.75 at score 3', () => {
    const r = kolmogorovSmirnovStatistic([1, 1, 1, 0, 0, 0, 0], [1, 2, 3, 2, 4, 5, 6]);
    expect(r.ks).toBe(0.75);
    expect(r.score).toBe(3);
    expect(r.badShare).toBe(1);
    expect(r.goodShare).toBe(0.25);
  });

  it('SciPy 1.17 stats.ks_2samp(poor, good).statistic on aSAH: s100b 0.43970189701897017, wfns 0.46747967479674796 (ties)', () => {
    expect(kolmogorovSmirnovStatistic(poor, s100b, { higherIsRiskier: true }).ks).toBeCloseTo(0.43970189701897017, 14);
    expect(kolmogorovSmirnovStatistic(poor, wfns, { higherIsRiskier: true }).ks).toBeCloseTo(0.46747967479674796, 14);
  });

  it('ties are never split: equal scores move together (bads {1, 1}, goods {1, 2} → KS = 1 − ½ at score 1)', () => {
    const r = kolmogorovSmirnovStatistic([1, 1, 0, 0], [1, 1, 1, 2]);
    expect(r.ks).toBe(0.5);
    expect(r.score).toBe(1);
  });

  it('is the same for the reversed direction on −score, and 1 for perfect separation', () => {
    const y = [1, 0, 1, 0, 0, 1], s = [3, 4, 1, 9, 2, 5];
    expect(kolmogorovSmirnovStatistic(y, s).ks).toBe(kolmogorovSmirnovStatistic(y, s.map((x) => -x), { higherIsRiskier: true }).ks);
    expect(kolmogorovSmirnovStatistic([1, 1, 0, 0], [1, 2, 3, 4]).ks).toBe(1);
  });

  it('design weights give weighted distribution functions (integer weights = replicated rows)', () => {
    const w = [3, 1, 1, 2];
    const weighted = kolmogorovSmirnovStatistic([1, 1, 0, 0], [1, 3, 2, 4], { weights: w });
    const replicated = kolmogorovSmirnovStatistic([1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 3, 2, 4, 4]);
    expect(weighted.ks).toBeCloseTo(replicated.ks, 15);
  });

  it('all-good sample: DomainError', () => {
    expect(() => kolmogorovSmirnovStatistic([0, 0], [1, 2])).toThrow(/outcomes are good/);
  });
});
