import { describe, expect, it } from 'vitest';
import { aggregateJudgments } from '../../../../src/domain/ahp/aggregate-judgments.js';
import { aggregatePriorities } from '../../../../src/domain/ahp/aggregate-priorities.js';
import { aggregateReport } from '../../../../src/domain/ahp/aggregate-report.js';
import { consensusIndicator } from '../../../../src/domain/ahp/consensus-indicator.js';
import { priorityReport } from '../../../../src/domain/ahp/priority-report.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { ratioMatrix } from './pairs-to-matrix.js';

const E1 = [[1, 2, 3], [1 / 2, 1, 2], [1 / 3, 1 / 2, 1]];
const E2 = [[1, 4, 5], [1 / 4, 1, 3], [1 / 5, 1 / 3, 1]];
const E3 = [[1, 1 / 2, 2], [2, 1, 4], [1 / 2, 1 / 4, 1]];

describe('aggregateReport (POST /api/v1/ahp/aggregate)', () => {
  it('AIJ: group weights are the priorities of the weighted geometric-mean matrix; individual results per expert', () => {
    const r = aggregateReport({ matrices: [E1, E2, E3], expertWeights: [1, 2, 1] });
    const group = aggregateJudgments([E1, E2, E3], [1, 2, 1]).matrix;
    const direct = priorityReport({ matrix: group });
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(direct.weights[i], 12));
    expect(r.cr).toBeCloseTo(direct.cr, 12);
    expect(r.matrix).toEqual(group);
    expect(r.individual.map((x) => x.weights![0])).toEqual([E1, E2, E3].map((m) => priorityReport({ matrix: m }).weights[0]));
    // S* with the same expert weights over the individual priority vectors
    const s = consensusIndicator(r.individual.map((x) => x.weights!), { expertWeights: [1, 2, 1] });
    expect(r.consensus).toEqual({ sStar: s.sStar, band: s.band });
    expect(r.dispersion?.[0][1]).toBeGreaterThan(1);
  });

  it('AIP geometric and arithmetic aggregate the individual priority vectors; no group matrix, cr null', () => {
    const ind = [E1, E2, E3].map((m) => priorityReport({ matrix: m }).weights);
    const g = aggregateReport({ matrices: [E1, E2, E3], mode: 'aip-geometric', expertWeights: [3, 1, 1] });
    const a = aggregateReport({ matrices: [E1, E2, E3], mode: 'aip-arithmetic', expertWeights: [3, 1, 1] });
    expect(g.weights).toEqual(aggregatePriorities(ind, [3 / 5, 1 / 5, 1 / 5], 'geometric'));
    a.weights.forEach((w, i) => expect(w).toBeCloseTo(aggregatePriorities(ind, [3, 1, 1], 'arithmetic')[i], 12));
    expect(g.matrix).toBeUndefined();
    expect(g.cr).toBeNull();
  });

  it('identical experts: consensus 1 ("very high") and the group equals the individual', () => {
    const m = ratioMatrix([4, 2, 1]);
    const r = aggregateReport({ matrices: [m, m, m, m] });
    expect(r.consensus.sStar).toBeCloseTo(1, 12);
    expect(r.consensus.band).toBe('very high');
    r.weights.forEach((w, i) => expect(w).toBeCloseTo([4 / 7, 2 / 7, 1 / 7][i], 10));
  });

  it('an expert whose own judgments leave an element unlinked gets null results and is left out of S*; AIJ still works', () => {
    const partial = [[1, 2, null], [1 / 2, 1, null], [null, null, 1]];
    const r = aggregateReport({ matrices: [E1, E2, partial] });
    expect(r.individual[2]).toEqual({ weights: null, cr: null });
    expect(r.consensus.sStar).toBeCloseTo(consensusIndicator([r.individual[0].weights!, r.individual[1].weights!]).sStar, 12);
    expect(() => aggregateReport({ matrices: [E1, partial], mode: 'aip-geometric' })).toThrow(/Expert 2/);
  });

  it('a single expert has no consensus (null); a group matrix with an unlinked element is an error', () => {
    expect(aggregateReport({ matrices: [E1] }).consensus).toEqual({ sStar: null, band: null });
    const a = [[1, 2, null], [1 / 2, 1, null], [null, null, 1]];
    expect(() => aggregateReport({ matrices: [a, a] })).toThrow(DomainError);
  });

  it('validates mode, options and matrices', () => {
    expect(() => aggregateReport({ matrices: [E1], mode: 'mean' as never })).toThrow(DomainError);
    expect(() => aggregateReport({ matrices: [E1, E2], scaleMax: 0 })).toThrow(DomainError);
    expect(() => aggregateReport({ matrices: [E1, [[1]]] })).toThrow(DomainError);
    expect(() => aggregateReport({ matrices: [E1, E2], expertWeights: [1, -1] })).toThrow(DomainError);
  });
});
