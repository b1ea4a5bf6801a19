import type { AggregationMode } from '../../domain/ahp/aggregate-report.js';
import { aggregateReport } from '../../domain/ahp/aggregate-report.js';
import type { PriorityMethod } from '../../domain/ahp/ahp-types.js';
import type { ConsensusBand } from '../../domain/ahp/consensus-indicator.js';
import { DomainError } from '../../domain/domain-error.js';
import { matrixFromJudgments, type Judgment } from '../../domain/ahp/matrix-from-judgments.js';
import { monteCarloWeights } from '../../domain/ahp/monte-carlo-weights.js';
import { randomIndex, type RiTableName } from '../../domain/ahp/random-index.js';
import { sensitivity, type SensitivityEntry } from '../../domain/ahp/sensitivity.js';
import { synthesiseHierarchy } from '../../domain/ahp/synthesise-hierarchy.js';
import { ValidationError } from '../../web/http-errors.js';
import { flattenTree, type LocalizedPair, type TreeNode } from '../studies/hierarchy-tree.js';
import type { CanonicalJudgment } from './judgment-input.js';

export interface WeightSetSettings {
  mode: AggregationMode;
  method: PriorityMethod;
  riTable: RiTableName;
  /** Missing judgments are completed optimally (Bozóki, Fülöp & Rónyai 2010). */
  completion: 'optimal';
  crThreshold: number;
  /** Monte Carlo: seed and number of draws (stored, so the bands can be reproduced). */
  seed: number;
  draws: number;
}

export interface WeightSetExpertInput {
  id: number;
  name: string;
  /** Expert weight as given (positive; normalised over the experts who answered each cell). */
  weight: number;
  judgments: readonly CanonicalJudgment[];
}

export interface WeightSetNodeResult {
  id: number;
  code: string;
  names: LocalizedPair;
  parentId: number | null;
  children: number[];
  /** Global weight of the node itself (goal = 1). */
  globalWeight: number;
  localWeights: number[];
  /** CR of the group matrix (AIJ); null for AIP, which has no group matrix, and for blocks of one child. */
  cr: number | null;
  consensus: number | null;
  consensusBand: ConsensusBand | null;
  /** AIJ group matrix (null where nobody answered), the geometric SD per pair and how many answered it. */
  groupMatrix: (number | null)[][];
  dispersion: (number | null)[][];
  answered: number[][];
  individual: { expert: number; weights: number[] | null; cr: number | null }[];
}

export interface WeightBandResult {
  id: number;
  weight: number;
  mean: number;
  sd: number;
  p2_5: number;
  p97_5: number;
  rankReversalProbability: number;
}

export interface WeightSetResults {
  /** Blocks (nodes with ≥ 1 child), by node id. */
  nodes: Record<string, WeightSetNodeResult>;
  /** Leaf id → global weight (Σ = 1). */
  globalWeights: Record<string, number>;
  /** Saaty's hierarchic CR of the group (AIJ); null for AIP. */
  overallCr: number | null;
  experts: { id: number; globalWeights: Record<string, number> | null; maxCr: number | null }[];
  /** For each criterion under the goal: the change of its weight at which the top indicator changes. */
  sensitivity: (SensitivityEntry & { node: number; top: number; overtakenBy: number | null })[];
  monteCarlo: { seed: number; draws: number; accepted: number; variation: number; leaves: WeightBandResult[] } | { error: string };
}

function judgmentsOf(expert: WeightSetExpertInput, parentId: number, childIds: number[]): Judgment[] {
  const position = new Map(childIds.map((id, i) => [id, i]));
  const out: Judgment[] = [];
  for (const j of expert.judgments) {
    if (j.parentId !== parentId) continue;
    const i = position.get(j.leftId), k = position.get(j.rightId);
    if (i === undefined || k === undefined) continue;
    out.push(i < k ? { i, j: k, value: j.value } : { i: k, j: i, value: j.value === null ? null : 1 / j.value });
  }
  return out;
}

