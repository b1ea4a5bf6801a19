import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { computeWeightSet, type WeightSetExpertInput, type WeightSetSettings } from '../../../../src/features/rounds/compute-weight-set.js';
import type { CanonicalJudgment } from '../../../../src/features/rounds/judgment-input.js';
import { buildTree, type HierarchyNode, type TreeNode } from '../../../../src/features/studies/hierarchy-tree.js';
import { ValidationError } from '../../../../src/web/http-errors.js';

const settings: WeightSetSettings = { mode: 'aij', method: 'eigenvector', riTable: 'saaty', completion: 'optimal', crThreshold: 0.1, seed: 1, draws: 200 };

/** The default hierarchy with ids: goal 1, criteria 2…8, indicators from 9 on (in the order of credit-default-model.md). */
function defaultTree(): TreeNode {
  const rows: HierarchyNode[] = [{ id: 1, parentId: null, code: 'GOAL', names: { en: 'goal', zh: '' }, descriptions: { en: '', zh: '' }, position: 0 }];
  let id = 8;
  DEFAULT_INDEX_SYSTEM.criteria.forEach((c, i) => {
    rows.push({ id: 2 + i, parentId: 1, code: c.id, names: { en: c.names.en, zh: c.names.zh }, descriptions: { en: '', zh: '' }, position: i });
    DEFAULT_INDEX_SYSTEM.indicators.filter((x) => x.criterion === c.id).forEach((x, k) => {
      rows.push({ id: ++id, parentId: 2 + i, code: x.id, names: { en: x.names.en, zh: '' }, descriptions: { en: '', zh: '' }, position: k });
    });
  });
  return buildTree(rows) as TreeNode;
}

/** One expert who answers exactly the demo matrices of credit-default-model.md. */
function demoExpert(root: TreeNode, id = 1, weight = 1): WeightSetExpertInput {
  const judgments: CanonicalJudgment[] = [];
  const visit = (node: TreeNode) => {
    if (node.children.length >= 2) {
      const m = node.code === 'GOAL' ? DEFAULT_INDEX_SYSTEM.criteriaMatrix : (DEFAULT_INDEX_SYSTEM.localMatrices[node.code] as number[][]);
      node.children.forEach((a, i) => node.children.slice(i + 1).forEach((b, k) => judgments.push({ parentId: node.id, leftId: a.id, rightId: b.id, value: (m[i] as number[])[i + 1 + k] as number })));
    }
    node.children.forEach(visit);
  };
  visit(root);
  return { id, name: `expert ${id}`, weight, judgments };
}

/** goal 1 → A 2, B 3 (one block of two). */
const pairTree = buildTree([
  { id: 1, parentId: null, code: 'G', names: { en: 'G', zh: '' }, descriptions: { en: '', zh: '' }, position: 0 },
  { id: 2, parentId: 1, code: 'A', names: { en: 'A', zh: '' }, descriptions: { en: '', zh: '' }, position: 0 },
  { id: 3, parentId: 1, code: 'B', names: { en: 'B', zh: '' }, descriptions: { en: '', zh: '' }, position: 1 },
]) as TreeNode;
const says = (id: number, value: number | null, weight = 1): WeightSetExpertInput => ({ id, name: `e${id}`, weight, judgments: [{ parentId: 1, leftId: 2, rightId: 3, value }] });

