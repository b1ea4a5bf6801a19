import { describe, expect, it } from 'vitest';
import { defaultRatesByDecisionPath } from '../../../../src/domain/policy/default-rates-by-decision-path.js';
import { RECORDS } from './monitoring-fixture.js';

// Oracle: monitoring-fixture.ts counted by hand.
describe('defaultRatesByDecisionPath', () => {
  it('policy approvals 1 of 2, referrals approved 0 of 1 (1 unknown), low-side overrides 1 of 1', () => {
    expect(defaultRatesByDecisionPath(RECORDS).map((x) => [x.path, x.loans, x.defaults, x.unknownOutcome, x.rate])).toEqual([
      ['policy-approve', 2, 1, 0, 0.5], ['refer-approved', 1, 0, 1, 0], ['decline-to-approve', 1, 1, 0, 1]]);
  });

  it('always three rows; no known outcomes → null rates', () => {
    const rows = defaultRatesByDecisionPath(RECORDS.map((x) => ({ ...x, defaulted: null })));
    expect(rows.map((x) => [x.path, x.loans, x.rate, x.interval])).toEqual([
      ['policy-approve', 0, null, null], ['refer-approved', 0, null, null], ['decline-to-approve', 0, null, null]]);
    expect(defaultRatesByDecisionPath([])).toHaveLength(3);
  });
});
