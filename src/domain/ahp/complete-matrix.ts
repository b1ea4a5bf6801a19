import { DomainError, describeValue } from '../domain-error.js';
import { COMPLETION_METHODS, type CompletionMethod, type IncompleteMatrix } from './ahp-types.js';
import { assertConnectedComparisons } from './assert-connected-comparisons.js';
import { harkerCompletionOf } from './harker-completion.js';
import { optimalCompletionOf } from './optimal-completion.js';
import { parsePairwiseMatrix, toCompleteNestedMatrix, type ErrorContext, type PairwiseData } from './validate-pairwise-matrix.js';

/** Checks a completion method name. */
export function assertCompletionMethod(method: unknown): asserts method is CompletionMethod {
  if (typeof method !== 'string' || !(COMPLETION_METHODS as readonly string[]).includes(method)) {
    throw new DomainError('unknown-completion', `Unknown completion method "${describeValue(method)}"; use one of ${COMPLETION_METHODS.join(', ')}.`, { completion: method });
  }
}

/**
 * Working-form completion: returns the input array itself when nothing is missing, otherwise a completed copy.
 * Throws `disconnected-comparisons` (naming unreachable elements) when the judgments do not link all elements.
 */
export function completePairwiseData(data: PairwiseData, method: CompletionMethod = 'optimal', context?: ErrorContext): Float64Array {
  assertCompletionMethod(method);
  if (data.missing === 0) return data.a;
  assertConnectedComparisons(data.n, data.a, context);
  return method === 'harker' ? harkerCompletionOf(data.n, data.a) : optimalCompletionOf(data.n, data.a).a;
}

/** Completion of a matrix already known to have a connected comparison graph (skips the check). */
export function completeConnectedData(data: PairwiseData, method: CompletionMethod): Float64Array {
  if (data.missing === 0) return data.a;
  return method === 'harker' ? harkerCompletionOf(data.n, data.a) : optimalCompletionOf(data.n, data.a).a;
}

/**
 * Fills the missing judgments (`null`) of a pairwise matrix.
 * - `optimal` (default): the values minimising λmax — Bozóki, Fülöp & Rónyai (2010), cyclic coordinates on the
 *   log-convex λmax; unique for a connected comparison graph (AHPy reproduces their examples).
 * - `harker`: a_ij = w_i/w_j with w from Harker's (1987) modified matrix.
 * A complete matrix is returned unchanged (validated). A disconnected comparison graph throws DomainError
 * `disconnected-comparisons` naming the unreachable elements.
 */
export function completeMatrix(matrix: IncompleteMatrix, method: CompletionMethod = 'optimal'): number[][] {
  const data = parsePairwiseMatrix(matrix);
  return toCompleteNestedMatrix(data.n, completePairwiseData(data, method));
}
