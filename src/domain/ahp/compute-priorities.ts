import { DomainError, describeValue } from '../domain-error.js';
import { PRIORITY_METHODS, type CompletionMethod, type IncompleteMatrix, type PriorityMethod } from './ahp-types.js';
import { completePairwiseData } from './complete-matrix.js';
import { consistencyRatio } from './consistency-ratio.js';
import { geometricConsistencyIndexOf } from './geometric-consistency-index.js';
import { principalEigenvectorInto } from './principal-eigenvector.js';
import { assertRiTableName, type RiTableName } from './random-index.js';
import { rowGeometricMeanInto } from './row-geometric-mean.js';
import { parsePairwiseMatrix, toCompleteNestedMatrix, type ErrorContext } from './validate-pairwise-matrix.js';

/** Checks a priority method name. */
export function assertPriorityMethod(method: unknown): asserts method is PriorityMethod {
  if (typeof method !== 'string' || !(PRIORITY_METHODS as readonly string[]).includes(method)) {
    throw new DomainError('unknown-method', `Unknown priority method "${describeValue(method)}"; use one of ${PRIORITY_METHODS.join(', ')}.`, { method });
  }
}

export interface PriorityOptions {
  readonly method?: PriorityMethod;
  readonly riTable?: RiTableName;
  readonly completion?: CompletionMethod;
}

/** Priorities and consistency of one complete matrix in working form (typed arrays, no validation). */
export interface PrioritiesOf {
  readonly weights: Float64Array;
  readonly lambdaMax: number;
  readonly ci: number;
  readonly ri: number;
  readonly cr: number;
  readonly gci: number;
}

/**
 * Priorities of a complete row-major matrix: the principal eigenvector (method `eigenvector`) or the row
 * geometric mean (`rgmm`) as weights; λmax is always the Perron eigenvalue, so CI = (λmax − n)/(n − 1) and
 * CR = CI/RI(n) keep Saaty's meaning whichever weights are reported; GCI always uses RGMM weights, as it is
 * defined (Aguarón & Moreno-Jiménez 2003).
 */
export function prioritiesOf(n: number, a: Float64Array, method: PriorityMethod, riTable: RiTableName): PrioritiesOf {
  const eigen = new Float64Array(n), rgmm = new Float64Array(n), work = new Float64Array(n);
  const lambdaMax = principalEigenvectorInto(a, n, eigen, work);
  rowGeometricMeanInto(a, n, rgmm);
  const { ci, ri, cr } = consistencyRatio(lambdaMax, n, riTable);
  const gci = geometricConsistencyIndexOf(a, n, rgmm);
  return { weights: method === 'rgmm' ? rgmm : eigen, lambdaMax, ci, ri, cr, gci };
}

export interface PriorityResult {
  readonly weights: number[];
  readonly lambdaMax: number;
  readonly ci: number;
  readonly cr: number;
  readonly ri: number;
  readonly riTable: RiTableName;
  readonly gci: number;
  readonly method: PriorityMethod;
  /** Present only when the input had missing judgments. */
  readonly completedMatrix?: number[][];
}

/**
 * Validates a (possibly incomplete) pairwise matrix, completes missing judgments (optimal by default, Harker
 * as an option), and returns weights (Σ = 1), λmax, CI, CR (with RI and its table) and GCI.
 * Defaults: eigenvector, RI table `saaty`, optimal completion (DESIGN §4).
 */
export function computePriorities(matrix: IncompleteMatrix, options: PriorityOptions = {}, context?: ErrorContext): PriorityResult {
  const method = options.method ?? 'eigenvector', riTable = options.riTable ?? 'saaty', completion = options.completion ?? 'optimal';
  assertPriorityMethod(method);
  assertRiTableName(riTable);
  const data = parsePairwiseMatrix(matrix, context);
  const complete = completePairwiseData(data, completion, context);
  const p = prioritiesOf(data.n, complete, method, riTable);
  const result: PriorityResult = {
    weights: Array.from(p.weights), lambdaMax: p.lambdaMax, ci: p.ci, cr: p.cr, ri: p.ri, riTable, gci: p.gci, method,
  };
  return data.missing > 0 ? { ...result, completedMatrix: toCompleteNestedMatrix(data.n, complete) } : result;
}
