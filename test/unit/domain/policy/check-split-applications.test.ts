import { describe, expect, it } from 'vitest';
import { checkSplitApplications } from '../../../../src/domain/policy/check-split-applications.js';

const app = (requestId: string, at: string, amount: number, decision: 'approve' | 'refer' | 'decline' = 'approve') => ({ requestId, at, amount, decision });
const params = { windowDays: 30, aggregateLimit: 3_000_000 };

// Oracle: issue 9 item 3 ("split applications that stay under a limit one by one but exceed it together"), sums by hand.
describe('checkSplitApplications', () => {
  it('1.2M + 1.0M + 0.9M = 3.1M > 3M within 30 days refers', () => {
    const history = [app('R1', '2024-03-01', 1_200_000), app('R2', '2024-03-20', 1_000_000, 'refer')];
    const [r] = checkSplitApplications(params, history, 900_000, '2024-03-31', 'R3');
    expect(r).toMatchObject({ code: 'split-application', severity: 'refer' });
    expect(r.params).toEqual({ windowDays: 30, aggregateLimit: 3_000_000, count: 3, total: 3_100_000, requestIds: ['R1', 'R2'] });
    expect(r.message.en).toBe('3 applications within 30 days (this one and R1, R2) are each within 3,000,000 but total 3,100,000, above it.');
  });

  it('exactly at the limit together is not a split (3.0M is not above 3M)', () => {
    expect(checkSplitApplications(params, [app('R1', '2024-03-01', 2_000_000)], 1_000_000, '2024-03-31', 'R3')).toEqual([]);
  });

  it('declined ones do not count; one outside the window does not count (30 days + 1 ms)', () => {
    expect(checkSplitApplications(params, [app('R1', '2024-03-01', 2_500_000, 'decline')], 900_000, '2024-03-31', 'R3')).toEqual([]);
    expect(checkSplitApplications(params, [app('R1', '2024-03-01T00:00:00Z', 2_500_000)], 900_000, '2024-03-31T00:00:00Z', 'R3')).toHaveLength(1);
    expect(checkSplitApplications(params, [app('R1', '2024-02-29T23:59:59.999Z', 2_500_000)], 900_000, '2024-03-31', 'R3')).toEqual([]);
  });

  it('an amount above the limit on its own is not a split (the ceiling rule handles it)', () => {
    expect(checkSplitApplications(params, [app('R1', '2024-03-10', 500_000)], 3_200_000, '2024-03-31', 'R3')).toEqual([]);
    expect(checkSplitApplications(params, [app('R1', '2024-03-10', 3_200_000)], 500_000, '2024-03-31', 'R3')).toEqual([]);
  });

  it('a single application, or the check switched off, gives nothing', () => {
    expect(checkSplitApplications(params, [], 2_900_000, '2024-03-31', 'R3')).toEqual([]);
    expect(checkSplitApplications(null, [app('R1', '2024-03-10', 2_900_000)], 2_900_000, '2024-03-31', 'R3')).toEqual([]);
  });
});
