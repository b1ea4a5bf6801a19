import { describe, expect, it } from 'vitest';
import { classifyOverride } from '../../../../src/domain/policy/classify-override.js';

// Oracle: issue 9 item 4 ("approving a decline, declining an approve") and Siddiqi (2006): low-side override =
// approving below the cut-off, high-side = declining above it.
describe('classifyOverride', () => {
  it.each([
    ['approve', 'approve', 'unchanged', false, null],
    ['decline', 'decline', 'unchanged', false, null],
    ['refer', 'approve', 'refer-approved', false, null],
    ['refer', 'decline', 'refer-declined', false, null],
    ['decline', 'approve', 'decline-to-approve', true, 'low-side'],
    ['approve', 'decline', 'approve-to-decline', true, 'high-side'],
  ] as const)('policy %s, officer %s → %s', (policy, officer, kind, isOverride, side) => {
    expect(classifyOverride(policy, officer)).toEqual({ kind, isOverride, side });
  });

  it('an officer cannot "refer", and unknown policy decisions are rejected', () => {
    expect(() => classifyOverride('approve', 'refer' as never)).toThrow(expect.objectContaining({ code: 'invalid-decision' }));
    expect(() => classifyOverride('maybe' as never, 'approve')).toThrow(expect.objectContaining({ code: 'invalid-decision' }));
  });
});
