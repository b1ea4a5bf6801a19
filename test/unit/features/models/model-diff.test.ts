import { describe, expect, it } from 'vitest';
import { diffModels, ruleSummary } from '../../../../src/features/models/model-diff.js';
import { defaultSettings, templateDefinition } from '../../../../src/features/models/models-service.js';

const a = { definition: templateDefinition(), settings: defaultSettings() };

describe('ruleSummary', () => {
  it('writes anchors and code tables briefly', () => {
    expect(ruleSummary({ kind: 'anchors', anchors: [{ raw: 40, score: 100 }, { raw: 55.5, score: 80 }, { raw: 1 / 3, score: 0 }] })).toBe('40→100, 55.5→80, 0.3333→0');
    expect(ruleSummary({ kind: 'codes', codes: [{ code: 'A', score: 100, labels: { en: 'A', zh: 'A' } }, { code: 'B', score: 80, labels: { en: 'B', zh: 'B' } }] })).toBe('A 100 · B 80');
  });
});

describe('diffModels', () => {
  it('finds nothing between a version and itself', () => {
    const d = diffModels(a, a);
    expect(d.identical).toBe(true);
    expect(d.maxWeightChange).toBe(0);
    expect(d.rules).toEqual([]);
  });

  it('reports weight changes (global = criterion × local), rule, option, variant, overlay, adjustment and early-warning changes', () => {
    const da = a.definition;
    const b = {
      definition: {
        ...da,
        // C1 and C2 swap .1 of weight; I21's local weight in C2 goes from 1/3 to 1/2 and I24's from 1/3 to 1/6.
        criteria: da.criteria.map((c) => (c.id === 'C1' ? { ...c, weight: c.weight - 0.1 } : c.id === 'C2' ? { ...c, weight: c.weight + 0.1 } : c)),
        indicators: da.indicators.map((i) => (i.id === 'I21' ? { ...i, weight: 0.5, rule: { kind: 'anchors' as const, anchors: [{ raw: 35, score: 100 }, { raw: 80, score: 0 }] } }
          : i.id === 'I24' ? { ...i, weight: 1 / 6 } : i)),
        missingPolicy: 'score-zero' as const,
        industryVariants: [{ industry: 'F', indicatorTilts: { I42: 0.6 }, rationale: 'trade' }],
        overlay: { neutralIndex: 100, pointsPerIndexPoint: 0.25, maxPoints: 5, rationale: 'cycle' },
        adjustments: [...da.adjustments, { kind: 'rule-change' as const, description: 'I21 stricter', rationale: 'policy', date: '2026-12-01' }],
      },
      settings: { ...a.settings, earlyWarnings: { ...a.settings.earlyWarnings, red: { ...a.settings.earlyWarnings.red, daysPastDueAbove: 15 } } },
    };
    const d = diffModels(a, b);
    expect(d.identical).toBe(false);
    const c1 = d.criteria.find((r) => r.id === 'C1')!;
    expect(c1.change).toBeCloseTo(-0.1, 12);
    const w2 = da.criteria.find((c) => c.id === 'C2')!.weight;
    const i21 = d.indicators.find((r) => r.id === 'I21')!;
    expect(i21.a).toBeCloseTo(w2 / 3, 12);
    expect(i21.b).toBeCloseTo((w2 + 0.1) * 0.5, 12);
    expect(d.maxWeightChange).toBeCloseTo((w2 + 0.1) * 0.5 - w2 / 3, 12);
    expect(d.rules).toEqual([{ id: 'I21', name: 'debt-to-asset', a: '40→100, 55→80, 70→50, 85→0', b: '35→100, 80→0', unitA: '%', unitB: '%' }]);
    expect(d.options).toEqual([{ key: 'missingPolicy', a: 'renormalise-within-criterion', b: 'score-zero' }]);
    expect(d.variants).toEqual({ added: ['F'], removed: [], changed: [] });
    expect(d.overlay.changed).toBe(true);
    expect(d.adjustments.onlyB.map((x) => x.description)).toEqual(['I21 stricter']);
    expect(d.adjustments.onlyA).toEqual([]);
    expect(d.earlyWarnings).toEqual([{ path: 'red.daysPastDueAbove', a: '30', b: '15' }]);
    expect(d.caps).toEqual({ added: [], removed: [], changed: [] });
    expect(d.gradeScale.changed).toBe(false);
  });

  it('lists indicators present in one version only, with no change figure', () => {
    const da = a.definition;
    const b = { ...a, definition: { ...da, indicators: da.indicators.filter((i) => i.id !== 'I72').map((i) => (i.id === 'I71' ? { ...i, weight: 1 } : i)), gradeCaps: da.gradeCaps.filter((c) => c.id !== 'cap-restricted-industry') } };
    const d = diffModels(a, b);
    expect(d.indicators.find((r) => r.id === 'I72')).toMatchObject({ b: null, change: null });
    expect(d.rules.find((r) => r.id === 'I72')).toMatchObject({ b: null, unitB: null });
    expect(d.caps.removed).toEqual(['cap-restricted-industry']);
  });
});
