import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { approvalRateByGrade } from '../../../../src/domain/policy/approval-rate-by-grade.js';
import { RECORDS } from './monitoring-fixture.js';

// Oracle: monitoring-fixture.ts counted by hand; Wilson bounds from Newcombe (1998) / the closed form.
describe('approvalRateByGrade', () => {
  it('final approvals over decided cases per grade, pending counted apart, in scale order', () => {
    const rows = approvalRateByGrade(RECORDS, DEFAULT_INDEX_SYSTEM.gradeScale);
    expect(rows.map((x) => [x.grade, x.total, x.approved, x.declined, x.pending, x.approvalRate])).toEqual([
      ['A', 2, 1, 1, 0, 0.5], ['BBB', 1, 1, 0, 0, 1], ['BB', 2, 1, 1, 0, 0.5], ['B', 2, 1, 0, 1, 1], ['CCC', 2, 1, 1, 0, 0.5]]);
    // 1 of 2: Wilson [0.0945, 0.9055].
    expect(rows[0].interval?.lower).toBeCloseTo(0.0945312, 6);
    expect(rows[1].interval?.upper).toBe(1);
  });

  it('without a scale: alphabetical, ungraded last; a grade with only pending cases has a null rate', () => {
    const rows = approvalRateByGrade([...RECORDS, { ...RECORDS[6], requestId: 'X', grade: null }]);
    expect(rows.map((x) => x.grade)).toEqual(['A', 'B', 'BB', 'BBB', 'CCC', null]);
    expect(rows[5]).toMatchObject({ total: 1, pending: 1, approvalRate: null, interval: null });
  });

  it('rejects a referral resolved without an officer', () => {
    expect(() => approvalRateByGrade([{ ...RECORDS[2], officer: null }])).toThrow(expect.objectContaining({ code: 'invalid-decision-record' }));
  });
});
