import { describe, expect, it } from 'vitest';
import { validationMetrics } from '../../../../src/domain/validation/validation-metrics.js';
import { ndka, poor, s100b, wfns } from './asah.js';

describe('validationMetrics', () => {
  it('R pROC 1.18 on aSAH through the top-level call: AUCs, DeLong CIs and the paired test (test-roc.test.R, test-ci.auc.R)', () => {
    const r = validationMetrics({ outcomes: poor, scores: { wfns, s100b, ndka }, higherIsRiskier: true });
    expect(r.models.s100b.auc).toBeCloseTo(0.731368563685637, 14);
    expect(r.models.s100b.aucCi[0].toFixed(4)).toBe('0.6301');
    expect(r.models.s100b.aucCi[1].toFixed(4)).toBe('0.8326');
    expect(r.models.ndka.aucCi[0]).toBeCloseTo(0.501244999271703, 12);
    expect(r.models.wfns.gini).toBeCloseTo(2 * 0.823678861788618 - 1, 14);
    expect(r.models.s100b.ks).toBeCloseTo(0.43970189701897017, 14); // SciPy ks_2samp
    expect(r.comparisons.map((c) => [c.a, c.b])).toEqual([['wfns', 's100b'], ['wfns', 'ndka'], ['s100b', 'ndka']]);
    expect(r.comparisons[0].delong.z).toBeCloseTo(2.20898359144091, 12);
    expect(r.comparisons[0].delong.p).toBeCloseTo(0.0271757822291882, 14);
    expect(r.comparisons[2].delong.z).toBeCloseTo(1.39077002573558, 12);
  });

  it('has exactly the issue-7 API shape: models.<name>.{auc, aucCi, gini, ks, brier?} and comparisons[{a, b, delong: {z, p}}]', () => {
    const r = validationMetrics({ outcomes: poor, scores: { s100b, wfns }, higherIsRiskier: true });
    expect(Object.keys(r.models)).toEqual(['s100b', 'wfns']);
    for (const m of Object.values(r.models)) {
      expect(typeof m.auc).toBe('number');
      expect(m.aucCi).toHaveLength(2);
      expect(typeof m.gini).toBe('number');
      expect(typeof m.ks).toBe('number');
      expect('brier' in m).toBe(false);
      expect('confusion' in m).toBe(false);
    }
    expect(r.comparisons).toHaveLength(1);
    expect(r.comparisons[0]).toMatchObject({ a: 's100b', b: 'wfns', delong: { z: expect.any(Number), p: expect.any(Number) } });
    // JSON round trip keeps it intact (no typed arrays, NaN or Infinity).
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('Brier only for PD scores in [0, 1]; scoresArePd defaults the direction to "higher is riskier"', () => {
    const outcomes = [1, 0, 1, 0, 0, 0, 1];
    const pd = [0.9, 0.1, 0.6, 0.3, 0.2, 0.05, 0.25];
    const points = [12, 80, 30, 70, 75, 90, 50]; // not PDs; read as "higher is riskier" like the rest
    const r = validationMetrics({ outcomes, scores: { pd, points }, scoresArePd: true });
    expect(r.models.pd.brier).toBeCloseTo((0.01 + 0.01 + 0.16 + 0.09 + 0.04 + 0.0025 + 0.5625) / 7, 15);
    expect(r.models.pd.auc).toBeCloseTo(11 / 12, 15); // the bad at 0.25 is outranked by the good at 0.3 only
    expect(r.models.points.brier).toBeUndefined();
    expect(r.notes[0]).toMatch(/No Brier score for "points"/);
    expect(r.sample.higherIsRiskier).toBe(true);
    expect(validationMetrics({ outcomes, scores: { pd } }).models.pd.brier).toBeUndefined();
  });

  it('a cut-off adds a confusion matrix per model; weights are applied', () => {
    const outcomes = [1, 1, 0, 0, 0];
    const r = validationMetrics({ outcomes, scores: { v1: [40, 70, 50, 80, 90] }, cutoff: 60, weights: [1, 1, 2, 1, 1] });
    expect(r.models.v1.confusion).toMatchObject({ badRejected: 1, badAccepted: 1, goodRejected: 2, goodAccepted: 2, costRatio: 5 });
    expect(r.sample).toMatchObject({ n: 5, bads: 2, goods: 3, weighted: true, higherIsRiskier: false });
  });

  it('curves: ROC and CAP points from the same sort, ≤ maxPoints, ending at (1, 1)', () => {
    const r = validationMetrics({ outcomes: poor, scores: { s100b }, higherIsRiskier: true, curves: { maxPoints: 20 } });
    const { roc, cap } = r.models.s100b;
    expect(roc!.length).toBeLessThanOrEqual(20);
    expect(cap!.length).toBeLessThanOrEqual(20);
    expect(roc![roc!.length - 1]).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    expect(cap![0]).toEqual({ threshold: null, populationShare: 0, badShare: 0 });
  });

  it('edge cases give DomainError with clear messages, never NaN', () => {
    expect(() => validationMetrics({ outcomes: [0, 0, 0], scores: { a: [1, 2, 3] } })).toThrow(/All 3 outcomes are good/);
    expect(() => validationMetrics({ outcomes: [1, 1], scores: { a: [1, 2] } })).toThrow(/All 2 outcomes are bad/);
    expect(() => validationMetrics({ outcomes: [1, 0, 1, 0], scores: { a: [1, 2, 3] } })).toThrow(/scores of "a" has 3 values but there are 4 outcomes/);
    expect(() => validationMetrics({ outcomes: [1, 0, 1, 0], scores: { a: [1, NaN, 3, 4] } })).toThrow(/scores of "a": value 2 is NaN/);
    expect(() => validationMetrics({ outcomes: [1, 0, 1, 0], scores: {} })).toThrow(/at least one model/);
    expect(() => validationMetrics({ outcomes: [1, 0, 0], scores: { a: [1, 2, 3] } })).toThrow(/at least 2 bads and 2 goods/);
    expect(() => validationMetrics({ outcomes: [1, 0, 1, 0], scores: { a: [1, 2, 3, 4] }, weights: [1, 1] })).toThrow(/weights has 2 values/);
    expect(() => validationMetrics({ outcomes: [1, 1, 0, 0], scores: { perfect: [1, 2, 3, 4], flat: [5, 5, 5, 5] } }))
      .toThrow(/Comparing "perfect" with "flat": DeLong's test is undefined/);
  });
});
