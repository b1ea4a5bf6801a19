import { DomainError, describeValue } from '../domain-error.js';
import { MAX_MATRIX_SIZE, type CompletionMethod, type IncompleteMatrix, type PriorityMethod } from './ahp-types.js';
import { assertCompletionMethod, completePairwiseData } from './complete-matrix.js';
import { assertPriorityMethod, prioritiesOf } from './compute-priorities.js';
import { diagnoseInconsistencies, type Inconsistency } from './diagnose-inconsistencies.js';
import { assertRiTableName, type RiTableName } from './random-index.js';
import { parsePairwiseMatrix, toCompleteNestedMatrix } from './validate-pairwise-matrix.js';

export interface PriorityReportInput {
  readonly matrix: IncompleteMatrix;
  readonly method?: PriorityMethod;
  readonly riTable?: RiTableName;
  readonly completion?: CompletionMethod;
  /** How many inconsistent judgments to list at most (0–435, default 3 as AHP-OS). */
  readonly top?: number;
}

/** JSON body of `POST /api/v1/ahp/priorities`. */
export interface PriorityReport {
  readonly weights: number[];
  readonly lambdaMax: number;
  readonly ci: number;
  readonly cr: number;
  readonly ri: number;
  readonly riTable: RiTableName;
  readonly gci: number;
  readonly method: PriorityMethod;
  readonly completedMatrix?: number[][];
  readonly inconsistencies: Inconsistency[];
}

/** Checks an optional whole-number option within [min, max]. */
export function assertWholeNumber(name: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DomainError('bad-option', `"${name}" must be a whole number from ${min} to ${max}, got ${describeValue(value)}.`, { option: name, value });
  }
}

/**
 * Everything the AHP calculator shows for one matrix: weights (Σ = 1; principal eigenvector by default, RGMM as
 * an option), λmax, CI, CR with the RI and its table, GCI, the completed matrix when judgments were missing
 * (optimal completion by default, Harker as an option), and the `top` most inconsistent judgments with the
 * scale value that would make each consistent and the CR after that change (diagnoseInconsistencies).
 * Invalid input throws DomainError; no field is ever NaN or Infinity.
 */
export function priorityReport(input: PriorityReportInput): PriorityReport {
  if (typeof input !== 'object' || input === null) throw new DomainError('bad-input', 'The request must be an object with a "matrix".');
  const method = input.method ?? 'eigenvector', riTable = input.riTable ?? 'saaty', completion = input.completion ?? 'optimal';
  assertPriorityMethod(method);
  assertRiTableName(riTable);
  assertCompletionMethod(completion);
  const data = parsePairwiseMatrix(input.matrix);
  const top = input.top ?? 3;
  assertWholeNumber('top', top, 0, (MAX_MATRIX_SIZE * (MAX_MATRIX_SIZE - 1)) / 2);
  const complete = completePairwiseData(data, completion);
  const p = prioritiesOf(data.n, complete, method, riTable);
  const report: PriorityReport = {
    weights: Array.from(p.weights), lambdaMax: p.lambdaMax, ci: p.ci, cr: p.cr, ri: p.ri, riTable, gci: p.gci, method,
    inconsistencies: diagnoseInconsistencies(data, p.weights, top, riTable, completion),
  };
  return data.missing > 0 ? { ...report, completedMatrix: toCompleteNestedMatrix(data.n, complete) } : report;
}
