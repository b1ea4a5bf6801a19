import { describe, expect, it } from 'vitest';
import { aucConfidenceInterval } from '../../../../src/domain/validation/auc-confidence-interval.js';
import { ndka, poor, s100b, wfns } from './asah.js';

const risky = { higherIsRiskier: true };

describe('aucConfidenceInterval (DeLong)', () => {
  it('R pROC 1.18 tests/testthat/test-var.R: var(r.wfns) = 0.00146991470882363, var(r.ndka) = 0.0031908105493913, var(r.s100b) = 0.00266868245717244', () => {
    expect(aucConfidenceInterval(poor, wfns, risky).variance).toBeCloseTo(0.00146991470882363, 16);
    expect(aucConfidenceInterval(poor, ndka, risky).variance).toBeCloseTo(0.0031908105493913, 16);
    expect(aucConfidenceInterval(poor, s100b, risky).variance).toBeCloseTo(0.00266868245717244, 16);
  });

  it('R pROC 1.18 tests/testthat/test-ci.auc.R: ci.auc(r.ndka) = 0.501244999271703 – 0.722670989888189', () => {
    const { ci, auc } = aucConfidenceInterval(poor, ndka, risky);
    expect(auc).toBeCloseTo(0.611957994579946, 14);
    expect(ci[0]).toBeCloseTo(0.501244999271703, 12);
    expect(ci[1]).toBeCloseTo(0.722670989888189, 12);
  });

  it('R pROC documentation, aSAH s100b: AUC 0.7314, 95 % CI 0.6301–0.8326 (DeLong)', () => {
    const { ci, auc } = aucConfidenceInterval(poor, s100b, risky);
    expect(auc.toFixed(4)).toBe('0.7314');
    expect(ci.map((x) => x.toFixed(4))).toEqual(['0.6301', '0.8326']);
  });

  it('the interval widens with the confidence level and is clipped to [0, 1] (pROC clips the same way)', () => {
    const c90 = aucConfidenceInterval(poor, wfns, { ...risky, confidence: 0.9 }).ci;
    const c99 = aucConfidenceInterval(poor, wfns, { ...risky, confidence: 0.99 }).ci;
    expect(c99[0]).toBeLessThan(c90[0]);
    expect(c99[1]).toBeGreaterThan(c90[1]);
    // Nearly perfect separation: AUC close to 1, upper end clipped at 1.
    const y = [1, 1, 1, 0, 0, 0, 0], s = [1, 2, 4, 3, 5, 6, 7];
    const r = aucConfidenceInterval(y, s);
    expect(r.ci[1]).toBe(1);
    expect(r.ci[0]).toBeLessThan(r.auc);
  });

  it('equal design weights leave the DeLong variance unchanged (the weighted form reduces to DeLong)', () => {
    const plain = aucConfidenceInterval(poor, s100b, risky);
    const weighted = aucConfidenceInterval(poor, s100b, { ...risky, weights: poor.map(() => 37.5) });
    expect(weighted.variance).toBeCloseTo(plain.variance, 16);
  });

  it('fewer than 2 bads or goods: a clear DomainError, not NaN', () => {
    expect(() => aucConfidenceInterval([1, 0, 0], [1, 2, 3])).toThrow(/at least 2 bads and 2 goods/);
    expect(() => aucConfidenceInterval(poor, s100b, { confidence: 1 })).toThrow(/strictly between 0 and 1/);
  });
});
