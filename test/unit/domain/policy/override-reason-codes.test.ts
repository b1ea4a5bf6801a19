import { describe, expect, it } from 'vitest';
import { OVERRIDE_REASON_CODES, overrideReasonApplies } from '../../../../src/domain/policy/override-reason-codes.js';

// Oracle: issue 9 item 4 (overrides need a reason code; labels in both languages).
describe('OVERRIDE_REASON_CODES', () => {
  it('has unique codes with English and Chinese labels, covering both override directions', () => {
    const codes = OVERRIDE_REASON_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of OVERRIDE_REASON_CODES) {
      expect(c.code).toMatch(/^[a-z0-9-]+$/);
      expect(c.labels.en.length).toBeGreaterThan(3);
      expect(c.labels.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.appliesTo.length).toBeGreaterThan(0);
    }
    expect(OVERRIDE_REASON_CODES.filter((c) => c.appliesTo.includes('decline-to-approve')).length).toBeGreaterThanOrEqual(3);
    expect(OVERRIDE_REASON_CODES.filter((c) => c.appliesTo.includes('approve-to-decline')).length).toBeGreaterThanOrEqual(3);
    expect(OVERRIDE_REASON_CODES.find((c) => c.code === 'other')?.needsNote).toBe(true);
    expect(Object.isFrozen(OVERRIDE_REASON_CODES)).toBe(true);
  });

  it('overrideReasonApplies checks the direction', () => {
    expect(overrideReasonApplies('additional-collateral', 'decline-to-approve')).toBe(true);
    expect(overrideReasonApplies('additional-collateral', 'approve-to-decline')).toBe(false);
    expect(overrideReasonApplies('suspected-fraud', 'approve-to-decline')).toBe(true);
    expect(overrideReasonApplies('other', 'approve-to-decline')).toBe(true);
    expect(overrideReasonApplies('no-such-code', 'decline-to-approve')).toBe(false);
  });
});
