import { describe, expect, it } from 'vitest';
import { collapseSmallStrata } from '../../../../src/domain/validation/collapse-small-strata.js';
import { groupIntoStrata } from '../../../../src/domain/validation/group-into-strata.js';

function population(spec: [industry: string, size: string, count: number][]) {
  const industry: string[] = [], size: string[] = [];
  for (const [i, s, c] of spec) for (let k = 0; k < c; k++) { industry.push(i); size.push(s); }
  return { industry, size };
}
const levelOrder = { size: ['micro', 'small', 'medium', 'large'] };

describe('groupIntoStrata', () => {
  it('orders strata lexicographically by the variables\' level orders and counts units', () => {
    const cols = population([['F', 'small', 2], ['C', 'large', 1], ['C', 'micro', 3]]);
    const g = groupIntoStrata(cols, ['industry', 'size'], levelOrder);
    expect(g.strata.map((s) => [s.values.join('/'), s.size])).toEqual([['C/micro', 3], ['C/large', 1], ['F/small', 2]]);
    expect(Array.from(g.stratumOf)).toEqual([2, 2, 1, 0, 0, 0]);
  });

  it('numbers sort numerically before text; missing values and unknown levels are refused', () => {
    const g = groupIntoStrata({ band: [10, 2, 'x', 2] }, ['band']);
    expect(g.strata.map((s) => s.values[0])).toEqual([2, 10, 'x']);
    expect(() => groupIntoStrata({ band: [1, null as unknown as number] }, ['band'])).toThrow(/Unit 2 has no usable value for "band"/);
    expect(() => groupIntoStrata({ size: ['huge'] }, ['size'], levelOrder)).toThrow(/"huge" of "size" is missing from its level order/);
    expect(() => groupIntoStrata({ a: [1] }, ['b'])).toThrow(/no column "b"/);
  });
});

describe('collapseSmallStrata', () => {
  const cols = population([['C', 'micro', 50], ['C', 'small', 1], ['C', 'medium', 30], ['C', 'large', 1], ['F', 'small', 40], ['K', 'large', 1]]);
  const { strata } = groupIntoStrata(cols, ['industry', 'size'], levelOrder);

  it('collapse: a small stratum merges with the next size band of the same industry, the last band with the previous one; a lone small stratum is kept whole with a warning', () => {
    const r = collapseSmallStrata(strata, 2, 'collapse', ['industry', 'size']);
    // C: small (1) + medium → small+medium (31); then large (1, last) + previous → small+medium+large (32).
    expect(r.strata.map((s) => [s.labels.join(' × '), s.size, s.census])).toEqual([
      ['C × micro', 50, false], ['C × small+medium+large', 32, false], ['F × small', 40, false], ['K × large', 1, true],
    ]);
    expect(r.collapsed).toEqual([
      { stratum: 'C × small', mergedInto: 'C × small+medium+large' },
      { stratum: 'C × medium', mergedInto: 'C × small+medium+large' },
      { stratum: 'C × large', mergedInto: 'C × small+medium+large' },
    ]);
    expect(r.warnings.join(' ')).toMatch(/Stratum K × large has 1 unit\(s\), fewer than the minimum of 2 per stratum and no neighbour to merge with: all its units are taken/);
    expect(Array.from(r.stratumOfPopulationStratum)).toEqual([0, 1, 1, 1, 2, 3]);
  });

  it('warn: nothing is merged, every small stratum is taken completely and reported', () => {
    const r = collapseSmallStrata(strata, 2, 'warn', ['industry', 'size']);
    expect(r.strata.length).toBe(6);
    expect(r.strata.filter((s) => s.census).map((s) => s.labels.join(' × '))).toEqual(['C × small', 'C × large', 'K × large']);
    expect(r.warnings.length).toBe(3);
    expect(r.collapsed).toEqual([]);
  });

  it('a minimum of 0 or 1 never collapses', () => {
    expect(collapseSmallStrata(strata, 1, 'collapse', ['industry', 'size']).strata.length).toBe(6);
  });
});
