import { describe, expect, it } from 'vitest';
import { checkAutoApprovalAmount } from '../../../../src/domain/policy/check-auto-approval-amount.js';

// Oracle: the rule's doc comment, boundaries checked by hand (strict "above" for amounts and terms, inclusive
// minimum for completeness).
describe('checkAutoApprovalAmount', () => {
  it('fires strictly above the ceiling and never when the ceiling is null', () => {
    expect(checkAutoApprovalAmount(3_000_000, 3_000_000)).toEqual([]);
    expect(checkAutoApprovalAmount(3_000_000, 3_000_000.01)[0]).toMatchObject({ code: 'amount-above-auto-approval', params: { amount: 3_000_000.01, ceiling: 3_000_000 } });
    expect(checkAutoApprovalAmount(3_000_000, 3_000_000.01)[0].message.en).toBe('The amount requested, 3,000,000.01, is above the automatic approval ceiling 3,000,000.');
    expect(checkAutoApprovalAmount(null, 1e12)).toEqual([]);
  });
});
