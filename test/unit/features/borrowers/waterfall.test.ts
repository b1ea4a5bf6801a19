import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/domain/credit/compile-model.js';
import { waterfallChart, waterfallSteps } from '../../../../src/features/borrowers/waterfall.js';
import { templateDefinition } from '../../../../src/features/models/models-service.js';

const definition = { ...templateDefinition(), overlay: { neutralIndex: 100, pointsPerIndexPoint: 0.25, maxPoints: 5, rationale: 'cycle' } };
const scorer = compileModel(definition);
// Two criteria with data: C2 (I21 62.5 % → 65, I22 1.1 → 50) and C5 (I53 B → 80).
const e = scorer.score({ indicators: { I21: 62.5, I22: 1.1, I53: 'B' }, prosperityIndex: 92 });

describe('waterfallSteps', () => {
  it('criterion steps add W_c × score_c, then the overlay, then the total', () => {
    const steps = waterfallSteps(e, definition, 'en');
    expect(steps.map((s) => s.key)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'overlay', 'total']);
    const w2 = e.criteria.C2!.weight, w5 = e.criteria.C5!.weight;
    expect(w2 + w5).toBeCloseTo(1, 12);
    // C2 score: (1/3·65 + 1/6·50) / (1/2) = 60 by hand.
    expect(e.criteria.C2!.score).toBeCloseTo(60, 12);
    expect(steps[1]).toMatchObject({ from: 0, to: expect.closeTo(w2 * 60, 12), kind: 'criterion', label: 'C2 solvency & leverage' });
    expect(steps[0]).toMatchObject({ from: 0, to: 0 });
    expect(steps[4]!.to).toBeCloseTo(w2 * 60 + w5 * 80, 12);
    // Index 92 → −2 points (bounded ±5).
    expect(steps[7]).toMatchObject({ kind: 'overlay', from: expect.closeTo(w2 * 60 + w5 * 80, 12), to: expect.closeTo(w2 * 60 + w5 * 80 - 2, 12), label: 'Macro overlay (index 92)' });
    expect(steps[8]).toMatchObject({ kind: 'total', from: 0, to: e.score, label: 'Score' });
  });

  it('indicator steps skip missing indicators and add up to the score before the overlay; labels follow the locale', () => {
    const steps = waterfallSteps(e, definition, 'zh-CN', 'indicator');
    expect(steps.map((s) => s.key)).toEqual(['I21', 'I22', 'I53', 'overlay', 'total']);
    expect(steps[2]!.to).toBeCloseTo(e.score + 2, 12);
    expect(steps[0]!.label).toBe('I21 资产负债率');
    expect(steps[4]!.label).toBe('得分');
  });
});

describe('waterfallChart', () => {
  it('draws floating bars rounded to 0.01 with the overlay in red when it lowers the score', () => {
    const chart = waterfallChart([
      { key: 'C1', label: 'C1', from: 0, to: 12.3456, kind: 'criterion' },
      { key: 'overlay', label: 'o', from: 12.3456, to: 10.3456, kind: 'overlay' },
      { key: 'total', label: 'S', from: 0, to: 10.3456, kind: 'total' },
    ], true);
    expect(chart.data.datasets[0]!.data).toEqual([[0, 12.35], [10.35, 12.35], [0, 10.35]]);
    expect(chart.data.datasets[0]!.backgroundColor).toEqual(['#1f5fae', '#b42318', '#13243d']);
    expect(chart.options).toMatchObject({ indexAxis: 'y', scales: { x: { min: 0, max: 100 } } });
  });
});
