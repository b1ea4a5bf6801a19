import { describe, expect, it } from 'vitest';
import { checkDuplicateApplication } from '../../../../src/domain/policy/check-duplicate-application.js';

const app = (requestId: string, at: string, decision: 'approve' | 'refer' | 'decline' = 'approve') => ({ requestId, at, amount: 100, decision });

// Oracle: issue 9 item 3 with a 7-day inclusive window, counted by hand.
describe('checkDuplicateApplication', () => {
  it('refers on an application exactly at the window edge, with its id, and says nothing one day earlier', () => {
    const [r] = checkDuplicateApplication({ windowDays: 7 }, [app('R1', '2024-03-01')], '2024-03-08', 'R9');
    expect(r).toMatchObject({ code: 'duplicate-application', severity: 'refer', params: { windowDays: 7, count: 1, requestIds: ['R1'] } });
    expect(r.message.en).toBe('The borrower made 1 other application within 7 days before this one (R1).');
    expect(r.message.zh).toBe('该借款人在本次申请前7天内已提交1笔其他申请（R1）。');
    expect(checkDuplicateApplication({ windowDays: 7 }, [app('R1', '2024-02-29')], '2024-03-08', 'R9')).toEqual([]);
  });

  it('counts every decision, lists several in time order, ignores a replay of itself, and can be switched off', () => {
    const history = [app('R2', '2024-03-07', 'decline'), app('R1', '2024-03-05', 'refer'), app('R9', '2024-03-08')];
    const [r] = checkDuplicateApplication({ windowDays: 7 }, history, '2024-03-08', 'R9');
    expect(r.params).toEqual({ windowDays: 7, count: 2, requestIds: ['R1', 'R2'] });
    expect(r.message.en).toContain('2 other applications');
    expect(checkDuplicateApplication(null, history, '2024-03-08', 'R9')).toEqual([]);
  });
});
