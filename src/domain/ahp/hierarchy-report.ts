import { DomainError } from '../domain-error.js';
import type { CompletionMethod, IncompleteMatrix, PriorityMethod } from './ahp-types.js';
import { compileHierarchy } from './compile-hierarchy.js';
import { assertCompletionMethod, completePairwiseData } from './complete-matrix.js';
import { assertPriorityMethod, prioritiesOf } from './compute-priorities.js';
import { assertRiTableName, type RiTableName } from './random-index.js';
import { hierarchicalConsistencyRatio, synthesiseOf } from './synthesise-hierarchy.js';
import { parsePairwiseMatrix } from './validate-pairwise-matrix.js';

export interface HierarchyReportNode {
  readonly id: string;
  readonly children: string[];
  /** Pairwise matrix of the children, in the order listed (`null` = missing judgment). */
  readonly matrix: IncompleteMatrix;
}

export interface HierarchyReportInput {
  readonly goal: string;
  readonly nodes: HierarchyReportNode[];
  readonly method?: PriorityMethod;
  readonly riTable?: RiTableName;
  readonly completion?: CompletionMethod;
}

/** JSON body of `POST /api/v1/ahp/hierarchy`. */
export interface HierarchyReport {
  /** Local weights of each node's children, in the order listed. */
  readonly localWeights: Record<string, number[]>;
  /** Global weight of each leaf (product along each path, summed over parents); Σ = 1. */
  readonly globalWeights: Record<string, number>;
  /** CR of each node's matrix. */
  readonly cr: Record<string, number>;
  /** Saaty's hierarchic CR: Σ g·CI / Σ g·RI over nodes (g = node global weight); see hierarchicalConsistencyRatio. */
  readonly overallCr: number;
}

/**
 * Priorities of a whole hierarchy from one pairwise matrix per node: local weights per node (missing judgments
 * completed), global leaf weights by hierarchic composition, per-node CR and the overall (hierarchic) CR.
 * Validates structure (unknown goal, duplicate ids, cycles, nodes not under the goal — compileHierarchy) and
 * that each matrix has as many rows as the node has children; errors name the node (`details.node`).
 */
export function hierarchyReport(input: HierarchyReportInput): HierarchyReport {
  if (typeof input !== 'object' || input === null) throw new DomainError('bad-input', 'The request must be an object with "goal" and "nodes".');
  const method = input.method ?? 'eigenvector', riTable = input.riTable ?? 'saaty', completion = input.completion ?? 'optimal';
  assertPriorityMethod(method);
  assertRiTableName(riTable);
  assertCompletionMethod(completion);
  const h = compileHierarchy(input.goal, input.nodes);
  const local: Float64Array[] = [], ci: number[] = [], ri: number[] = [];
  const localWeights: Record<string, number[]> = {}, cr: Record<string, number> = {};
  h.inputIndex.forEach((k) => {
    const node = input.nodes[k];
    const data = parsePairwiseMatrix(node.matrix, { node: node.id });
    if (data.n !== node.children.length) {
      throw new DomainError('size-mismatch',
        `Node "${node.id}" has ${node.children.length} children but a ${data.n} × ${data.n} matrix.`,
        { node: node.id, expected: node.children.length, actual: data.n });
    }
    const p = prioritiesOf(data.n, completePairwiseData(data, completion, { node: node.id }), method, riTable);
    local.push(p.weights); ci.push(p.ci); ri.push(p.ri);
    localWeights[node.id] = Array.from(p.weights);
    cr[node.id] = p.cr;
  });
  const nodeGlobal = new Float64Array(h.nodeIds.length), leafGlobal = new Float64Array(h.leafIds.length);
  synthesiseOf(h, local, nodeGlobal, leafGlobal);
  const globalWeights: Record<string, number> = {};
  h.leafIds.forEach((id, l) => { globalWeights[id] = leafGlobal[l]; });
  return { localWeights, globalWeights, cr, overallCr: hierarchicalConsistencyRatio(nodeGlobal, ci, ri) };
}
