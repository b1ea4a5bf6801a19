import { DomainError, describeValue } from '../domain-error.js';
import type { CompletionMethod, IncompleteMatrix, PriorityMethod } from './ahp-types.js';
import { aggregateJudgmentsOf, parseExpertMatrices } from './aggregate-judgments.js';
import { aggregatePriorities } from './aggregate-priorities.js';
import { comparisonComponents } from './assert-connected-comparisons.js';
import { assertCompletionMethod, completeConnectedData, completePairwiseData } from './complete-matrix.js';
import { assertPriorityMethod, prioritiesOf } from './compute-priorities.js';
import { assertScaleMax, consensusOf, type ConsensusBand } from './consensus-indicator.js';
import { consistencyRatioOf } from './consistency-ratio.js';
import { principalEigenvectorInto } from './principal-eigenvector.js';
import { rowGeometricMeanInto } from './row-geometric-mean.js';
import { normalisedExpertWeights } from './expert-weights.js';
import { assertRiTableName, randomIndex, type RiTableName } from './random-index.js';
import { toNestedMatrix } from './validate-pairwise-matrix.js';

export type AggregationMode = 'aij' | 'aip-geometric' | 'aip-arithmetic';
export const AGGREGATION_MODES: readonly AggregationMode[] = ['aij', 'aip-geometric', 'aip-arithmetic'];

export interface AggregateReportInput {
  readonly matrices: IncompleteMatrix[];
  /** One positive weight per expert (normalised; equal when omitted). */
  readonly expertWeights?: number[];
  readonly mode?: AggregationMode;
  readonly method?: PriorityMethod;
  readonly riTable?: RiTableName;
  /** M of the judgment scale for the consensus indicator (9 for Saaty's 1–9 scale; see scaleMaximum). */
  readonly scaleMax?: number;
  readonly completion?: CompletionMethod;
}

/** JSON body of `POST /api/v1/ahp/aggregate`. */
export interface AggregateReport {
  /** AIJ group matrix (mode `aij` only); `null` where no expert answered. */
  readonly matrix?: (number | null)[][];
  readonly weights: number[];
  /** CR of the group matrix (mode `aij`); `null` for AIP modes, which have no group matrix. */
  readonly cr: number | null;
  /** S* over the experts whose own judgments connect all elements; `null` when fewer than two such experts. */
  readonly consensus: { readonly sStar: number | null; readonly band: ConsensusBand | null };
  /** Geometric SD per pair (symmetric, diagonal 1); `null` where fewer than two experts answered. */
  readonly dispersion?: (number | null)[][];
  /** Each expert's own priorities and CR, in input order; `null` when that expert's judgments leave elements unlinked. */
  readonly individual: { readonly weights: number[] | null; readonly cr: number | null }[];
}

/**
 * Group AHP for one node. Individual priorities and CRs per expert (missing judgments completed per expert);
 * group priorities by AIJ (weighted geometric mean of judgments per cell over the experts who answered, then
 * priorities of the group matrix — the default), or AIP (weighted geometric mean of priority vectors,
 * renormalised, or weighted arithmetic mean); Goepel's consensus S* with the AHP-OS verbal band, using the same
 * expert weights (see consensusIndicator); geometric SD per pair. Expert weights are honoured everywhere —
 * AHP-OS's "weighted" mean ignores them. Throws DomainError on invalid input, on a group matrix whose pairs do
 * not link all elements (AIJ), and on an expert whose judgments do not link all elements (AIP).
 */
export function aggregateReport(input: AggregateReportInput): AggregateReport {
  if (typeof input !== 'object' || input === null) throw new DomainError('bad-input', 'The request must be an object with "matrices".');
  const mode = input.mode ?? 'aij', method = input.method ?? 'eigenvector', riTable = input.riTable ?? 'saaty';
  const completion = input.completion ?? 'optimal';
  if (!(AGGREGATION_MODES as readonly string[]).includes(mode)) {
    throw new DomainError('unknown-mode', `Unknown aggregation mode "${describeValue(mode)}"; use one of ${AGGREGATION_MODES.join(', ')}.`, { mode });
  }
  assertPriorityMethod(method);
  assertRiTableName(riTable);
  assertCompletionMethod(completion);
  const scaleMax = input.scaleMax ?? 9;
  assertScaleMax(scaleMax);
  const experts = parseExpertMatrices(input.matrices);
  const lambda = normalisedExpertWeights(experts.length, input.expertWeights);
  const n = experts[0].n;

  // Individual priorities and CRs, written into one flat array (expert k at k·n) to keep 1,000-expert rounds fast.
  const K = experts.length, ri = randomIndex(n, riTable);
  const flat = new Float64Array(K * n), crs = new Float64Array(K), rated = new Uint8Array(K);
  const w = new Float64Array(n), work = new Float64Array(n);
  for (let k = 0; k < K; k++) {
    const e = experts[k];
    if (e.missing > 0 && comparisonComponents(n, e.a).length > 1) continue;
    const a = completeConnectedData(e, completion);
    const lambdaMax = principalEigenvectorInto(a, n, w, work);
    if (method === 'rgmm') rowGeometricMeanInto(a, n, w);
    flat.set(w, k * n);
    crs[k] = consistencyRatioOf(lambdaMax, n, ri);
    rated[k] = 1;
  }
  const individual = Array.from({ length: K }, (_, k) => (rated[k]
    ? { weights: Array.from(flat.subarray(k * n, k * n + n)), cr: crs[k] }
    : { weights: null, cr: null }));

  let ratedCount = 0;
  for (let k = 0; k < K; k++) ratedCount += rated[k];
  let c = null;
  if (ratedCount >= 2) {
    const p = ratedCount === K ? flat : new Float64Array(ratedCount * n), l = new Float64Array(ratedCount);
    let r = 0, total = 0;
    for (let k = 0; k < K; k++) {
      if (!rated[k]) continue;
      if (p !== flat) p.set(flat.subarray(k * n, k * n + n), r * n);
      l[r++] = lambda[k]; total += lambda[k];
    }
    for (let q = 0; q < ratedCount; q++) l[q] /= total;
    c = consensusOf(p, ratedCount, n, l, scaleMax);
  }
  const consensus = { sStar: c ? c.sStar : null, band: c ? c.band : null };

  const group = aggregateJudgmentsOf(experts, lambda);
  const dispersion: (number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row: (number | null)[] = new Array(n);
    for (let j = 0; j < n; j++) { const g = group.dispersion[i * n + j]; row[j] = g === 0 ? null : g; }
    dispersion.push(row);
  }

  if (mode === 'aij') {
    const complete = completePairwiseData(group, completion, { group: 'aggregated matrix' });
    const p = prioritiesOf(n, complete, method, riTable);
    return { matrix: toNestedMatrix(group), weights: Array.from(p.weights), cr: p.cr, consensus, dispersion, individual };
  }
  const missingExpert = individual.findIndex((r) => r.weights === null);
  if (missingExpert >= 0) {
    throw new DomainError('disconnected-comparisons',
      `Expert ${missingExpert + 1}'s judgments do not link all elements, so their priorities (needed for AIP) cannot be derived.`,
      { expert: missingExpert });
  }
  const weights = aggregatePriorities(individual.map((r) => r.weights as number[]), Array.from(lambda), mode === 'aip-geometric' ? 'geometric' : 'arithmetic');
  return { weights, cr: null, consensus, dispersion, individual };
}
