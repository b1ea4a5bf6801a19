import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { dimensionScores } from '../../../../src/domain/statistics/dimension-scores.js';
import type { ItemSpec } from '../../../../src/domain/statistics/item-spec.js';

const ITEMS: ItemSpec[] = [
  { name: 'a', kind: 'likert', min: 1, max: 5, dimension: 'd' },
  { name: 'b', kind: 'likert', min: 1, max: 5, dimension: 'd', reverse: true },
  { name: 'x', kind: 'likert', min: 1, max: 7, dimension: 'other', reverse: true },
];

describe('dimensionScores', () => {
  it('mean of the reverse-coded answers (hand: a = 4, b = 2 → (4 + 6 − 2)/2 = 4)', () => {
    expect(dimensionScores([{ a: 4, b: 2 }], ITEMS, 'd')).toEqual([4]);
  });

  it('skips unanswered items and gives null when none was answered', () => {
    expect(dimensionScores([{ a: 5 }, { b: 1 }, {}], ITEMS, 'd')).toEqual([5, 5, null]);
  });

  it('reverse-codes on the item’s own scale (1–7: 2 → 6)', () => {
    expect(dimensionScores([{ x: 2 }], ITEMS, 'other')).toEqual([6]);
  });

  it('rejects an unknown dimension', () => {
    expect(() => dimensionScores([], ITEMS, 'nope')).toThrow(DomainError);
  });
});
