import { describe, expect, it } from 'vitest';
import { decisionMix } from '../../../../src/domain/policy/decision-mix.js';
import { RECORDS } from './monitoring-fixture.js';

// Oracle: the nine records of monitoring-fixture.ts counted by hand.
describe('decisionMix', () => {
  it('by month (UTC): Jan 2 approve + 1 refer, Feb 1 refer, Mar 1 approve + 2 refer + 2 decline', () => {
    const rows = decisionMix(RECORDS, 'month');
    expect(rows.map((x) => [x.period, x.approve, x.refer, x.decline, x.total])).toEqual([
      ['2024-01', 2, 1, 0, 3], ['2024-02', 0, 1, 0, 1], ['2024-03', 1, 2, 2, 5]]);
    expect(rows[0].approveShare).toBeCloseTo(2 / 3, 15);
    expect(rows[2].declineShare).toBe(0.4);
  });

  it('in China Standard Time (+480 min) R3 moves to February', () => {
    const rows = decisionMix(RECORDS, 'month', { utcOffsetMinutes: 480 });
    expect(rows.map((x) => [x.period, x.approve, x.refer, x.decline])).toEqual([
      ['2024-01', 2, 0, 0], ['2024-02', 0, 2, 0], ['2024-03', 1, 2, 2]]);
  });

  it('by quarter and year; gaps are filled with empty periods', () => {
    expect(decisionMix(RECORDS, 'quarter').map((x) => [x.period, x.approve, x.refer, x.decline])).toEqual([['2024-Q1', 3, 4, 2]]);
    const withMay = [...RECORDS, { at: '2024-05-02', policyDecision: 'approve' as const }];
    const months = decisionMix(withMay);
    expect(months.map((x) => x.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(months[3]).toEqual({ period: '2024-04', total: 0, approve: 0, refer: 0, decline: 0, approveShare: null, referShare: null, declineShare: null });
    const years = decisionMix([{ at: '2023-12-31T23:00:00Z', policyDecision: 'refer' }, { at: '2025-01-01', policyDecision: 'decline' }], 'year');
    expect(years.map((x) => [x.period, x.total])).toEqual([['2023', 1], ['2024', 0], ['2025', 1]]);
    expect(decisionMix([{ at: '2023-12-31T23:00:00Z', policyDecision: 'refer' }], 'quarter', { utcOffsetMinutes: 60 })[0].period).toBe('2024-Q1');
  });

  it('no decisions → no rows; bad input throws', () => {
    expect(decisionMix([])).toEqual([]);
    expect(() => decisionMix([{ at: '2024-01-01', policyDecision: 'maybe' as never }])).toThrow(expect.objectContaining({ code: 'invalid-decision' }));
    expect(() => decisionMix(RECORDS, 'week' as never)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => decisionMix(RECORDS, 'month', { utcOffsetMinutes: 900 })).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
