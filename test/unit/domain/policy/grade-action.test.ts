import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { gradeAction } from '../../../../src/domain/policy/grade-action.js';

// Oracle: DESIGN §5 scale (AAA … C, D) with thresholds approveFrom BBB, referFrom B, read off by hand.
describe('gradeAction', () => {
  it('maps every grade of the default scale', () => {
    const grades = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
    expect(grades.map((g) => gradeAction(DEFAULT_POLICY, g))).toEqual(
      ['approve', 'approve', 'approve', 'approve', 'refer', 'refer', 'decline', 'decline', 'decline', 'decline']);
  });

  it('with approveFrom = referFrom there is no referral band', () => {
    const p = { ...DEFAULT_POLICY, gradeThresholds: { approveFrom: 'A', referFrom: 'A' } };
    expect(['AA', 'A', 'BBB'].map((g) => gradeAction(p, g))).toEqual(['approve', 'approve', 'decline']);
  });

  it('throws for a grade not on the scale', () => {
    expect(() => gradeAction(DEFAULT_POLICY, 'A+')).toThrow(expect.objectContaining({ code: 'unknown-grade' }));
  });
});
