import { describe, expect, it } from 'vitest';
import { hierarchyReport } from '../../../../src/domain/ahp/hierarchy-report.js';
import { priorityReport } from '../../../../src/domain/ahp/priority-report.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { CRITERIA, defaultCreditHierarchy, INDICATORS } from './default-credit-hierarchy.js';
import { pairsToMatrix, ratioMatrix } from './pairs-to-matrix.js';

// Saaty (2005), Theory and Applications of the ANP: choosing a city, as encoded in AHPy tests/test_ahp.py.
const CITIES: Record<string, Record<string, number>> = {
  Goal: { 'Culture,Housing': 3, 'Culture,Transportation': 5, 'Family,Culture': 5, 'Family,Housing': 7, 'Family,Transportation': 7, 'Housing,Transportation': 3, 'Jobs,Culture': 2, 'Jobs,Housing': 4, 'Jobs,Transportation': 7, 'Family,Jobs': 1 },
  Culture: { 'Bethesda,Pittsburgh': 1, 'Boston,Bethesda': 2, 'Boston,Pittsburgh': 2.5, 'Boston,Santa Fe': 1, 'Pittsburgh,Bethesda': 1, 'Santa Fe,Bethesda': 2, 'Santa Fe,Pittsburgh': 2.5 },
  Family: { 'Bethesda,Boston': 2, 'Bethesda,Santa Fe': 4, 'Boston,Santa Fe': 2, 'Pittsburgh,Bethesda': 3, 'Pittsburgh,Boston': 8, 'Pittsburgh,Santa Fe': 9 },
  Housing: { 'Bethesda,Boston': 5, 'Bethesda,Santa Fe': 2.5, 'Pittsburgh,Bethesda': 2, 'Pittsburgh,Boston': 9, 'Pittsburgh,Santa Fe': 7, 'Santa Fe,Boston': 4 },
  Jobs: { 'Bethesda,Pittsburgh': 3, 'Bethesda,Santa Fe': 4, 'Boston,Bethesda': 2, 'Boston,Pittsburgh': 6, 'Boston,Santa Fe': 8, 'Pittsburgh,Santa Fe': 1 },
  Transportation: { 'Bethesda,Boston': 1.5, 'Bethesda,Santa Fe': 4, 'Boston,Santa Fe': 2.5, 'Pittsburgh,Bethesda': 2, 'Pittsburgh,Boston': 3.5, 'Pittsburgh,Santa Fe': 9 },
};
const node = (id: string, pairs: Record<string, number>) => {
  const { names, matrix } = pairsToMatrix(pairs);
  // AHPy's 'Pittsburgh,Bethesda': 1 duplicates 'Bethesda,Pittsburgh': 1 — both 1, so the matrix is reciprocal.
  return { id, children: names, matrix };
};

describe('hierarchyReport (POST /api/v1/ahp/hierarchy)', () => {
  it('Saaty (2005) cities: global weights Bethesda .2291, Boston .2748, Pittsburgh .3852, Santa Fe .1110 (AHPy test_cities_weights_dd_precision_4)', () => {
    const r = hierarchyReport({ goal: 'Goal', nodes: Object.entries(CITIES).map(([id, p]) => node(id, p)) });
    const expected: Record<string, number> = { Bethesda: 0.2291, Boston: 0.2748, Pittsburgh: 0.3852, 'Santa Fe': 0.111 };
    for (const [city, w] of Object.entries(expected)) expect(r.globalWeights[city]).toBeCloseTo(w, 4);
  });

  it('AHPy test_master_a: a → (b, c), b → (d, e), d → (f, g); leaves under several parents are summed (z .4233, y .3844, x .1922)', () => {
    const ratings = (x: number, y: number, z: number) => ratioMatrix([x, y, z]);
    const r = hierarchyReport({
      goal: 'a',
      nodes: [
        { id: 'a', children: ['b', 'c'], matrix: [[1, 1], [1, 1]] },
        { id: 'b', children: ['d', 'e'], matrix: [[1, 4], [1 / 4, 1]] },
        { id: 'c', children: ['x', 'y', 'z'], matrix: ratings(2, 4, 4) },
        { id: 'd', children: ['f', 'g'], matrix: [[1, 2], [1 / 2, 1]] },
        { id: 'e', children: ['x', 'y', 'z'], matrix: ratings(1, 2, 3) },
        { id: 'f', children: ['x', 'y', 'z'], matrix: ratings(2, 4, 4) },
        { id: 'g', children: ['x', 'y', 'z'], matrix: ratings(1, 2, 3) },
      ],
    });
    expect(r.globalWeights.z).toBeCloseTo(0.4233, 4);
    expect(r.globalWeights.y).toBeCloseTo(0.3844, 4);
    expect(r.globalWeights.x).toBeCloseTo(0.1922, 4);
    expect(r.overallCr).toBeCloseTo(0, 12);
  });

  it('default credit hierarchy: global = criterion weight × local weight; per-node CR; overall CR = Σ g·CI / Σ g·RI', () => {
    const h = defaultCreditHierarchy();
    const r = hierarchyReport(h);
    const top = priorityReport({ matrix: h.nodes[0].matrix });
    let num = top.ci, den = top.ri, total = 0;
    CRITERIA.forEach((c, k) => {
      const local = priorityReport({ matrix: h.nodes[k + 1].matrix });
      INDICATORS[c].forEach((id, i) => expect(r.globalWeights[id]).toBeCloseTo(top.weights[k] * local.weights[i], 14));
      expect(r.cr[c]).toBeCloseTo(local.cr, 14);
      num += top.weights[k] * local.ci; den += top.weights[k] * local.ri;
    });
    for (const w of Object.values(r.globalWeights)) total += w;
    expect(total).toBeCloseTo(1, 12);
    expect(r.overallCr).toBeCloseTo(num / den, 14);
    expect(r.cr.goal).toBeCloseTo(0.0076, 4);
    expect(Object.keys(r.globalWeights)).toHaveLength(26);
  });

  it.each([
    ['unknown-goal', { goal: 'X', nodes: [{ id: 'G', children: ['a'], matrix: [[1]] }] }],
    ['duplicate-node', { goal: 'G', nodes: [{ id: 'G', children: ['a'], matrix: [[1]] }, { id: 'G', children: ['b'], matrix: [[1]] }] }],
    ['cycle', { goal: 'G', nodes: [{ id: 'G', children: ['A'], matrix: [[1]] }, { id: 'A', children: ['G'], matrix: [[1]] }] }],
    ['unreachable-node', { goal: 'G', nodes: [{ id: 'G', children: ['a'], matrix: [[1]] }, { id: 'Z', children: ['b'], matrix: [[1]] }] }],
    ['size-mismatch', { goal: 'G', nodes: [{ id: 'G', children: ['a', 'b'], matrix: [[1]] }] }],
    ['duplicate-child', { goal: 'G', nodes: [{ id: 'G', children: ['a', 'a'], matrix: [[1, 1], [1, 1]] }] }],
    ['no-children', { goal: 'G', nodes: [{ id: 'G', children: [], matrix: [[1]] }] }],
  ])('rejects %s with a DomainError naming the node', (code, input) => {
    try { hierarchyReport(input); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(code);
    }
  });

  it('errors inside a node matrix carry the node id', () => {
    try {
      hierarchyReport({ goal: 'G', nodes: [{ id: 'G', children: ['a', 'b'], matrix: [[1, 2], [3, 1]] }] });
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).details).toMatchObject({ node: 'G', row: 1, col: 0 });
    }
  });
});
