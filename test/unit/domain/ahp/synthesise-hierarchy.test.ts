import { describe, expect, it } from 'vitest';
import { synthesiseHierarchy } from '../../../../src/domain/ahp/synthesise-hierarchy.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

describe('synthesiseHierarchy', () => {
  it('multiplies along paths and sums a leaf shared by several parents (hand computation)', () => {
    const r = synthesiseHierarchy({
      goal: 'G',
      nodes: [
        { id: 'G', children: ['A', 'B'], weights: [0.6, 0.4], ci: 0, ri: 0 },
        { id: 'A', children: ['x', 'y', 'z'], weights: [0.5, 0.3, 0.2], ci: 0.02, ri: 0.58 },
        { id: 'B', children: ['y', 'z'], weights: [0.25, 0.75] },
      ],
    });
    expect(r.globalWeights.x).toBeCloseTo(0.3, 15);
    expect(r.globalWeights.y).toBeCloseTo(0.6 * 0.3 + 0.4 * 0.25, 15);
    expect(r.globalWeights.z).toBeCloseTo(0.6 * 0.2 + 0.4 * 0.75, 15);
    expect(r.nodeGlobalWeights).toEqual({ G: 1, A: 0.6, B: 0.4 });
    // Σ g·CI / Σ g·RI over the nodes that carry ci/ri: (0.6·0.02)/(0.6·0.58)
    expect(r.overallCr).toBeCloseTo(0.02 / 0.58, 15);
  });

  it('a node reached through two parents passes on the sum of its global weights', () => {
    const r = synthesiseHierarchy({
      goal: 'G',
      nodes: [
        { id: 'G', children: ['A', 'B'], weights: [0.5, 0.5] },
        { id: 'A', children: ['S', 'p'], weights: [0.5, 0.5] },
        { id: 'B', children: ['S', 'q'], weights: [0.2, 0.8] },
        { id: 'S', children: ['s1', 's2'], weights: [0.5, 0.5] },
      ],
    });
    expect(r.nodeGlobalWeights.S).toBeCloseTo(0.35, 15);
    expect(r.globalWeights.s1).toBeCloseTo(0.175, 15);
    expect(r.overallCr).toBeNull();
  });

  it('rejects weights that do not match the children or do not sum to 1', () => {
    expect(() => synthesiseHierarchy({ goal: 'G', nodes: [{ id: 'G', children: ['a', 'b'], weights: [1] }] })).toThrow(DomainError);
    expect(() => synthesiseHierarchy({ goal: 'G', nodes: [{ id: 'G', children: ['a', 'b'], weights: [0.5, 0.6] }] })).toThrow(/sum to 1/);
    expect(() => synthesiseHierarchy({ goal: 'G', nodes: [{ id: 'G', children: ['a'], weights: [1], ci: -1, ri: 1 }] })).toThrow(DomainError);
  });
});
