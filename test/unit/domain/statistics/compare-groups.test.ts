import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { compareGroups } from '../../../../src/domain/statistics/compare-groups.js';
import type { ItemSpec } from '../../../../src/domain/statistics/item-spec.js';
import { AIRQUALITY_OZONE_BY_MONTH, PLANT_GROWTH } from './oracle-data.js';

const GROUP: ItemSpec = { name: 'group', kind: 'choice', choices: [{ value: 'ctrl' }, { value: 'trt1' }, { value: 'trt2' }] };
const PLANT_ROWS = Object.entries(PLANT_GROWTH).flatMap(([group, weights]) => weights.map((weight) => ({ group, weight })));

describe('compareGroups', () => {
  it('R PlantGrowth: aov F = 4.846 (df 2, 27, p = 0.01591) and kruskal.test 7.9882 (df 2, p = 0.01842)', () => {
    const result = compareGroups(PLANT_ROWS, { name: 'weight', kind: 'number' }, GROUP);
    expect(result.n).toBe(30);
    expect(result.anova.f).toBeCloseTo(4.846087862380136, 10);
    expect(result.anova.df1).toBe(2);
    expect(result.anova.df2).toBe(27);
    expect(result.anova.p).toBeCloseTo(0.01591, 5);
    expect(result.kruskalWallis.statistic).toBeCloseTo(7.9882, 4);
    expect(result.kruskalWallis.p).toBeCloseTo(0.01842, 5);
    // R: tapply(weight, group, mean) → ctrl 5.032, trt1 4.661, trt2 5.526; median ctrl 5.155.
    expect(result.groups.ctrl.mean).toBeCloseTo(5.032, 12);
    expect(result.groups.trt1.mean).toBeCloseTo(4.661, 12);
    expect(result.groups.trt2.mean).toBeCloseTo(5.526, 12);
    expect(result.groups.ctrl.median).toBeCloseTo(5.155, 12);
  });

  it('scores given as a list aligned with the rows (airquality Ozone ~ Month: KW 29.267, df 4, p = 6.901e-06)', () => {
    const rows = Object.entries(AIRQUALITY_OZONE_BY_MONTH).flatMap(([month, values]) => values.map(() => ({ month: Number(month) })));
    const scores = Object.values(AIRQUALITY_OZONE_BY_MONTH).flat();
    const result = compareGroups([...rows, { month: 6 }], [...scores, null], 'month');
    expect(result.kruskalWallis.statistic).toBeCloseTo(29.267, 3);
    expect(result.kruskalWallis.df).toBe(4);
    expect(result.kruskalWallis.p).toBeCloseTo(6.901e-6, 9);
    expect(Object.keys(result.groups)).toEqual(['5', '6', '7', '8', '9']);
    expect(result.groups['6'].n).toBe(9);
  });

  it('a single group: tests null with a note; declared groups without respondents are listed with n = 0', () => {
    const result = compareGroups([{ group: 'ctrl', weight: 1 }, { group: 'ctrl', weight: 2 }], { name: 'weight', kind: 'number' }, GROUP);
    expect(result.kruskalWallis).toEqual({ statistic: null, df: null, p: null });
    expect(result.anova.f).toBeNull();
    expect(result.notes.map((n) => n.code)).toContain('too-few-groups');
    expect(result.groups.trt1).toEqual({ value: 'trt1', n: 0, mean: null, sd: null, median: null });
  });

  it('all-equal scores: Kruskal–Wallis and ANOVA null with notes, never NaN', () => {
    const rows = [{ g: 'a', s: 3 }, { g: 'a', s: 3 }, { g: 'b', s: 3 }, { g: 'b', s: 3 }];
    const result = compareGroups(rows, { name: 's', kind: 'likert' }, 'g');
    expect(result.kruskalWallis.statistic).toBeNull();
    expect(result.anova.f).toBeNull();
    expect(result.notes.map((n) => n.code)).toEqual(['all-values-equal', 'zero-within-variance']);
  });

  it('rejects misaligned score lists, non-numeric score items and multi-select groups', () => {
    expect(() => compareGroups([{ g: 'a' }], [1, 2], 'g')).toThrow(DomainError);
    expect(() => compareGroups([{ g: 'a', t: 'x' }], { name: 't', kind: 'text' }, 'g')).toThrow(DomainError);
    expect(() => compareGroups([{ g: ['a', 'b'], s: 1 }], [1], { name: 'g', kind: 'choice' })).toThrow(DomainError);
  });
});
