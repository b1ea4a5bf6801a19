/**
 * Shared vocabulary of the AHP engine (DESIGN §4).
 *
 * A pairwise comparison matrix A (n × n) holds a_ij = how many times element i is as important as element j;
 * a_ji = 1/a_ij and a_ii = 1. `null` marks a judgment nobody gave (an incomplete matrix).
 */

/** Pairwise matrix that may contain missing judgments (`null`), row-major as JSON arrives. */
export type IncompleteMatrix = (number | null)[][];

/** Complete pairwise matrix. */
export type CompleteMatrix = number[][];

/** How a priority vector is derived from a (complete) matrix. */
export type PriorityMethod = 'eigenvector' | 'rgmm';
export const PRIORITY_METHODS: readonly PriorityMethod[] = ['eigenvector', 'rgmm'];

/** How missing judgments are filled in before priorities are derived. */
export type CompletionMethod = 'optimal' | 'harker';
export const COMPLETION_METHODS: readonly CompletionMethod[] = ['optimal', 'harker'];

/** Largest matrix the engine accepts (elements under one parent). */
export const MAX_MATRIX_SIZE = 30;
