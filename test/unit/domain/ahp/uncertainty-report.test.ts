import { describe, expect, it } from 'vitest';
import { monteCarloWeights } from '../../../../src/domain/ahp/monte-carlo-weights.js';
import { perturbJudgment } from '../../../../src/domain/ahp/perturb-judgment.js';
import { uncertaintyReport } from '../../../../src/domain/ahp/uncertainty-report.js';
import { hierarchyReport } from '../../../../src/domain/ahp/hierarchy-report.js';
import { priorityReport } from '../../../../src/domain/ahp/priority-report.js';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { CRITERIA_MATRIX, defaultCreditHierarchy } from './default-credit-hierarchy.js';

function histogram(a: number, n = 30_000): Map<string, number> {
  const rng = seededRandom(11), h = new Map<string, number>();
  for (let k = 0; k < n; k++) { const key = perturbJudgment(a, 0.5, rng).toFixed(6); h.set(key, (h.get(key) ?? 0) + 1 / n); }
  return h;
}

describe('perturbJudgment (AHP-OS AhpGroup::generateRandPwc, d = 0.5)', () => {
  it('moves the intensity by −0.5, 0, +0.5 with probability 1/3 each; 1 − 0.5 is reflected to 1.5 the other way', () => {
    const h = histogram(1);
    expect([...h.keys()].sort()).toEqual(['0.666667', '1.000000', '1.500000']);
    for (const p of h.values()) expect(p).toBeCloseTo(1 / 3, 1);
    expect([...histogram(1 / 4).keys()].sort()).toEqual(['0.222222', '0.250000', '0.285714']);
  });

  it('caps at 9.5 (9 → 8.5, 9, 9.5)', () => {
    expect([...histogram(9).keys()].sort()).toEqual(['8.500000', '9.000000', '9.500000']);
  });
});

describe('uncertaintyReport (POST /api/v1/ahp/uncertainty)', () => {
  it('n = 2 closed form: a = 3 varies over 2.5, 3, 3.5, so mean w1 = (2.5/3.5 + 3/4 + 3.5/4.5)/3', () => {
    const r = uncertaintyReport({ matrix: [[1, 3], [1 / 3, 1]], draws: 30_000, seed: 3 });
    const exact = (2.5 / 3.5 + 3 / 4 + 3.5 / 4.5) / 3;
    expect(r.accepted).toBe(30_000);
    expect(r.elements[0].weight).toBeCloseTo(0.75, 12);
    expect(r.elements[0].mean).toBeCloseTo(exact, 3);
    expect(r.elements[0].p2_5).toBeCloseTo(2.5 / 3.5, 12);
    expect(r.elements[0].p97_5).toBeCloseTo(3.5 / 4.5, 12);
    expect(r.elements[0].rankReversalProbability).toBe(0);
  });

  it('is reproducible for a seed and reports it; another seed gives other draws', () => {
    const a = uncertaintyReport({ matrix: CRITERIA_MATRIX, draws: 500, seed: 42 });
    expect(uncertaintyReport({ matrix: CRITERIA_MATRIX, draws: 500, seed: 42 })).toEqual(a);
    expect(uncertaintyReport({ matrix: CRITERIA_MATRIX, draws: 500, seed: 43 }).elements[0].mean).not.toBe(a.elements[0].mean);
    expect(a.seed).toBe(42);
    expect(a.draws).toBe(500);
    for (const e of a.elements) {
      expect(e.p2_5).toBeLessThanOrEqual(e.mean);
      expect(e.mean).toBeLessThanOrEqual(e.p97_5);
      expect(e.sd).toBeGreaterThan(0);
    }
  });

  it('variation 0 reproduces the base weights exactly with no rank reversal', () => {
    const r = uncertaintyReport({ matrix: CRITERIA_MATRIX, draws: 50, variation: 0 });
    for (const e of r.elements) {
      expect(e.mean).toBeCloseTo(e.weight, 12);
      expect(e.sd).toBeCloseTo(0, 12);
      expect(e.rankReversalProbability).toBe(0);
    }
  });

  it('tied elements swapping places is not a rank reversal; a clear last place never reverses', () => {
    const r = uncertaintyReport({ matrix: [[1, 1, 9], [1, 1, 9], [1 / 9, 1 / 9, 1]], draws: 2000 });
    expect(r.elements.map((e) => e.rankReversalProbability)).toEqual([0, 0, 0]);
  });

  it('discards draws above crLimit and fails clearly when none is left', () => {
    const r = uncertaintyReport({ matrix: CRITERIA_MATRIX, draws: 2000, crLimit: 0.02 });
    expect(r.accepted).toBeGreaterThan(0);
    expect(r.accepted).toBeLessThan(2000);
    expect(() => uncertaintyReport({ matrix: [[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]], draws: 100 })).toThrow(/crLimit/);
  });

  it('incomplete matrix: missing judgments are completed again in every draw; base = optimal-completion weights', () => {
    const m = [[1, 1, 5, 2], [1, 1, 3, 4], [1 / 5, 1 / 3, 1, null], [1 / 2, 1 / 4, null, 1]];
    const r = uncertaintyReport({ matrix: m, draws: 300, seed: 9 });
    const base = priorityReport({ matrix: m }).weights;
    r.elements.forEach((e, i) => expect(e.weight).toBeCloseTo(base[i], 12));
    expect(r.elements.reduce((s, e) => s + e.mean, 0)).toBeCloseTo(1, 12);
    expect(r.accepted).toBeGreaterThan(0);
  });

  it('validates options', () => {
    for (const bad of [{ draws: 0 }, { draws: 1.5 }, { draws: 1e6 }, { seed: 0.5 }, { crLimit: 0 }, { variation: -1 }]) {
      expect(() => uncertaintyReport({ matrix: CRITERIA_MATRIX, ...bad })).toThrow(DomainError);
    }
  });
});

describe('monteCarloWeights (hierarchy)', () => {
  it('default credit hierarchy: 26 leaves, base = hierarchyReport global weights, means sum to 1 and stay near the base', () => {
    const h = defaultCreditHierarchy();
    const r = monteCarloWeights({ ...h, draws: 2000, seed: 5 });
    const base = hierarchyReport(h).globalWeights;
    expect(r.leaves).toHaveLength(26);
    expect(r.leaves.reduce((s, l) => s + l.mean, 0)).toBeCloseTo(1, 12);
    for (const l of r.leaves) {
      expect(l.weight).toBeCloseTo(base[l.id], 14);
      expect(Math.abs(l.mean - l.weight)).toBeLessThan(3 * l.sd + 1e-3);
    }
  });
});
