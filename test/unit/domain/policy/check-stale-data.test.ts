import { describe, expect, it } from 'vitest';
import { checkStaleData } from '../../../../src/domain/policy/check-stale-data.js';

// Oracle: whole days from snapshot to asOf counted by hand (2024-03-31 → 2024-06-29 = 1 + 30 + 31 + 28 = 90 days).
describe('checkStaleData', () => {
  it('90 days old passes, 91 refers with the age', () => {
    expect(checkStaleData({ maxAgeDays: 90 }, '2024-03-31', '2024-06-29')).toEqual([]);
    const [r] = checkStaleData({ maxAgeDays: 90 }, '2024-03-31', '2024-06-30');
    expect(r).toMatchObject({ code: 'stale-data', severity: 'refer', params: { ageDays: 91, maxAgeDays: 90, snapshotAsOf: '2024-03-31', asOf: '2024-06-30' } });
    expect(r.message.en).toBe('The borrower data as of 2024-03-31 is 91 days old, more than the maximum of 90 days.');
  });

  it('counts whole days when asOf has a time: 90 days 23 h 59 min is still 90', () => {
    expect(checkStaleData({ maxAgeDays: 90 }, '2024-03-31', '2024-06-29T23:59:59Z')).toEqual([]);
    // +08:00: 2024-06-30T07:00+08:00 is 2024-06-29T23:00Z → 90 whole days.
    expect(checkStaleData({ maxAgeDays: 90 }, '2024-03-31', '2024-06-30T07:00+08:00')).toEqual([]);
  });

  it('a snapshot after asOf refers; same day passes; max age 0 refers a day-old snapshot', () => {
    expect(checkStaleData({ maxAgeDays: 90 }, '2024-07-01', '2024-06-30T12:00Z').map((r) => r.code)).toEqual(['snapshot-in-future']);
    expect(checkStaleData({ maxAgeDays: 0 }, '2024-06-30', '2024-06-30T12:00Z')).toEqual([]);
    expect(checkStaleData({ maxAgeDays: 0 }, '2024-06-29', '2024-06-30').map((r) => r.code)).toEqual(['stale-data']);
    expect(checkStaleData(null, '2000-01-01', '2024-06-30')).toEqual([]);
  });
});
