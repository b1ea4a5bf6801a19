import { DomainError } from '../domain-error.js';
import type { IncompleteMatrix } from './ahp-types.js';
import type { CompiledHierarchy } from './compile-hierarchy.js';
import { monteCarloOf, type MonteCarloOptions, type WeightBand } from './monte-carlo-weights.js';
import { parsePairwiseMatrix } from './validate-pairwise-matrix.js';

export interface UncertaintyReportInput extends MonteCarloOptions {
  readonly matrix: IncompleteMatrix;
}

/** JSON body of `POST /api/v1/ahp/uncertainty`. */
export interface UncertaintyReport {
  readonly seed: number;
  readonly draws: number;
  /** Draws kept (CR ≤ crLimit). */
  readonly accepted: number;
  readonly elements: (WeightBand & { readonly index: number })[];
}

/**
 * Weight bands for one matrix: AHP-OS-style Monte Carlo (judgments moved by −0.5, 0 or +0.5 on the 1–9 scale,
 * seeded, draws with CR above `crLimit` — default 0.25 — discarded) giving per element its weight, mean, SD,
 * 2.5/97.5 % percentiles and the probability that its rank differs from the base rank. See monteCarloOf.
 */
export function uncertaintyReport(input: UncertaintyReportInput): UncertaintyReport {
  if (typeof input !== 'object' || input === null) throw new DomainError('bad-input', 'The request must be an object with a "matrix".');
  const data = parsePairwiseMatrix(input.matrix);
  const n = data.n;
  const single: CompiledHierarchy = {
    nodeIds: ['matrix'], inputIndex: [0],
    children: [Int32Array.from({ length: n }, (_, i) => -i - 1)],
    leafIds: Array.from({ length: n }, (_, i) => String(i)),
  };
  const r = monteCarloOf(single, [data], input);
  return { seed: r.seed, draws: r.draws, accepted: r.accepted, elements: r.bands.map((b, index) => ({ index, ...b })) };
}
