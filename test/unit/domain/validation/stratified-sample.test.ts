import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { drawSample } from '../../../../src/domain/validation/draw-sample.js';
import { stratifiedSample } from '../../../../src/domain/validation/stratified-sample.js';
import { validationMetrics } from '../../../../src/domain/validation/validation-metrics.js';

/** A synthetic portfolio: industry × size band × classification, defaults more likely in worse classes, and a score. */
function portfolio(n: number, seed: number) {
  const rng = seededRandom(seed);
  const industry: string[] = [], size: string[] = [], classification: string[] = [], outcomes: number[] = [], score: number[] = [], leverage: number[] = [];
  const classes = ['normal', 'special mention', 'substandard'];
  for (let i = 0; i < n; i++) {
    industry.push(['C13', 'F51', 'K66'][rng.nextInt(3)]);
    size.push(['micro', 'small', 'medium'][rng.nextInt(3)]);
    const c = rng.next() < 0.85 ? 0 : rng.next() < 0.7 ? 1 : 2;
    classification.push(classes[c]);
    const bad = rng.next() < [0.03, 0.15, 0.5][c] ? 1 : 0;
    outcomes.push(bad);
    score.push(70 + 10 * rng.nextNormal() - 8 * bad);
    leverage.push(rng.nextNormal() * (industry[i] === 'F51' ? 3 : 1));
  }
  return { columns: { industry, size, classification }, outcomes, auxiliary: leverage, score };
}

const levelOrder = { size: ['micro', 'small', 'medium'], classification: ['normal', 'special mention', 'substandard'] };
const design = { sampleSize: 600, stratifyBy: ['industry', 'size', 'classification'], levelOrder };

