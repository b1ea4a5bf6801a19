import { describe, expect, it } from 'vitest';
import { POLICY_REASON_CODES } from '../../../../src/domain/policy/policy-reason-codes.js';

// Oracle: issue 9 ("every reason coded and bilingual"); the union type PolicyReasonCode lists 21 codes.
describe('POLICY_REASON_CODES', () => {
  it('lists 21 unique codes, each with severities and English and Chinese titles', () => {
    expect(POLICY_REASON_CODES).toHaveLength(21);
    expect(new Set(POLICY_REASON_CODES.map((c) => c.code)).size).toBe(21);
    for (const c of POLICY_REASON_CODES) {
      expect(c.severities.length).toBeGreaterThan(0);
      expect(c.labels.en.length).toBeGreaterThan(3);
      expect(c.labels.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(POLICY_REASON_CODES.filter((c) => c.group === 'loophole').map((c) => c.code)).toEqual([
      'duplicate-application', 'split-application', 'implausible-value', 'review-value', 'contradictory-ratios',
      'statement-mismatch', 'statement-inconsistent', 'stale-data', 'snapshot-in-future']);
  });
});
