import { describe, expect, it } from 'vitest';
import { overrideRates } from '../../../../src/domain/policy/override-rates.js';
import { RECORDS } from './monitoring-fixture.js';

const rows = (by: 'officer' | 'branch' | 'grade') => overrideRates(RECORDS, by).map((x) => [x.key, x.decided, x.overrides, x.lowSide, x.highSide, x.rate]);

// Oracle: monitoring-fixture.ts counted by hand (officer decisions: R3, R4, R5 alice; R6, R9 bob).
describe('overrideRates', () => {
  it('by officer: alice 1 of 3 (low side), bob 1 of 2 (high side)', () => {
    expect(rows('officer')).toEqual([['alice', 3, 1, 1, 0, 1 / 3], ['bob', 2, 1, 0, 1, 0.5]]);
  });

  it('by branch and by grade', () => {
    expect(rows('branch')).toEqual([['BR1', 1, 0, 0, 0, 0], ['BR2', 4, 2, 1, 1, 0.5]]);
    expect(rows('grade')).toEqual([['A', 1, 1, 0, 1, 1], ['B', 1, 0, 0, 0, 0], ['BB', 2, 0, 0, 0, 0], ['CCC', 1, 1, 1, 0, 1]]);
  });

  it('small counts carry a Wilson interval: 1 of 1 → [0.2065, 1]; 0 of 1 → [0, 0.7935]', () => {
    const byGrade = overrideRates(RECORDS, 'grade');
    expect(byGrade[0].interval?.lower).toBeCloseTo(1 / (1 + 1.959963984540054 ** 2), 12);
    expect(byGrade[0].interval?.upper).toBe(1);
    expect(byGrade[1].interval?.upper).toBeCloseTo(1 - 1 / (1 + 1.959963984540054 ** 2), 12);
  });

  it('automatic decisions and pending referrals are not in any denominator; an override without an officer throws', () => {
    expect(overrideRates(RECORDS.filter((x) => x.officer === null), 'officer')).toEqual([]);
    expect(() => overrideRates([{ ...RECORDS[5], officer: null }], 'officer')).toThrow(expect.objectContaining({ code: 'invalid-decision-record' }));
    expect(() => overrideRates(RECORDS, 'region' as never)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
