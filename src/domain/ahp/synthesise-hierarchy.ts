import { DomainError } from '../domain-error.js';
import { compileHierarchy, type CompiledHierarchy, type HierarchyNodeInput } from './compile-hierarchy.js';

/**
 * Distributive synthesis on a compiled hierarchy (allocation-free): g(goal) = 1; for each node in topological
 * order and each child c with local weight w_c, g(c) += g(node)·w_c. A leaf (or node) under several parents
 * gets the sum of its contributions. Writes node global weights (by topological position) and leaf global
 * weights. Source: Saaty (1980) ch. 3, principle of hierarchic composition.
 */
export function synthesiseOf(h: CompiledHierarchy, local: readonly ArrayLike<number>[], nodeGlobal: Float64Array, leafGlobal: Float64Array): void {
  nodeGlobal.fill(0); leafGlobal.fill(0);
  nodeGlobal[0] = 1;
  for (let p = 0; p < h.children.length; p++) {
    const g = nodeGlobal[p], kids = h.children[p], w = local[p];
    for (let c = 0; c < kids.length; c++) {
      const k = kids[c];
      if (k >= 0) nodeGlobal[k] += g * w[c];
      else leafGlobal[-k - 1] += g * w[c];
    }
  }
}

/**
 * Saaty's consistency ratio of a whole hierarchy: CR_H = Σ_nodes g(node)·CI(node) / Σ_nodes g(node)·RI(node),
 * g = the node's global weight (1 for the goal) — each matrix's inconsistency weighted by the importance of the
 * element whose children it compares (Saaty 1980, The Analytic Hierarchy Process, ch. 3, consistency of a hierarchy M/M̄). 0 when every matrix has
 * n ≤ 2 (Σ g·RI = 0).
 */
export function hierarchicalConsistencyRatio(nodeGlobal: ArrayLike<number>, ci: ArrayLike<number>, ri: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let k = 0; k < nodeGlobal.length; k++) { num += nodeGlobal[k] * ci[k]; den += nodeGlobal[k] * ri[k]; }
  return den > 0 ? num / den : 0;
}

/** A node with its local weights (one per child, Σ = 1) and optionally the CI and RI of its matrix. */
export interface SynthesisNodeInput extends HierarchyNodeInput {
  readonly weights: readonly number[];
  readonly ci?: number;
  readonly ri?: number;
}

export interface SynthesisResult {
  /** Global weight of each leaf (Σ = 1), keyed by leaf id in order of first appearance. */
  readonly globalWeights: Record<string, number>;
  /** Global weight of each node (goal = 1). */
  readonly nodeGlobalWeights: Record<string, number>;
  /** Hierarchic CR over the nodes that carry ci and ri (see hierarchicalConsistencyRatio); null if none do. */
  readonly overallCr: number | null;
}

/**
 * Local → global weights: the product of local weights along each path from the goal, summed over paths for
 * an element under several parents; plus the hierarchic CR. Validates the structure (compileHierarchy), that
 * each node has one positive weight per child summing to 1 (±1e-6), and non-negative finite ci/ri.
 */
export function synthesiseHierarchy(input: { readonly goal: string; readonly nodes: readonly SynthesisNodeInput[] }): SynthesisResult {
  const h = compileHierarchy(input?.goal, input?.nodes);
  const local: number[][] = [], ci: number[] = [], ri: number[] = [];
  let withConsistency = 0;
  h.inputIndex.forEach((k) => {
    const node = input.nodes[k];
    const w = node.weights;
    if (!Array.isArray(w) || w.length !== node.children.length) {
      throw new DomainError('size-mismatch', `Node "${node.id}" needs one weight per child (${node.children.length}).`, { node: node.id });
    }
    let total = 0;
    for (const x of w) {
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        throw new DomainError('bad-weights', `The weights of node "${node.id}" must be non-negative numbers.`, { node: node.id });
      }
      total += x;
    }
    if (Math.abs(total - 1) > 1e-6) {
      throw new DomainError('bad-weights', `The weights of node "${node.id}" must sum to 1, got ${total}.`, { node: node.id, sum: total });
    }
    local.push(w as number[]);
    const hasCi = node.ci !== undefined || node.ri !== undefined;
    if (hasCi) {
      for (const [name, v] of [['ci', node.ci], ['ri', node.ri]] as const) {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          throw new DomainError('bad-consistency', `Node "${node.id}" needs a non-negative ${name} when either ci or ri is given.`, { node: node.id });
        }
      }
      withConsistency++;
    }
    ci.push(hasCi ? node.ci! : 0); ri.push(hasCi ? node.ri! : 0);
  });
  const nodeGlobal = new Float64Array(h.nodeIds.length), leafGlobal = new Float64Array(h.leafIds.length);
  synthesiseOf(h, local, nodeGlobal, leafGlobal);
  const globalWeights: Record<string, number> = {}, nodeGlobalWeights: Record<string, number> = {};
  h.leafIds.forEach((id, l) => { globalWeights[id] = leafGlobal[l]; });
  h.nodeIds.forEach((id, k) => { nodeGlobalWeights[id] = nodeGlobal[k]; });
  return { globalWeights, nodeGlobalWeights, overallCr: withConsistency ? hierarchicalConsistencyRatio(nodeGlobal, ci, ri) : null };
}