/** Weight of each leaf within the subtree of `node` (node = 1), by the product of local weights along the path. */
function subtreeLeafShares(node: TreeNode, local: Map<number, number[]>): Map<number, number> {
  const shares = new Map<number, number>();
  const visit = (n: TreeNode, g: number) => {
    if (n.children.length === 0) {
      shares.set(n.id, (shares.get(n.id) ?? 0) + g);
      return;
    }
    const w = local.get(n.id) as number[];
    n.children.forEach((c, i) => visit(c, g * (w[i] as number)));
  };
  visit(node, 1);
  return shares;
}

/**
 * Group weights of a frozen hierarchy from the included experts' judgments (DESIGN §4): per block, the AHP
 * engine's aggregateReport (AIJ weighted geometric mean of judgments — default — or AIP), individual priorities
 * and CRs, Goepel's consensus S* and the geometric SD per pair; global weights by hierarchic composition
 * (synthesiseHierarchy) and the hierarchic CR; each expert's own global weights; a one-at-a-time sensitivity of
 * the criteria under the goal (sensitivity, with each criterion's indicator shares as scores); Monte Carlo bands
 * of the global weights (monteCarloWeights on the AIJ group matrices, variation 0.5/√k as AHP-OS, seeded).
 * Pure: the same inputs give the same results.
 */
