import { describe, expect, it } from 'vitest';
import { frequencyTable } from '../../../../src/domain/statistics/frequency-table.js';

describe('frequencyTable', () => {
  it('counts and percentages (hand count: 1 once, 2 twice of 3)', () => {
    expect(frequencyTable([1, 2, 2])).toEqual([
      { value: 1, label: '1', count: 1, percent: 100 / 3 },
      { value: 2, label: '2', count: 2, percent: 200 / 3 },
    ]);
  });

  it('keeps declared categories in their order with zero counts, then undeclared codes ascending', () => {
    const rows = frequencyTable(['b', 'z', 'b', 'a'], [{ value: 'c', label: 'Cee' }, { value: 'b', label: 'Bee' }]);
    expect(rows.map((r) => [r.value, r.label, r.count])).toEqual([['c', 'Cee', 0], ['b', 'Bee', 2], ['a', 'a', 1], ['z', 'z', 1]]);
  });

  it('uses the respondent count as the percent base (multi-select answers can exceed 100 % in total)', () => {
    const rows = frequencyTable(['x', 'y', 'x'], [], 2);
    expect(rows.map((r) => r.percent)).toEqual([100, 50]);
  });

  it('empty input gives zero counts, not NaN', () => {
    expect(frequencyTable([], [{ value: 1 }])).toEqual([{ value: 1, label: '1', count: 0, percent: 0 }]);
  });
});
