import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { itemCategories, readCategoryIndices } from '../../../../src/domain/statistics/item-categories.js';

describe('itemCategories / readCategoryIndices', () => {
  it('likert scale points first (labelled from choices), undeclared codes after, ascending', () => {
    const item = { name: 'q', kind: 'likert' as const, min: 1, max: 3, choices: [{ value: 1, label: 'Disagree' }] };
    expect(itemCategories(item, [9]).map((c) => c.label)).toEqual(['Disagree', '2', '3', '9']);
  });

  it('matches "2" to a declared 2, appends undeclared codes in order, −1 for missing', () => {
    const item = { name: 'g', kind: 'choice' as const, choices: [{ value: 2, label: 'Two' }, { value: 1, label: 'One' }] };
    const rows = [{ g: '2' }, { g: 'zeta' }, {}, { g: 1 }, { g: 'alpha' }, { g: ' ' }];
    const { categories, indices } = readCategoryIndices(rows, item);
    expect(categories.map((c) => c.label)).toEqual(['Two', 'One', 'alpha', 'zeta']);
    expect(Array.from(indices)).toEqual([0, 3, -1, 1, 2, -1]);
  });

  it('makes duplicate labels unique with their codes', () => {
    const item = { name: 'g', kind: 'choice' as const, choices: [{ value: 'a', label: 'Same' }, { value: 'b', label: 'Same' }] };
    expect(itemCategories(item, []).map((c) => c.label)).toEqual(['Same (a)', 'Same (b)']);
  });

  it('rejects multi-select answers and objects', () => {
    expect(() => readCategoryIndices([{ g: ['a'] }], { name: 'g', kind: 'choice' })).toThrow(DomainError);
    expect(() => readCategoryIndices([{ g: { a: 1 } }], { name: 'g', kind: 'choice' })).toThrow(DomainError);
  });
});