describe('computeWeightSet', () => {
  it('reproduces the published demo weights for one expert answering the demo matrices (credit-default-model.md)', () => {
    const root = defaultTree();
    const r = computeWeightSet(root, [demoExpert(root)], settings);
    const goal = r.nodes['1'];
    [0.1174, 0.2143, 0.2032, 0.1063, 0.2143, 0.0661, 0.0785].forEach((w, i) => expect(goal?.localWeights[i]).toBeCloseTo(w, 4));
    expect(goal?.cr).toBeCloseTo(0.0076, 4);
    // C7 = [[1, 2], [1/2, 1]] → (2/3, 1/3); I71's global weight = .0785 × 2/3 (hand-computed from the published figures).
    const c7 = r.nodes['8'];
    expect(c7?.localWeights[0]).toBeCloseTo(2 / 3, 12);
    const i71 = c7?.children[0] as number;
    expect(r.globalWeights[String(i71)]).toBeCloseTo(0.0785 * (2 / 3), 4);
    expect(Object.values(r.globalWeights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(Object.keys(r.globalWeights)).toHaveLength(26);
    expect(r.nodes['1']?.consensus).toBeNull(); // one expert: no consensus indicator
    for (const [leaf, w] of Object.entries(r.globalWeights)) expect(r.experts[0]?.globalWeights?.[leaf]).toBeCloseTo(w, 12);
  });

  it('aggregates by the weighted geometric mean of judgments (AIJ): 2 and 8 → 4, weights 3:1 → 2^1.5 (by hand)', () => {
    const equal = computeWeightSet(pairTree, [says(1, 2), says(2, 8)], settings);
    expect(equal.nodes['1']?.groupMatrix[0]?.[1]).toBeCloseTo(4, 12);
    expect(equal.nodes['1']?.localWeights).toEqual([expect.closeTo(0.8, 12), expect.closeTo(0.2, 12)]);
    // Geometric SD with the k − 1 divisor (AHP-OS): exp(√(2·(ln 2)²)) = 2^√2.
    expect(equal.nodes['1']?.dispersion[0]?.[1]).toBeCloseTo(2 ** Math.SQRT2, 10);
    const weighted = computeWeightSet(pairTree, [says(1, 2, 3), says(2, 8, 1)], settings);
    const g = 2 ** 1.5;
    expect(weighted.nodes['1']?.localWeights[0]).toBeCloseTo(g / (g + 1), 12);
  });

  it('offers AIP by arithmetic and geometric means of the experts’ priorities (Forman & Peniwati 1998; by hand)', () => {
    const arithmetic = computeWeightSet(pairTree, [says(1, 2), says(2, 8)], { ...settings, mode: 'aip-arithmetic' });
    expect(arithmetic.nodes['1']?.localWeights[0]).toBeCloseTo((2 / 3 + 8 / 9) / 2, 12);
    expect(arithmetic.nodes['1']?.cr).toBeNull();
    expect(arithmetic.overallCr).toBeNull();
    const geometric = computeWeightSet(pairTree, [says(1, 2), says(2, 8)], { ...settings, mode: 'aip-geometric' });
    expect(geometric.nodes['1']?.localWeights[0]).toBeCloseTo(0.8, 12); // √(2/3·8/9) : √(1/3·1/9) = 4 : 1
  });

  it('uses only the experts who answered a pair ("no opinion" leaves the pair to the others)', () => {
    const r = computeWeightSet(pairTree, [says(1, 3), says(2, null)], settings);
    expect(r.nodes['1']?.groupMatrix[0]?.[1]).toBeCloseTo(3, 12);
    expect(r.nodes['1']?.answered[0]?.[1]).toBe(1);
    expect(r.experts[1]?.globalWeights).toBeNull();
  });

  it('refuses a block nobody answered, naming it', () => {
    try {
      computeWeightSet(pairTree, [says(1, null)], settings);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).message).toBe('weightSets.blockFailed');
      expect((err as ValidationError).params).toMatchObject({ node: 'G' });
    }
  });

  it('is reproducible: the same inputs and seed give the same results, Monte Carlo included', () => {
    const root = defaultTree();
    const experts = [demoExpert(root, 1), { ...demoExpert(root, 2), judgments: demoExpert(root, 2).judgments.map((j, k) => (k % 5 === 0 && j.value !== null ? { ...j, value: j.value >= 1 ? Math.min(9, j.value + 1) : j.value } : j)) }];
    const a = computeWeightSet(root, experts, settings);
    const b = computeWeightSet(root, experts, settings);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect('leaves' in a.monteCarlo && a.monteCarlo.leaves).toHaveLength(26);
    expect(a.sensitivity).toHaveLength(7);
  });
});