export function computeWeightSet(root: TreeNode, experts: readonly WeightSetExpertInput[], settings: WeightSetSettings): WeightSetResults {
  if (experts.length === 0) throw new ValidationError('weightSets.noExperts');
  const all = flattenTree(root);
  const blocks = all.filter((n) => n.children.length > 0);
  const nodes: Record<string, WeightSetNodeResult> = {};
  const local = new Map<number, number[]>();
  const individualLocal = experts.map(() => new Map<number, number[] | null>());
  const expertCrs = experts.map(() => [] as number[]);
  const synthesisNodes: { id: string; children: string[]; weights: number[]; ci?: number; ri?: number }[] = [];
  const mcNodes: { id: string; children: string[]; matrix: (number | null)[][] }[] = [];
  const weights = experts.map((e) => e.weight);

  for (const block of blocks) {
    const childIds = block.children.map((c) => c.id);
    const n = childIds.length;
    const base = { id: block.id, code: block.code, names: block.names, parentId: block.parentId, children: childIds };
    if (n === 1) {
      local.set(block.id, [1]);
      individualLocal.forEach((m) => m.set(block.id, [1]));
      nodes[block.id] = {
        ...base, globalWeight: 0, localWeights: [1], cr: 0, consensus: null, consensusBand: null,
        groupMatrix: [[1]], dispersion: [[1]], answered: [[experts.length]],
        individual: experts.map((e) => ({ expert: e.id, weights: [1], cr: 0 })),
      };
      synthesisNodes.push({ id: String(block.id), children: childIds.map(String), weights: [1], ci: 0, ri: 0 });
      mcNodes.push({ id: String(block.id), children: childIds.map(String), matrix: [[1]] });
      continue;
    }
    const matrices = experts.map((e) => matrixFromJudgments(n, judgmentsOf(e, block.id, childIds)));
    let report: ReturnType<typeof aggregateReport>;
    let aij: ReturnType<typeof aggregateReport>;
    try {
      report = aggregateReport({ matrices, expertWeights: weights, mode: settings.mode, method: settings.method, riTable: settings.riTable, completion: settings.completion });
      aij = settings.mode === 'aij' ? report : aggregateReport({ matrices, expertWeights: weights, mode: 'aij', method: settings.method, riTable: settings.riTable, completion: settings.completion });
    } catch (err) {
      if (err instanceof DomainError) {
        const expert = typeof err.details?.expert === 'number' ? experts[err.details.expert]?.name : undefined;
        throw new ValidationError(expert ? 'weightSets.blockFailedExpert' : 'weightSets.blockFailed', {}, { node: block.id, code: err.code })
          .with({ node: block.names.en || block.names.zh, expert: expert ?? '' });
      }
      throw err;
    }
    local.set(block.id, report.weights);
    report.individual.forEach((r, k) => {
      individualLocal[k]?.set(block.id, r.weights);
      if (r.cr !== null) expertCrs[k]?.push(r.cr);
    });
    const ri = randomIndex(n, settings.riTable);
    nodes[block.id] = {
      ...base,
      globalWeight: 0,
      localWeights: report.weights,
      cr: report.cr,
      consensus: report.consensus.sStar,
      consensusBand: report.consensus.band,
      groupMatrix: aij.matrix ?? [],
      dispersion: report.dispersion ?? [],
      answered: (aij.matrix ?? []).map((row, i) => row.map((_, j) => (i === j ? experts.length : countAnswered(matrices, i, j)))),
      individual: report.individual.map((r, k) => ({ expert: (experts[k] as WeightSetExpertInput).id, weights: r.weights, cr: r.cr })),
    };
    synthesisNodes.push({
      id: String(block.id),
      children: childIds.map(String),
      weights: report.weights,
      ...(report.cr !== null ? { ci: report.cr * ri, ri } : {}),
    });
    mcNodes.push({ id: String(block.id), children: childIds.map(String), matrix: aij.matrix ?? [] });
  }

  const synthesis = synthesiseHierarchy({ goal: String(root.id), nodes: synthesisNodes });
  for (const [id, g] of Object.entries(synthesis.nodeGlobalWeights)) if (nodes[id]) (nodes[id] as WeightSetNodeResult).globalWeight = g;

  const expertResults = experts.map((e, k) => {
    const own = individualLocal[k] as Map<number, number[] | null>;
    const complete = blocks.every((b) => own.get(b.id));
    const crs = expertCrs[k] as number[];
    const maxCr = crs.length ? Math.max(...crs) : null;
    if (!complete) return { id: e.id, globalWeights: null, maxCr };
    const s = synthesiseHierarchy({ goal: String(root.id), nodes: blocks.map((b) => ({ id: String(b.id), children: b.children.map((c) => String(c.id)), weights: own.get(b.id) as number[] })) });
    return { id: e.id, globalWeights: s.globalWeights, maxCr };
  });

  // Sensitivity of the criteria under the goal, scored by each criterion's share of every leaf.
  const leaves = all.filter((n) => n.children.length === 0).map((n) => n.id);
  const goalWeights = local.get(root.id) ?? [];
  const scores = root.children.map((c) => {
    const shares = subtreeLeafShares(c, local);
    return leaves.map((leaf) => shares.get(leaf) ?? 0);
  });
  const sens = root.children.length >= 2 && leaves.length >= 2
    ? sensitivity(goalWeights, scores).map((entry) => ({
        ...entry,
        node: (root.children[entry.criterion] as TreeNode).id,
        top: leaves[entry.top] as number,
        overtakenBy: entry.overtakenBy === null ? null : (leaves[entry.overtakenBy] as number),
      }))
    : [];

  let monteCarlo: WeightSetResults['monteCarlo'];
  const variation = 0.5 / Math.sqrt(experts.length);
  try {
    const mc = monteCarloWeights({ goal: String(root.id), nodes: mcNodes, draws: settings.draws, seed: settings.seed, variation, method: settings.method, riTable: settings.riTable, completion: settings.completion });
    monteCarlo = {
      seed: mc.seed, draws: mc.draws, accepted: mc.accepted, variation,
      leaves: mc.leaves.map(({ id, ...band }) => ({ id: Number(id), ...band })),
    };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    monteCarlo = { error: err.message };
  }

  const globalWeights: Record<string, number> = {};
  for (const leaf of leaves) globalWeights[leaf] = synthesis.globalWeights[String(leaf)] ?? 0;
  return {
    nodes,
    globalWeights,
    overallCr: settings.mode === 'aij' ? synthesis.overallCr : null,
    experts: expertResults,
    sensitivity: sens,
    monteCarlo,
  };
}

function countAnswered(matrices: readonly (number | null)[][][], i: number, j: number): number {
  let count = 0;
  for (const m of matrices) if (m[i]?.[j] !== null && m[i]?.[j] !== undefined) count++;
  return count;
}
