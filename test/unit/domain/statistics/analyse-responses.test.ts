import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { analyseResponses } from '../../../../src/domain/statistics/analyse-responses.js';
import type { ItemSpec } from '../../../../src/domain/statistics/item-spec.js';

// The hand-made 5 × 3 table of cronbach-alpha.test.ts (α = 87/97), with item c stored as answered on a
// negatively worded statement: raw c = 6 − (the table's value), so reverse-coding restores the table.
const ITEMS: ItemSpec[] = [
  { name: 'role', kind: 'choice', choices: [{ value: 'am', label: 'Account manager' }, { value: 'ro', label: 'Risk officer' }, { value: 'ap', label: 'Approver' }] },
  { name: 'a', kind: 'likert', min: 1, max: 5, dimension: 'warning' },
  { name: 'b', kind: 'likert', min: 1, max: 5, dimension: 'warning' },
  { name: 'c', kind: 'likert', min: 1, max: 5, dimension: 'warning', reverse: true },
  { name: 'years', kind: 'number' },
  { name: 'comment', kind: 'text' },
];
const ROWS = [
  { role: 'am', a: 4, b: 5, c: 2, years: 3, comment: 'slow approval' },
  { role: 'ro', a: 3, b: 3, c: 4, years: 10, comment: '' },
  { role: 'am', a: 5, b: 4, c: 1, years: 1 },
  { role: 'ap', a: 2, b: 2, c: 3, years: 7, comment: 'models ignore SMEs' },
  { role: 'ro', a: 4, b: 4, c: 2, years: 4 },
];

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNaN);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNaN);
  return false;
}

