import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericLevels } from '../../../../src/domain/validation/numeric-levels.js';

/** Reference: distinct values by Set + sort, levels by indexOf — the definition, O(n²) is fine here. */
function reference(values: readonly number[]) {
  const distinct = [...new Set(values.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b);
  return {
    values: distinct,
    counts: distinct.map((d) => values.filter((v) => v === d).length),
    levelOf: values.map((v) => distinct.indexOf(v === 0 ? 0 : v)),
  };
}

describe('numericLevels', () => {
  it('property: distinct ascending values, their counts and each entry\'s level (hash path, few distinct values)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(-0, 0.1, 0.30000000000000004, 0.3, -Infinity, Infinity)), { maxLength: 200 }), (values) => {
      const r = numericLevels(values);
      const ref = reference(values);
      expect(Array.from(r.values)).toEqual(ref.values);
      expect(Array.from(r.counts)).toEqual(ref.counts);
      expect(Array.from(r.levelOf)).toEqual(ref.levelOf);
    }));
  });

  it('more than 65,536 distinct values switch to the radix sort and give the same answer', () => {
    const n = 70_000;
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % n) / 7 - 3000);
    values.push(values[5], values[6]); // a few ties
    const r = numericLevels(values);
    expect(r.values.length).toBe(n);
    for (let l = 1; l < r.values.length; l++) expect(r.values[l]).toBeGreaterThan(r.values[l - 1]);
    expect(r.counts[r.levelOf[5]]).toBe(2);
    values.forEach((v, i) => { if (i % 997 === 0) expect(r.values[r.levelOf[i]]).toBe(v); });
    expect(Array.from(r.counts).reduce((s, c) => s + c, 0)).toBe(n + 2);
  });
});
