import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { crossTabulate } from '../../../../src/domain/statistics/cross-tabulate.js';
import type { ItemSpec } from '../../../../src/domain/statistics/item-spec.js';

// R documentation of chisq.test: M <- as.table(rbind(c(762, 327, 468), c(484, 239, 477))),
// dimnames gender = F, M and party = Democrat, Independent, Republican → X-squared = 30.07, df = 2, p = 2.954e-07.
const GENDER: ItemSpec = { name: 'gender', kind: 'choice', choices: [{ value: 'F' }, { value: 'M' }] };
const PARTY: ItemSpec = { name: 'party', kind: 'choice', choices: [{ value: 'D', label: 'Democrat' }, { value: 'I', label: 'Independent' }, { value: 'R', label: 'Republican' }] };

function rowsFromTable(): Array<Record<string, unknown>> {
  const counts: Record<string, Record<string, number>> = { F: { D: 762, I: 327, R: 468 }, M: { D: 484, I: 239, R: 477 } };
  const rows: Array<Record<string, unknown>> = [];
  for (const [gender, parties] of Object.entries(counts)) {
    for (const [party, count] of Object.entries(parties)) for (let i = 0; i < count; i++) rows.push({ gender, party });
  }
  return rows;
}

describe('crossTabulate', () => {
  it('R chisq.test(M): X-squared = 30.07, df = 2, p = 2.954e-07, from 2757 response rows', () => {
    const result = crossTabulate(rowsFromTable(), GENDER, PARTY);
    expect(result.table.rows).toEqual(['F', 'M']);
    expect(result.table.cols).toEqual(['Democrat', 'Independent', 'Republican']);
    expect(result.table.counts).toEqual([[762, 327, 468], [484, 239, 477]]);
    expect(result.chiSquare).toBeCloseTo(30.07, 2);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(2.954e-7, 10);
    expect(result.cramersV).toBeCloseTo(Math.sqrt(30.070149095754672 / 2757), 12);
    expect(result.lowExpected).toBe(false);
    expect(result.expected?.[0][0]).toBeCloseTo(703.6714, 4);
  });

  it('drops categories nobody chose (with a note), leaves out missing answers (with a note), keeps codes', () => {
    const rows = [
      { gender: 'F', party: 'D' }, { gender: 'F', party: 'D' }, { gender: 'M', party: 'R' }, { gender: 'M', party: 'R' },
      { gender: 'M', party: null }, { party: 'I' },
    ];
    const result = crossTabulate(rows, GENDER, PARTY);
    expect(result.table.cols).toEqual(['Democrat', 'Republican']);
    expect(result.table.colValues).toEqual(['D', 'R']);
    expect(result.n).toBe(4);
    expect(result.notes.map((n) => n.code)).toEqual(expect.arrayContaining(['missing-excluded', 'empty-categories-dropped', 'low-expected']));
    expect(result.lowExpected).toBe(true);
  });

  it('likert items use their scale points; items given by name use their distinct codes', () => {
    const rows = [{ a: 1, g: 'x' }, { a: 5, g: 'y' }, { a: 5, g: 'x' }, { a: 1, g: 'y' }];
    const result = crossTabulate(rows, { name: 'a', kind: 'likert' }, 'g');
    expect(result.table.rows).toEqual(['1', '5']);
    expect(result.table.cols).toEqual(['x', 'y']);
    expect(result.chiSquare).toBe(0);
    expect(result.p).toBeCloseTo(1, 12);
  });

  it('a single answered category: statistics null with a note; empty input: nulls, not NaN', () => {
    const single = crossTabulate([{ g: 'x', h: 'u' }, { g: 'x', h: 'v' }], 'g', 'h');
    expect(single.chiSquare).toBeNull();
    expect(single.notes.map((n) => n.code)).toContain('degenerate-table');
    const empty = crossTabulate([], GENDER, PARTY);
    expect(empty.p).toBeNull();
    expect(empty.table.counts).toEqual([]);
    expect(empty.notes.map((n) => n.code)).toContain('no-answers');
  });

  it('rejects multi-select answers', () => {
    expect(() => crossTabulate([{ g: ['x', 'y'], h: 'u' }], { name: 'g', kind: 'choice' }, 'h')).toThrow(DomainError);
  });
});
