import { describe, expect, it } from 'vitest';
import { blendWeights } from '../../../../src/domain/credit/blend-weights.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: issue 6 item 3a, w = θ·new + (1 − θ)·old, computed by hand.
describe('blendWeights (issue 6: w = θ·new + (1 − θ)·old)', () => {
  it('θ = 0.3 on arrays: [.5,.3,.2] and [.2,.2,.6] → [.29,.23,.48]', () => {
    const w = blendWeights([0.5, 0.3, 0.2], [0.2, 0.2, 0.6], 0.3);
    [0.29, 0.23, 0.48].forEach((x, i) => expect(w[i]).toBeCloseTo(x, 14));
  });

  it('θ = 1 keeps the new weights, θ = 0 the old ones', () => {
    expect(blendWeights([0.5, 0.5], [0.1, 0.9], 1)).toEqual([0.5, 0.5]);
    expect(blendWeights([0.5, 0.5], [0.1, 0.9], 0)).toEqual([0.1, 0.9]);
  });

  it('works on records keyed by node id regardless of key order, and renormalises', () => {
    const w = blendWeights({ C1: 0.6, C2: 0.4 }, { C2: 0.5, C1: 0.5 }, 0.5);
    expect(w.C1).toBeCloseTo(0.55, 14);
    expect(w.C2).toBeCloseTo(0.45, 14);
    const r = blendWeights({ a: 2, b: 2 }, { a: 1, b: 3 }, 0.5); // unnormalised inputs: (1.5, 2.5)/4
    expect(r).toEqual({ a: 0.375, b: 0.625 });
  });

  it('rejects θ outside [0, 1], mismatched nodes, negative weights', () => {
    expect(() => blendWeights([1], [1], 1.5)).toThrow(DomainError);
    expect(() => blendWeights([0.5, 0.5], [1], 0.5)).toThrow(/same nodes/);
    expect(() => blendWeights({ a: 1 }, { b: 1 }, 0.5)).toThrow(DomainError);
    expect(() => blendWeights([-0.5, 1.5], [0.5, 0.5], 0.5)).toThrow(/≥ 0/);
  });
});