describe('analyseResponses', () => {
  it('item statistics (hand-derived): a = 4, 3, 5, 2, 4 → mean 3.6, sd √1.3, median 4, agree 60 %, disagree 20 %', () => {
    const { items, responses } = analyseResponses({ items: ITEMS, rows: ROWS });
    expect(responses).toBe(5);
    const a = items.a;
    expect(a.n).toBe(5);
    expect(a.mean).toBeCloseTo(3.6, 14);
    expect(a.sd).toBeCloseTo(Math.sqrt(1.3), 14);
    expect(a.median).toBe(4);
    expect(a.agreePercent).toBeCloseTo(60, 12);
    expect(a.disagreePercent).toBeCloseTo(20, 12);
    expect(a.frequencies.map((f) => f.count)).toEqual([0, 1, 1, 2, 1]);
    expect(a.frequencies.map((f) => f.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reverse-coded item: statistics as answered (c = 2, 4, 1, 3, 2 → mean 2.4), flagged reverse', () => {
    const { items } = analyseResponses({ items: ITEMS, rows: ROWS });
    expect(items.c.mean).toBeCloseTo(2.4, 14);
    expect(items.c.reverse).toBe(true);
    expect(items.c.notes.map((n) => n.code)).toContain('reverse-coded');
  });

  it("dimension after reverse-coding reproduces the hand-derived Cronbach's alpha 87/97 and psych-style item statistics", () => {
    const { dimensions } = analyseResponses({ items: ITEMS, rows: ROWS });
    const warning = dimensions.warning;
    expect(warning.items).toEqual(['a', 'b', 'c']);
    expect(warning.alpha).toBeCloseTo(87 / 97, 14);
    expect(warning.alphaN).toBe(5);
    expect(warning.alphaIfDeleted.a).toBeCloseTo(16 / 21, 14);
    expect(warning.alphaIfDeleted.c).toBeCloseTo(42 / 47, 14);
    expect(warning.itemTotal.a).toBeCloseTo(2.1 / Math.sqrt(1.3 * 4.2), 14);
    expect(warning.alphaCi?.[0]).toBeCloseTo(0.47911008068417404, 10); // Feldt, SciPy f.ppf
    // Scores: (13, 8, 14, 7, 12)/3 → mean 54/15 = 3.6, median 4, sd = √(97/10)/3.
    expect(warning.mean).toBeCloseTo(3.6, 14);
    expect(warning.median).toBeCloseTo(4, 14);
    expect(warning.sd).toBeCloseTo(Math.sqrt(9.7) / 3, 14);
    expect(warning.agreePercent).toBeCloseTo(60, 12);
  });

  it('choice, number and text items', () => {
    const { items } = analyseResponses({ items: ITEMS, rows: ROWS });
    expect(items.role.frequencies.map((f) => [f.label, f.count, f.percent])).toEqual([
      ['Account manager', 2, 40], ['Risk officer', 2, 40], ['Approver', 1, 20],
    ]);
    expect(items.role.mean).toBeNull();
    expect(items.years.median).toBe(4);
    expect(items.years.mean).toBeCloseTo(5, 14);
    expect(items.comment.n).toBe(2);
  });

  it('missing answers: item n counts answers; reliability uses complete respondents (listwise) with a note', () => {
    const rows = [...ROWS, { role: 'am', a: 5, b: null, c: '' }];
    const { items, dimensions } = analyseResponses({ items: ITEMS, rows });
    expect(items.a.n).toBe(6);
    expect(items.b.n).toBe(5);
    expect(dimensions.warning.n).toBe(6);
    expect(dimensions.warning.alphaN).toBe(5);
    expect(dimensions.warning.alpha).toBeCloseTo(87 / 97, 14);
    expect(dimensions.warning.notes.map((n) => n.code)).toContain('listwise-deletion');
  });

  it('numeric strings from CSV imports count like numbers', () => {
    const rows = ROWS.map((r) => ({ ...r, a: String(r.a) }));
    expect(analyseResponses({ items: ITEMS, rows }).dimensions.warning.alpha).toBeCloseTo(87 / 97, 14);
  });

  it('empty input: zero counts, null statistics with notes, no NaN', () => {
    const result = analyseResponses({ items: ITEMS, rows: [] });
    expect(result.responses).toBe(0);
    expect(result.items.a.mean).toBeNull();
    expect(result.items.a.sd).toBeNull();
    expect(result.items.a.agreePercent).toBeNull();
    expect(result.dimensions.warning.alpha).toBeNull();
    expect(result.dimensions.warning.alphaCi).toBeNull();
    expect(result.notes.map((n) => n.code)).toContain('no-responses');
    expect(result.dimensions.warning.notes.map((n) => n.code)).toContain('too-few-respondents');
    expect(hasNaN(result)).toBe(false);
  });

  it('all-equal answers: alpha null with a zero-variance note; one-item dimension: alpha null with a note', () => {
    const items: ItemSpec[] = [
      { name: 'x', kind: 'likert', dimension: 'flat' },
      { name: 'y', kind: 'likert', dimension: 'flat' },
      { name: 'z', kind: 'likert', dimension: 'single' },
    ];
    const rows = [{ x: 3, y: 3, z: 1 }, { x: 3, y: 3, z: 5 }, { x: 3, y: 3, z: 4 }];
    const result = analyseResponses({ items, rows });
    expect(result.dimensions.flat.alpha).toBeNull();
    expect(result.dimensions.flat.notes.map((n) => n.code)).toContain('zero-variance');
    expect(result.dimensions.flat.sd).toBe(0);
    expect(result.dimensions.single.alpha).toBeNull();
    expect(result.dimensions.single.notes.map((n) => n.code)).toContain('too-few-items');
    expect(hasNaN(result)).toBe(false);
  });

  it('a single respondent: sd null with a note', () => {
    const result = analyseResponses({ items: ITEMS, rows: [ROWS[0]] });
    expect(result.items.a.sd).toBeNull();
    expect(result.items.a.notes.map((n) => n.code)).toContain('sd-needs-two-answers');
    expect(hasNaN(result)).toBe(false);
  });

  it('rejects answers off the scale, non-numeric likert answers, duplicate names and dimensions on text items', () => {
    expect(() => analyseResponses({ items: ITEMS, rows: [{ a: 6 }] })).toThrow(DomainError);
    expect(() => analyseResponses({ items: ITEMS, rows: [{ a: 'agree' }] })).toThrow(/not a number/);
    expect(() => analyseResponses({ items: ITEMS, rows: [{ a: 2.5 }] })).toThrow(DomainError);
    expect(() => analyseResponses({ items: [ITEMS[1], ITEMS[1]], rows: [] })).toThrow(/used twice/);
    expect(() => analyseResponses({ items: [{ name: 't', kind: 'text', dimension: 'd' }], rows: [] })).toThrow(DomainError);
  });

  const likertRows = fc.array(fc.record({
    p: fc.option(fc.integer({ min: 1, max: 5 })),
    q: fc.option(fc.integer({ min: 1, max: 5 })),
    r: fc.option(fc.integer({ min: 1, max: 5 })),
  }), { maxLength: 40 });
  const likertItems: ItemSpec[] = [
    { name: 'p', kind: 'likert', dimension: 'd' },
    { name: 'q', kind: 'likert', dimension: 'd', reverse: true },
    { name: 'r', kind: 'likert', dimension: 'd' },
  ];

  it('never returns NaN/Infinity, α ≤ 1, percentages in [0, 100] (property)', () => {
    fc.assert(fc.property(likertRows, (rows) => {
      const result = analyseResponses({ items: likertItems, rows });
      const alpha = result.dimensions.d.alpha;
      return !hasNaN(result) && (alpha === null || alpha <= 1)
        && Object.values(result.items).every((item) => item.frequencies.every((f) => f.percent >= 0 && f.percent <= 100));
    }));
  });

  it('is invariant to the order of respondents (property)', () => {
    fc.assert(fc.property(likertRows, (rows) => {
      const a = analyseResponses({ items: likertItems, rows });
      const b = analyseResponses({ items: likertItems, rows: [...rows].reverse() });
      const close = (x: number | null, y: number | null) => (x === null ? y === null : y !== null && Math.abs(x - y) < 1e-9);
      return close(a.dimensions.d.alpha, b.dimensions.d.alpha) && close(a.dimensions.d.mean, b.dimensions.d.mean)
        && close(a.items.q.median, b.items.q.median) && close(a.items.p.sd, b.items.p.sd);
    }));
  });
});

describe('analyseResponses input checks', () => {
  it('rejects infinite and NaN answers to open-ended number items', () => {
    const items: ItemSpec[] = [{ name: 'n', kind: 'number' }];
    expect(() => analyseResponses({ items, rows: [{ n: Number.POSITIVE_INFINITY }] })).toThrow(DomainError);
    expect(() => analyseResponses({ items, rows: [{ n: Number.NaN }] })).toThrow(DomainError);
    expect(analyseResponses({ items, rows: [{ n: -1e300 }, { n: 1e300 }] }).items.n.n).toBe(2);
  });
});

describe('analyseResponses choice items', () => {
  it('multi-select answers count every code, percent of respondents (hand: 2 respondents, x chosen by both → 100 %)', () => {
    const items: ItemSpec[] = [{ name: 'm', kind: 'choice', choices: [{ value: 'x' }, { value: 'y' }, { value: 'z' }] }];
    const result = analyseResponses({ items, rows: [{ m: ['x', 'y'] }, { m: ['x'] }, {}] });
    expect(result.items.m.n).toBe(2);
    expect(result.items.m.frequencies.map((f) => [f.value, f.count, f.percent])).toEqual([['x', 2, 100], ['y', 1, 50], ['z', 0, 0]]);
    expect(result.items.m.notes.map((n) => n.code)).toContain('multiple-answers');
  });

  it('answers outside the declared choices are counted after them, with a note', () => {
    const items: ItemSpec[] = [{ name: 'c', kind: 'choice', choices: [{ value: 1, label: 'One' }] }];
    const result = analyseResponses({ items, rows: [{ c: '1' }, { c: 'other' }, { c: 1 }] });
    expect(result.items.c.frequencies.map((f) => [f.label, f.count])).toEqual([['One', 2], ['other', 1]]);
    expect(result.items.c.notes.map((n) => n.code)).toContain('undeclared-answers');
  });
});
