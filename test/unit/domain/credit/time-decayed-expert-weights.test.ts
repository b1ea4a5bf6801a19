import { describe, expect, it } from 'vitest';
import { timeDecayedExpertWeights } from '../../../../src/domain/credit/time-decayed-expert-weights.js';

// Oracle: the definition λ_{r,k} = λ^age_r / Σ λ^age_s · w_{r,k} / Σ_j w_{r,j}, evaluated by hand.
describe('timeDecayedExpertWeights (λ per period of age, per-round normalisation)', () => {
  it('λ = 0.5, current round (2 equal experts) and one a period older (1 expert): 1/3 each', () => {
    const w = timeDecayedExpertWeights([
      { round: 'R2', age: 0, experts: [{ expert: 'a', weight: 1 }, { expert: 'b', weight: 1 }] },
      { round: 'R1', age: 1, experts: [{ expert: 'c', weight: 5 }] },
    ], 0.5);
    // round factors 1 and 0.5 → 2/3 and 1/3; within R2 halves → 1/3, 1/3; R1 → 1/3
    expect(w.map((x) => x.weight)).toEqual([expect.closeTo(1 / 3, 14), expect.closeTo(1 / 3, 14), expect.closeTo(1 / 3, 14)]);
  });

  it('λ = 0.8 over ages 0, 1, 2 gives round shares 1 : .8 : .64 (÷ 2.44), experts weighted within rounds', () => {
    const w = timeDecayedExpertWeights([
      { round: 'R3', age: 0, experts: [{ expert: 'a', weight: 3 }, { expert: 'b', weight: 1 }] },
      { round: 'R2', age: 1, experts: [{ expert: 'a', weight: 1 }] },
      { round: 'R1', age: 2, experts: [{ expert: 'c', weight: 1 }] },
    ], 0.8);
    expect(w[0].weight).toBeCloseTo((1 / 2.44) * 0.75, 14);
    expect(w[1].weight).toBeCloseTo((1 / 2.44) * 0.25, 14);
    expect(w[2].weight).toBeCloseTo(0.8 / 2.44, 14);
    expect(w[3].weight).toBeCloseTo(0.64 / 2.44, 14);
    expect(w.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 14);
  });

  it('λ = 1 weights rounds equally; ages shifted together change nothing', () => {
    const a = timeDecayedExpertWeights([{ round: 'x', age: 3, experts: [{ expert: 'e', weight: 1 }] }, { round: 'y', age: 5, experts: [{ expert: 'f', weight: 1 }] }], 1);
    expect(a.map((x) => x.weight)).toEqual([0.5, 0.5]);
    const b = timeDecayedExpertWeights([{ round: 'x', age: 300, experts: [{ expert: 'e', weight: 1 }] }, { round: 'y', age: 301, experts: [{ expert: 'f', weight: 1 }] }], 0.5);
    expect(b[0].weight).toBeCloseTo(2 / 3, 14); // no underflow at large ages
  });

  it('rejects λ outside (0, 1], negative ages, rounds without weight', () => {
    expect(() => timeDecayedExpertWeights([{ round: 'x', age: 0, experts: [{ expert: 'e', weight: 1 }] }], 0)).toThrow(/λ/);
    expect(() => timeDecayedExpertWeights([{ round: 'x', age: 0, experts: [{ expert: 'e', weight: 1 }] }], 1.2)).toThrow(/λ/);
    expect(() => timeDecayedExpertWeights([{ round: 'x', age: -1, experts: [{ expert: 'e', weight: 1 }] }], 0.5)).toThrow(/age/);
    expect(() => timeDecayedExpertWeights([{ round: 'x', age: 0, experts: [{ expert: 'e', weight: 0 }] }], 0.5)).toThrow(/positive weight/);
  });
});
