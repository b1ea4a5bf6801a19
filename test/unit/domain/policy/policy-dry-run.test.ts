import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { policyDryRun, type DryRunCase } from '../../../../src/domain/policy/policy-dry-run.js';
import { application } from './application-fixture.js';

const asCase = (caseId: string, input: ReturnType<typeof application>): DryRunCase => {
  const { policy: _policy, ...rest } = input;
  return { ...rest, caseId };
};
const grade = (g: string) => ({ score: 70, grade: g, caps: [], warnings: [] });

// Six cases whose decisions are read off by hand under both policies (amount 1,000,000 each, small firms):
//            DEFAULT (approve ≥ BBB, completeness ≥ 0.8)   STRICT (approve ≥ A, completeness ≥ 0.7)
// c1 A        approve                                        approve
// c2 BB       refer                                          refer
// c3 CCC      decline                                        decline
// c4 A, 0.75  refer (incomplete)                             approve
// c5 amount 0 error                                          error
// c6 BBB      approve                                        refer
const CASES: DryRunCase[] = [
  asCase('c1', application()),
  asCase('c2', application({ evaluation: grade('BB') })),
  asCase('c3', application({ evaluation: grade('CCC') })),
  asCase('c4', application({ completeness: 0.75 })),
  asCase('c5', application({ amount: 0 })),
  asCase('c6', application({ evaluation: grade('BBB') })),
];
const STRICT = { ...DEFAULT_POLICY, gradeThresholds: { approveFrom: 'A', referFrom: 'B' }, minCompleteness: 0.7 };

describe('policyDryRun', () => {
  it('gives the decision mix, reason counts and the bad cases', () => {
    const r = policyDryRun(STRICT, CASES);
    expect(r.mix).toEqual({ total: 5, approve: 2, refer: 2, decline: 1, approveShare: 0.4, referShare: 0.4, declineShare: 0.2, totalLimit: 4_000_000 });
    expect(r.reasonCounts).toEqual([{ code: 'grade-approve', cases: 2 }, { code: 'grade-refer', cases: 2 }, { code: 'grade-decline', cases: 1 }]);
    expect(r.errors.map((e) => [e.index, e.caseId, e.code])).toEqual([[4, 'c5', 'invalid-application']]);
    expect(r.comparison).toBeNull();
  });

  it('compares with the current policy: 2 cases change, in a from × to table', () => {
    const { comparison } = policyDryRun(STRICT, CASES, { baseline: DEFAULT_POLICY });
    expect(comparison?.changed).toBe(2);
    expect(comparison?.changes).toEqual([
      { index: 3, caseId: 'c4', from: 'refer', to: 'approve' },
      { index: 5, caseId: 'c6', from: 'approve', to: 'refer' },
    ]);
    expect(comparison?.table).toEqual({
      approve: { approve: 1, refer: 1, decline: 0 },
      refer: { approve: 1, refer: 1, decline: 0 },
      decline: { approve: 0, refer: 0, decline: 1 },
    });
    expect(comparison?.baselineMix).toMatchObject({ total: 5, approve: 2, refer: 2, decline: 1 });
  });

  it('the same policy as baseline changes nothing; no cases give an empty mix', () => {
    expect(policyDryRun(DEFAULT_POLICY, CASES, { baseline: DEFAULT_POLICY }).comparison?.changed).toBe(0);
    expect(policyDryRun(DEFAULT_POLICY, []).mix).toEqual({ total: 0, approve: 0, refer: 0, decline: 0, approveShare: null, referShare: null, declineShare: null, totalLimit: 0 });
  });

  it('rejects an invalid policy or baseline before running', () => {
    expect(() => policyDryRun({ ...DEFAULT_POLICY, minCompleteness: -1 }, CASES)).toThrow(expect.objectContaining({ code: 'invalid-policy' }));
    expect(() => policyDryRun(DEFAULT_POLICY, CASES, { baseline: { ...DEFAULT_POLICY, sizeBands: [] } })).toThrow(/baseline policy is invalid/);
  });
});
