import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { validatePolicy } from '../../../../src/domain/policy/validate-policy.js';

// Oracle: the brief of issue 9 and DEFAULT_POLICY's documented values.
describe('DEFAULT_POLICY', () => {
  it('is a valid, frozen proposal on the default model’s grade scale', () => {
    expect(DEFAULT_POLICY.proposal).toBe(true);
    expect(validatePolicy(DEFAULT_POLICY, { gradeScale: DEFAULT_INDEX_SYSTEM.gradeScale })).toEqual([]);
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.exposureLimits.AAA)).toBe(true);
  });

  it('approves from BBB, refers BB and B, and has exposure limits falling with the grade in every band', () => {
    expect(DEFAULT_POLICY.gradeThresholds).toEqual({ approveFrom: 'BBB', referFrom: 'B' });
    const grades = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B'];
    for (const band of DEFAULT_POLICY.sizeBands) {
      const column = grades.map((g) => DEFAULT_POLICY.exposureLimits[g][band]);
      expect([...column].sort((a, b) => b - a)).toEqual(column);
    }
  });

  it('has the issue’s rules switched on', () => {
    expect(DEFAULT_POLICY.minCompleteness).toBe(0.8);
    expect(DEFAULT_POLICY.warningLevelActions).toEqual({ green: 'none', yellow: 'none', orange: 'refer', red: 'refer' });
    expect(DEFAULT_POLICY.knockOuts.filter((k) => k.action === 'decline').map((k) => k.id))
      .toEqual(['model-knock-out', 'dishonest-debtor-flag', 'dishonest-debtor-record', 'insolvency-flag', 'eliminated-industry']);
    const lc = DEFAULT_POLICY.loopholeChecks;
    expect([lc.duplicate, lc.split, lc.staleness, lc.plausibility].every((x) => x !== null)).toBe(true);
    expect(lc.plausibility?.bounds.find((b) => b.indicator === 'I21')).toMatchObject({ min: 0, max: 300 });
    expect(lc.plausibility?.bounds.find((b) => b.indicator === 'I43' && b.kind === 'review')).toMatchObject({ max: 100 });
  });
});
