import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { assertResponseRows, readCategoricalAnswers, readNumericAnswers, readNumericColumns } from '../../../../src/domain/statistics/item-answers.js';
import type { ItemSpec } from '../../../../src/domain/statistics/item-spec.js';

const TEN_ITEMS: ItemSpec[] = Array.from({ length: 10 }, (_, j) => ({ name: `q${j}`, kind: 'likert' }));

describe('readNumericColumns / readNumericAnswers', () => {
  it('missing answers become NaN internally; numeric strings are numbers', () => {
    const column = readNumericAnswers([{ q: 3 }, { q: null }, {}, { q: ' 4 ' }, { q: '' }], { name: 'q', kind: 'likert' });
    expect(Array.from(column)).toEqual([3, Number.NaN, Number.NaN, 4, Number.NaN]);
  });

  it('key enumeration (many items) and named lookups (one item) read the same answers (property)', () => {
    const row = fc.dictionary(fc.constantFrom(...TEN_ITEMS.map((i) => i.name), 'note', 'role'), fc.option(fc.integer({ min: 1, max: 5 })));
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
      const together = readNumericColumns(rows, TEN_ITEMS); // ≥ 8 items and most of the keys → enumeration
      return TEN_ITEMS.every((item, j) => {
        const alone = readNumericAnswers(rows, item); // one item → named lookups
        return alone.every((x, r) => Object.is(x, together[j][r]));
      });
    }));
  });

  it('both paths reject answers off the scale with the row and item named', () => {
    const rows = [Object.fromEntries(TEN_ITEMS.map((i) => [i.name, 3])), { q7: 9 }];
    expect(() => readNumericColumns(rows, TEN_ITEMS)).toThrow(/Response 2: the answer 9 to "q7"/);
    expect(() => readNumericAnswers(rows, TEN_ITEMS[7])).toThrow(DomainError);
  });
});

describe('readCategoricalAnswers', () => {
  it('canonicalises codes to the declared choice values and keeps lists for multi-select items', () => {
    const item: ItemSpec = { name: 'c', kind: 'choice', choices: [{ value: 1 }, { value: 'b' }] };
    expect(readCategoricalAnswers([{ c: '1' }, { c: ['b', 1, ''] }, { c: 'zz' }, {}], item)).toEqual([1, ['b', 1], 'zz', null]);
  });

  it('rejects objects and lists on single-answer items', () => {
    expect(() => readCategoricalAnswers([{ c: { x: 1 } }], { name: 'c', kind: 'choice' })).toThrow(DomainError);
    expect(() => readCategoricalAnswers([{ c: [1] }], { name: 'c', kind: 'likert' })).toThrow(DomainError);
  });
});

describe('assertResponseRows', () => {
  it('rejects a non-list and rows that are not objects', () => {
    expect(() => assertResponseRows('rows')).toThrow(DomainError);
    expect(() => assertResponseRows([{}, null])).toThrow(/Response 2 is not an object/);
    expect(() => assertResponseRows([[1, 2]])).toThrow(DomainError);
    expect(() => assertResponseRows([{ a: 1 }])).not.toThrow();
  });
});
