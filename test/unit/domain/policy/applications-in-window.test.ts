import { describe, expect, it } from 'vitest';
import { applicationsInWindow } from '../../../../src/domain/policy/applications-in-window.js';

const app = (requestId: string, at: string) => ({ requestId, at, amount: 1, decision: 'approve' as const });

// Oracle: 0 ≤ asOf − at ≤ window (both ends inclusive), counted by hand in days and milliseconds.
describe('applicationsInWindow', () => {
  it('keeps both ends of the window, drops outside, later and same-id entries, and sorts by time', () => {
    const history = [
      app('late', '2024-03-08T00:00:00.001Z'), // after asOf
      app('edge', '2024-03-01'), // exactly 7 days
      app('out', '2024-02-29T23:59:59.999Z'), // 7 days + 1 ms
      app('same', '2024-03-05'),
      app('now', '2024-03-08'), // 0 days
      app('mid', '2024-03-04T12:00+08:00'), // 2024-03-04T04:00Z
    ];
    expect(applicationsInWindow(history, '2024-03-08', 7, 'same').map((a) => a.requestId)).toEqual(['edge', 'mid', 'now']);
    expect(applicationsInWindow(history, '2024-03-08', 7, null).map((a) => a.requestId)).toEqual(['edge', 'mid', 'same', 'now']);
  });

  it('a zero-day window keeps only the same instant; ties sort by requestId', () => {
    const history = [app('b', '2024-03-08'), app('a', '2024-03-08'), app('c', '2024-03-07T23:59:59Z')];
    expect(applicationsInWindow(history, '2024-03-08', 0, undefined).map((a) => a.requestId)).toEqual(['a', 'b']);
  });

  it('throws on an unreadable date', () => {
    expect(() => applicationsInWindow([app('x', '8 March')], '2024-03-08', 7, null)).toThrow(expect.objectContaining({ code: 'invalid-date' }));
  });
});
