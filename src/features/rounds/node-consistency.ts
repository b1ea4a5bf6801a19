import type { PriorityMethod } from '../../domain/ahp/ahp-types.js';
import { comparisonComponents } from '../../domain/ahp/assert-connected-comparisons.js';
import { matrixFromJudgments, type Judgment } from '../../domain/ahp/matrix-from-judgments.js';
import { priorityReport } from '../../domain/ahp/priority-report.js';
import type { RiTableName } from '../../domain/ahp/random-index.js';
import { parsePairwiseMatrix } from '../../domain/ahp/validate-pairwise-matrix.js';

/** A stored judgment of one block, by child id (left before right in the parent's order). */
export interface BlockJudgment {
  leftId: number;
  rightId: number;
  value: number | null;
}

/** One of the most inconsistent judgments of a block, by child id, with the value that would fit the weights. */
export interface BlockInconsistency {
  left: number;
  right: number;
  /** The judgment as given (left over right). */
  value: number;
  /** Nearest 1–9 scale value to w_left/w_right. */
  suggested: number;
  /** max(e, 1/e) with e = a·w_right/w_left. */
  error: number;
  /** CR of the block if only this judgment were changed to `suggested`. */
  crIfChanged: number;
}

/** What the server computes for one expert's block after every autosave. */
export interface NodeConsistency {
  pairs: number;
  /** Pairs with a stored answer, "no opinion" included. */
  answered: number;
  noOpinion: number;
  /** Whether the given judgments link all children (only then are weights and CR defined). */
  connected: boolean;
  cr: number | null;
  lambdaMax: number | null;
  weights: number[] | null;
  inconsistencies: BlockInconsistency[];
}

/**
 * Consistency of one expert's block, recomputed from the stored judgments with the AHP engine (never taken from
 * the client): the matrix from the judgments (missing and "no opinion" left out), and — when the judgments link
 * every child — priorities, CR (missing judgments completed optimally, Bozóki et al. 2010) and the top-3
 * inconsistent judgments with suggested values (priorityReport, DESIGN §4).
 */
export function nodeConsistency(childIds: readonly number[], judgments: readonly BlockJudgment[], method: PriorityMethod, riTable: RiTableName): NodeConsistency {
  const n = childIds.length;
  const pairs = (n * (n - 1)) / 2;
  const position = new Map(childIds.map((id, i) => [id, i]));
  const given: Judgment[] = [];
  let noOpinion = 0;
  for (const j of judgments) {
    const i = position.get(j.leftId), k = position.get(j.rightId);
    if (i === undefined || k === undefined) continue;
    if (j.value === null) noOpinion++;
    given.push(i < k ? { i, j: k, value: j.value } : { i: k, j: i, value: j.value === null ? null : 1 / j.value });
  }
  const base = { pairs, answered: given.length, noOpinion };
  if (n < 2) return { ...base, connected: true, cr: 0, lambdaMax: n, weights: n === 1 ? [1] : [], inconsistencies: [] };
  const matrix = matrixFromJudgments(n, given);
  const connected = comparisonComponents(n, parsePairwiseMatrix(matrix).a).length === 1;
  if (!connected) return { ...base, connected, cr: null, lambdaMax: null, weights: null, inconsistencies: [] };
  const report = priorityReport({ matrix, method, riTable, top: 3 });
  return {
    ...base,
    connected,
    cr: report.cr,
    lambdaMax: report.lambdaMax,
    weights: report.weights,
    inconsistencies: report.inconsistencies.map((x) => ({
      left: childIds[x.i] as number,
      right: childIds[x.j] as number,
      value: x.value,
      suggested: x.suggested,
      error: x.error,
      crIfChanged: x.crIfChanged,
    })),
  };
}