describe('stratifiedSample', () => {
  const pop = portfolio(6000, 2024);

  it('reproducibility: same population + seed + design → the identical sample; drawSample(stored design, stored seed) draws it again', () => {
    const a = stratifiedSample(pop, design, 99);
    const b = stratifiedSample(pop, design, 99);
    expect(b).toEqual(a);
    const again = drawSample(pop, JSON.parse(JSON.stringify(a.design)), a.seed);
    expect(again.indices).toEqual(a.indices);
    expect(again.weights).toEqual(a.weights);
    expect(stratifiedSample(pop, design, 100).indices).not.toEqual(a.indices);
  });

  it('reproducibility: the same sample gives the same metrics (weighted AUC, CI, KS) every time', () => {
    const metricsOf = () => {
      const s = stratifiedSample(pop, { ...design, oversampleDefaults: { factor: 3 } }, 7);
      return validationMetrics({ outcomes: s.indices.map((i) => pop.outcomes[i]), scores: { v1: s.indices.map((i) => pop.score[i]) }, weights: s.weights });
    };
    expect(metricsOf()).toEqual(metricsOf());
  });

  it('records the complete design with defaults filled in, the seed and the algorithm', () => {
    const s = stratifiedSample(pop, design, 5);
    expect(s.design).toEqual({ method: 'stratified', sampleSize: 600, stratifyBy: ['industry', 'size', 'classification'], levelOrder,
      allocation: 'proportional', neymanVariable: 'default-indicator', minPerStratum: 2, smallStrata: 'collapse', oversampleDefaults: null });
    expect(s.seed).toBe(5);
    expect(s.algorithm).toMatch(/sampling-v1/);
  });

  it('proportional allocation: n_h within one unit of n·N_h/N, weights N_h/n_h, Σ weights = N, Σ n_h = n', () => {
    const s = stratifiedSample(pop, design, 5);
    expect(s.indices.length).toBe(600);
    expect(s.weights.reduce((t, w) => t + w, 0)).toBeCloseTo(6000, 8);
    for (const st of s.strata) {
      expect(Math.abs(st.sampleSize - (600 * st.populationSize) / 6000)).toBeLessThan(1 + 1e-9);
      expect(st.weight).toBeCloseTo(st.populationSize / st.sampleSize, 12);
    }
    // Each sampled unit really belongs to its stratum and carries its weight.
    const byKey = new Map(s.strata.map((st) => [st.key, st]));
    s.indices.forEach((i, k) => {
      const key = [pop.columns.industry[i], pop.columns.size[i], pop.columns.classification[i]].join(' × ');
      expect(s.weights[k]).toBeCloseTo(byKey.get(key)!.weight, 12);
    });
  });

  it('oversampling defaults ×4: defaults sampled at 4× the rate of non-defaults in each stratum; weighted default rate = population rate exactly', () => {
    const s = stratifiedSample(pop, { ...design, oversampleDefaults: { factor: 4 } }, 3);
    const big = s.strata.find((st) => st.key === 'C13 × micro × normal')!;
    const D = big.defaults!, G = big.populationSize - D;
    expect(big.sampledDefaults).toBe(Math.round((big.sampleSize * 4 * D) / (4 * D + G)));
    expect(big.defaultWeight).toBeCloseTo(D / big.sampledDefaults!, 12);
    const weightedBad = s.indices.reduce((t, i, k) => t + s.weights[k] * pop.outcomes[i], 0);
    const populationBad = pop.outcomes.reduce((t, y) => t + y, 0);
    expect(weightedBad).toBeCloseTo(populationBad, 8);
    const sampleRate = s.indices.reduce((t, i) => t + pop.outcomes[i], 0) / s.indices.length;
    expect(sampleRate).toBeGreaterThan((2.5 * populationBad) / 6000);
  });

  it('Neyman on the default indicator: targets ∝ N_h·√(N_h/(N_h − 1)·p_h(1 − p_h)) (Cochran 1977 eq. 5.26)', () => {
    const s = stratifiedSample(pop, { ...design, allocation: 'neyman', minPerStratum: 0 }, 3);
    const measure = s.strata.map((st) => { const N = st.populationSize, p = st.defaults! / N; return N * Math.sqrt((N / (N - 1)) * p * (1 - p)); });
    const total = measure.reduce((t, x) => t + x, 0);
    s.strata.forEach((st, h) => expect(st.target).toBeCloseTo((600 * measure[h]) / total, 8));
  });

  it('Neyman on an auxiliary variable: the volatile industry (SD ×3) gets about three times the proportional share', () => {
    const s = stratifiedSample(pop, { sampleSize: 300, stratifyBy: ['industry'], allocation: 'neyman', neymanVariable: 'auxiliary' }, 3);
    const f51 = s.strata.find((st) => st.key === 'F51')!, c13 = s.strata.find((st) => st.key === 'C13')!;
    const ratio = (f51.sampleSize / f51.populationSize) / (c13.sampleSize / c13.populationSize);
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });

  it('tiny strata: collapsed with a neighbour (reported), or taken completely with a warning under "warn"', () => {
    const small = { columns: { industry: ['A', 'A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'B'], size: ['micro', 'micro', 'micro', 'micro', 'small', 'micro', 'micro', 'micro', 'small', 'small', 'small'] } };
    const collapsed = stratifiedSample(small, { sampleSize: 6, stratifyBy: ['industry', 'size'], levelOrder }, 1);
    expect(collapsed.strata.map((s) => s.key)).toEqual(['A × micro+small', 'B × micro', 'B × small']);
    expect(collapsed.collapsed).toEqual([{ stratum: 'A × micro', mergedInto: 'A × micro+small' }, { stratum: 'A × small', mergedInto: 'A × micro+small' }]);
    const warned = stratifiedSample(small, { sampleSize: 7, stratifyBy: ['industry', 'size'], levelOrder, smallStrata: 'warn' }, 1);
    const tiny = warned.strata.find((s) => s.key === 'A × small')!;
    expect(tiny).toMatchObject({ populationSize: 1, sampleSize: 1, census: true, weight: 1 });
    expect(warned.warnings.join(' ')).toMatch(/Stratum A × small has 1 unit\(s\), fewer than the minimum of 2 per stratum: all its units are taken/);
  });

  it('clear messages: oversampling without outcomes, a sample too small for the minimum, bad factor or seed', () => {
    const noOutcomes = { columns: pop.columns };
    expect(() => stratifiedSample(noOutcomes, { ...design, oversampleDefaults: { factor: 3 } }, 1)).toThrow(/Oversampling defaults needs the default indicator/);
    expect(() => stratifiedSample(noOutcomes, { ...design, allocation: 'neyman' }, 1)).toThrow(/Neyman allocation on the default indicator needs the outcomes/);
    expect(() => stratifiedSample(pop, { ...design, sampleSize: 20 }, 1)).toThrow(/cannot give each of the 27 strata its minimum of 2/);
    expect(() => stratifiedSample(pop, { ...design, oversampleDefaults: { factor: 0.5 } }, 1)).toThrow(/between 1 and 1,000,000/);
    expect(() => stratifiedSample(pop, design, Number.NaN)).toThrow(/seed must be a whole number/);
    expect(() => stratifiedSample({ columns: pop.columns, outcomes: [1] }, design, 1)).toThrow(/6000 units but 1 outcomes/);
  });
});
