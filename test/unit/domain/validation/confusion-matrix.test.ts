import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../../../src/domain/validation/confusion-matrix.js';
import { confusionMatrixAtGrade } from '../../../../src/domain/validation/confusion-matrix-at-grade.js';

// Hand-derived example: 10 borrowers, scores higher = safer, cut-off 60 (accept score ≥ 60).
const outcomes = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const scores = [40, 55, 70, 50, 65, 70, 80, 85, 90, 95];

describe('confusionMatrix', () => {
  it('hand-derived counts: 2 bads rejected, 1 bad accepted (type I), 1 good rejected (type II), 6 goods accepted', () => {
    const m = confusionMatrix(outcomes, scores, { cutoff: 60 });
    expect([m.badRejected, m.badAccepted, m.goodRejected, m.goodAccepted]).toEqual([2, 1, 1, 6]);
    expect(m.typeIErrorRate).toBeCloseTo(1 / 3, 15);
    expect(m.typeIIErrorRate).toBeCloseTo(1 / 7, 15);
    expect(m.accuracy).toBe(0.8);
    expect(m.rejectionRate).toBe(0.3);
  });

  it('German credit cost matrix (Statlog: bad accepted 5, good rejected 1): cost = 5·1 + 1·1 = 6, per unit 0.6; ratio configurable', () => {
    const m = confusionMatrix(outcomes, scores, { cutoff: 60 });
    expect(m.costRatio).toBe(5);
    expect(m.totalCost).toBe(6);
    expect(m.expectedCost).toBeCloseTo(0.6, 15);
    expect(confusionMatrix(outcomes, scores, { cutoff: 60, costRatio: 10 }).totalCost).toBe(11);
  });

  it('the cut-off is the riskiest score accepted in both directions (score = cut-off is accepted)', () => {
    expect(confusionMatrix([1, 0], [60, 59], { cutoff: 60 }).badAccepted).toBe(1);
    // PDs, higher is riskier: PD 0.05 accepted at cut-off 0.05, PD 0.06 rejected.
    const m = confusionMatrix([1, 0, 0], [0.06, 0.05, 0.02], { cutoff: 0.05, higherIsRiskier: true });
    expect([m.badRejected, m.goodAccepted]).toEqual([1, 2]);
  });

  it('design weights give weighted counts', () => {
    const m = confusionMatrix([1, 0, 0], [40, 50, 80], { cutoff: 60, weights: [2, 3, 5] });
    expect([m.badRejected, m.goodRejected, m.goodAccepted]).toEqual([2, 3, 5]);
    expect(m.expectedCost).toBeCloseTo(3 / 10, 15);
  });

  it('an all-good sample is allowed (type I rate 0); a NaN cut-off or a bad cost ratio is refused', () => {
    expect(confusionMatrix([0, 0], [1, 2], { cutoff: 2 }).typeIErrorRate).toBe(0);
    expect(() => confusionMatrix(outcomes, scores, { cutoff: NaN })).toThrow(/finite number/);
    expect(() => confusionMatrix(outcomes, scores, { cutoff: 60, costRatio: 0 })).toThrow(/positive/);
  });

  it('at a grade: accepting BBB or better on the DESIGN §5 scale', () => {
    const order = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
    const m = confusionMatrixAtGrade([1, 1, 0, 0, 0], ['BB', 'A', 'AAA', 'BBB', 'CC'], { gradeOrder: order, cutoffGrade: 'BBB' });
    expect([m.badRejected, m.badAccepted, m.goodRejected, m.goodAccepted]).toEqual([1, 1, 1, 2]);
    expect(m.cutoffGrade).toBe('BBB');
    expect(() => confusionMatrixAtGrade([1], ['Z'], { gradeOrder: order, cutoffGrade: 'BBB' })).toThrow(/Grade "Z"/);
    expect(() => confusionMatrixAtGrade([1], ['A'], { gradeOrder: order, cutoffGrade: 'Q' })).toThrow(/cut-off grade "Q"/);
  });
});
