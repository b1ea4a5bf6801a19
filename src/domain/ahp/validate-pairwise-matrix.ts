import { DomainError } from '../domain-error.js';
import { MAX_MATRIX_SIZE, type IncompleteMatrix } from './ahp-types.js';

/** |a_ij · a_ji − 1| above this is "not reciprocal" (DESIGN §4: reciprocal within 1e-6). */
export const RECIPROCAL_TOLERANCE = 1e-6;
/**
 * Largest ratio accepted in a typed-in matrix (and 1/it the smallest). Saaty's scale stops at 9; the bound only
 * keeps powers of the matrix (A², A⁴ in the power iteration) far from floating-point overflow.
 */
export const MAX_RATIO = 1e6;

/**
 * A validated pairwise matrix in the engine's working form: row-major Float64Array, `0` marks a missing
 * judgment (valid judgments are strictly positive), the lower triangle is exactly 1/upper and the diagonal is 1.
 */
export interface PairwiseData {
  readonly n: number;
  readonly a: Float64Array;
  /** Number of missing judgments in the upper triangle. */
  readonly missing: number;
}

/** Extra details merged into every error, e.g. `{ expert: 2 }` or `{ node: 'C1' }`. */
export type ErrorContext = Record<string, unknown>;

function where(context: ErrorContext | undefined): string {
  if (!context) return '';
  const parts = Object.entries(context).map(([k, v]) => `${k} ${typeof v === 'number' ? v + 1 : String(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Validates a pairwise comparison matrix and returns it in working form.
 *
 * Checks, in order: an array of rows, 1 ≤ n ≤ 30, square, every cell a finite positive number in
 * [1/MAX_RATIO, MAX_RATIO] or `null`,
 * diagonal 1 (within 1e-6), a missing judgment mirrored by a missing reciprocal, and reciprocity
 * |a_ij·a_ji − 1| ≤ 1e-6. Errors are DomainErrors whose `details` carry 0-based `{ row, col }`; messages count
 * rows and columns from 1. The returned lower triangle is set to exactly 1/a_ij so later arithmetic is symmetric.
 * Source of the conventions: Saaty (1980) ch. 1; DESIGN §4.
 */
export function parsePairwiseMatrix(input: unknown, context?: ErrorContext): PairwiseData {
  if (!Array.isArray(input)) {
    throw new DomainError('not-a-matrix', `The comparison matrix${where(context)} must be an array of rows.`, { ...context });
  }
  const n = input.length;
  if (n === 0) throw new DomainError('empty-matrix', `The comparison matrix${where(context)} has no rows.`, { ...context });
  if (n > MAX_MATRIX_SIZE) {
    throw new DomainError('too-large',
      `The comparison matrix${where(context)} has ${n} rows; at most ${MAX_MATRIX_SIZE} elements can be compared.`,
      { ...context, size: n, max: MAX_MATRIX_SIZE });
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row: unknown = input[i];
    if (!Array.isArray(row) || row.length !== n) {
      throw new DomainError('not-square',
        `Row ${i + 1} of the comparison matrix${where(context)} must have ${n} entries (the matrix must be square).`,
        { ...context, row: i, expected: n, actual: Array.isArray(row) ? row.length : null });
    }
    for (let j = 0; j < n; j++) {
      const v: unknown = row[j];
      if (v === null) { a[i * n + j] = 0; continue; }
      if (typeof v !== 'number') {
        throw new DomainError('not-a-number',
          `Entry at row ${i + 1}, column ${j + 1}${where(context)} must be a number or null.`, { ...context, row: i, col: j });
      }
      if (!Number.isFinite(v)) {
        throw new DomainError('not-finite',
          `Entry at row ${i + 1}, column ${j + 1}${where(context)} must be a finite number.`, { ...context, row: i, col: j });
      }
      if (v <= 0) {
        throw new DomainError('not-positive',
          `Entry at row ${i + 1}, column ${j + 1}${where(context)} must be positive (judgments are ratios).`,
          { ...context, row: i, col: j, value: v });
      }
      if (v > MAX_RATIO || v < 1 / MAX_RATIO) {
        throw new DomainError('out-of-range',
          `Entry at row ${i + 1}, column ${j + 1}${where(context)} must lie between 1/1,000,000 and 1,000,000.`,
          { ...context, row: i, col: j, value: v });
      }
      a[i * n + j] = v;
    }
  }
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i];
    if (Math.abs(d - 1) > RECIPROCAL_TOLERANCE) {
      throw new DomainError('diagonal-not-one',
        `Diagonal entry at row ${i + 1}${where(context)} must be 1 (an element compared with itself).`,
        { ...context, row: i, col: i, value: d === 0 ? null : d });
    }
    a[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const x = a[i * n + j], y = a[j * n + i];
      if (x === 0 || y === 0) {
        if (x !== y) {
          const [r, c] = x === 0 ? [i, j] : [j, i];
          throw new DomainError('missing-not-mirrored',
            `Entry at row ${r + 1}, column ${c + 1}${where(context)} is missing but its reciprocal is given; leave both empty or give both.`,
            { ...context, row: r, col: c });
        }
        missing++;
        continue;
      }
      if (Math.abs(x * y - 1) > RECIPROCAL_TOLERANCE) {
        throw new DomainError('not-reciprocal',
          `Entry at row ${j + 1}, column ${i + 1}${where(context)} must be the reciprocal of the entry at row ${i + 1}, column ${j + 1} (1/${x}).`,
          { ...context, row: j, col: i, value: y, expected: 1 / x });
      }
      a[j * n + i] = 1 / x;
    }
  }
  return { n, a, missing };
}

/**
 * Validates a pairwise comparison matrix (see parsePairwiseMatrix for the rules) and returns a clean copy:
 * lower triangle exactly reciprocal, diagonal exactly 1, `null` for missing judgments.
 */
export function validatePairwiseMatrix(input: unknown, context?: ErrorContext): IncompleteMatrix {
  return toNestedMatrix(parsePairwiseMatrix(input, context));
}

/** Working form → JSON form (`0` → `null`). */
export function toNestedMatrix(data: { n: number; a: Float64Array }): IncompleteMatrix {
  const { n, a } = data;
  const out: IncompleteMatrix = [];
  for (let i = 0; i < n; i++) {
    const row: (number | null)[] = new Array(n);
    for (let j = 0; j < n; j++) row[j] = a[i * n + j] === 0 ? null : a[i * n + j];
    out.push(row);
  }
  return out;
}

/** Working form of a complete matrix → number[][]. */
export function toCompleteNestedMatrix(n: number, a: Float64Array): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(Array.from(a.subarray(i * n, i * n + n)));
  return out;
}
