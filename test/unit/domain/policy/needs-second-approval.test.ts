import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { needsSecondApproval } from '../../../../src/domain/policy/needs-second-approval.js';

// Oracle: DEFAULT_POLICY.overrides (threshold 1,000,000, strictly above, both override kinds), by hand.
describe('needsSecondApproval', () => {
  it('overrides strictly above the amount need a second officer, in both directions', () => {
    expect(needsSecondApproval(DEFAULT_POLICY, 1_000_000, 'decline-to-approve')).toBe(false);
    expect(needsSecondApproval(DEFAULT_POLICY, 1_000_001, 'decline-to-approve')).toBe(true);
    expect(needsSecondApproval(DEFAULT_POLICY, 1_000_001, 'approve-to-decline')).toBe(true);
  });

  it('resolved referrals and unchanged decisions do not, unless the policy lists them', () => {
    expect(needsSecondApproval(DEFAULT_POLICY, 5_000_000, 'refer-approved')).toBe(false);
    expect(needsSecondApproval(DEFAULT_POLICY, 5_000_000, 'unchanged')).toBe(false);
    const strict = { ...DEFAULT_POLICY, overrides: { secondApprovalAboveAmount: 0, secondApprovalKinds: ['refer-approved' as const] } };
    expect(needsSecondApproval(strict, 1, 'refer-approved')).toBe(true);
    expect(needsSecondApproval(strict, 0, 'refer-approved')).toBe(false);
  });

  it('a null threshold never requires one; a bad amount throws', () => {
    const never = { ...DEFAULT_POLICY, overrides: { ...DEFAULT_POLICY.overrides, secondApprovalAboveAmount: null } };
    expect(needsSecondApproval(never, 1e12, 'decline-to-approve')).toBe(false);
    expect(() => needsSecondApproval(DEFAULT_POLICY, -1, 'decline-to-approve')).toThrow(expect.objectContaining({ code: 'invalid-amount' }));
    expect(() => needsSecondApproval(DEFAULT_POLICY, Number.NaN, 'decline-to-approve')).toThrow(expect.objectContaining({ code: 'invalid-amount' }));
  });
});
