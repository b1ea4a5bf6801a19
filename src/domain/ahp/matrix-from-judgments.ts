import { DomainError, describeValue } from '../domain-error.js';
import { MAX_MATRIX_SIZE, type IncompleteMatrix } from './ahp-types.js';
import { exactSaatyValue } from './saaty-scale.js';

/** One stored judgment on the ordered pair (c_i, c_j), i < j, 0-based; `null` = "no opinion". */
export interface Judgment {
  readonly i: number;
  readonly j: number;
  readonly value: number | null;
}

function checkSize(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_MATRIX_SIZE) {
    throw new DomainError('bad-size', `The number of compared elements must be a whole number from 1 to ${MAX_MATRIX_SIZE}, got ${n}.`, { size: n });
  }
}

function checkValue(value: unknown, i: number, j: number): number | null {
  if (value === null) return null;
  const s = typeof value === 'number' ? exactSaatyValue(value) : null;
  if (s === null) {
    throw new DomainError('not-on-scale',
      `The judgment on elements ${i + 1} and ${j + 1} must be on the 1–9 scale (1/9 … 1/2, 1, 2 … 9) or null, got ${describeValue(value)}.`,
      { row: i, col: j, value });
  }
  return s;
}

/**
 * Builds the pairwise matrix of n ordered children from judgments (DESIGN §4 encoding): a judgment on (c_i, c_j),
 * i < j, is a_ij ∈ {1/9 … 1/2, 1, 2 … 9}; a_ji = 1/a_ij; a_ii = 1; pairs without a judgment (or with `null`)
 * are missing (`null`). Values within a relative 1e-6 of a scale value are snapped to it. Indices are 0-based.
 */
export function matrixFromJudgments(n: number, judgments: readonly Judgment[]): IncompleteMatrix {
  checkSize(n);
  const m: IncompleteMatrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : null)));
  const seen = new Set<number>();
  for (const { i, j, value } of judgments) {
    if (!Number.isInteger(i) || !Number.isInteger(j) || i < 0 || j >= n || i >= j) {
      throw new DomainError('bad-judgment-pair',
        `A judgment must name two different elements i < j between 1 and ${n}, got (${i + 1}, ${j + 1}).`, { row: i, col: j });
    }
    if (seen.has(i * n + j)) {
      throw new DomainError('duplicate-judgment', `Elements ${i + 1} and ${j + 1} were judged twice.`, { row: i, col: j });
    }
    seen.add(i * n + j);
    const v = checkValue(value, i, j);
    m[i][j] = v;
    m[j][i] = v === null ? null : 1 / v;
  }
  return m;
}

/**
 * Builds the matrix from the upper triangle listed row by row: (1,2), (1,3), …, (1,n), (2,3), …, (n−1,n) — the
 * order AHP-OS and pyanp (`utmrowlist_to_npmatrix`) use. Needs n(n−1)/2 values; `null` = missing.
 */
export function matrixFromUpperTriangle(values: readonly (number | null)[]): IncompleteMatrix {
  const n = Math.round((1 + Math.sqrt(1 + 8 * values.length)) / 2);
  if ((n * (n - 1)) / 2 !== values.length) {
    throw new DomainError('bad-triangle-length',
      `An upper triangle must hold n(n−1)/2 judgments (1, 3, 6, 10, …), got ${values.length}.`, { length: values.length });
  }
  const judgments: Judgment[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) judgments.push({ i, j, value: values[k++] });
  return matrixFromJudgments(n, judgments);
}
