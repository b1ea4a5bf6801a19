import { DomainError } from '../domain-error.js';
import type { CompleteMatrix } from './ahp-types.js';
import { parsePairwiseMatrix } from './validate-pairwise-matrix.js';

/** Power iteration stops when max_i |w_i(k+1) − w_i(k)| < 1e-12 (weights normalised to sum 1; DESIGN §4). */
export const EIGENVECTOR_TOLERANCE = 1e-12;
/** Guard against non-convergence; a positive matrix converges long before (rate |λ2/λ1| < 1, Perron 1907). */
export const MAX_POWER_ITERATIONS = 100_000;

/** Matrices up to this size are squared first: one A² step costs n² like an A step but advances two. */
const SQUARE_UP_TO = 12;
const squared = new Float64Array(SQUARE_UP_TO * SQUARE_UP_TO);
const squaredTwice = new Float64Array(SQUARE_UP_TO * SQUARE_UP_TO);
/** If after this many A² steps the change is still above SLOW_CHANGE, iterate with A⁴ instead (tuned on n = 7). */
const SQUARE_AGAIN_AFTER = 1;
const SLOW_CHANGE = 1e-4;

/**
 * Allocation-free power iteration for the Perron (principal right) eigenvector of a non-negative,
 * irreducible, primitive n × n matrix stored row-major in `a` (pairwise matrices are positive; Harker's
 * matrix has a positive diagonal and a connected graph, which suffices).
 *
 * x(k+1) = B·x(k) / Σ(B·x(k)), started from the normalised row sums of A (or from `out` when `warmStart`),
 * until max |Δx| < 1e-12, with B = A² for n ≤ 12 (same Perron vector, eigenvalue λ², ratio |λ2/λ1|² — half the
 * steps for n³ extra work, a net gain for small n; B = A⁴ when convergence is slow) and B = A otherwise.
 * Returns λmax = (Σ_i (B·x)_i)^(1/p) for B = A^p, with Σx = 1 — the estimate AHP-OS also uses,
 * λ = Σ_j colsum_j · w_j. Writes the eigenvector (sum 1)
 * into `out`; `work` needs n entries. Throws DomainError `eigenvector-not-converged` if MAX_POWER_ITERATIONS
 * pass without convergence. Source: Saaty (1980) §2; Larsen (2013) power method; AHP-OS AhpCalc::set_evm_evec.
 */
export function principalEigenvectorInto(a: Float64Array, n: number, out: Float64Array, work: Float64Array, warmStart = false): number {
  if (n === 1) { out[0] = 1; return a[0]; }
  if (!warmStart) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const r = i * n;
      for (let j = 0; j < n; j++) s += a[r + j];
      out[i] = s; total += s;
    }
    for (let i = 0; i < n; i++) out[i] /= total;
  }
  if (n > SQUARE_UP_TO) return powerIterate(a, n, out, work, false);
  squareInto(a, n);
  return powerIterate(squared, n, out, work, true);
}

function squareInto(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[r + k] * a[k * n + j];
      squared[r + j] = s;
    }
  }
}

/**
 * Power iteration with the row-dot kernel on B (row-major). When `squaredInput`, B = A² (or (A²)ᵀ) and the
 * result is the root of B's Perron value; if convergence is slow (matrices with a large |λ2/λ1|, e.g. random
 * judgments) B is squared once more and the iteration continues on A⁴ from the current vector.
 */
function powerIterate(input: Float64Array, n: number, out: Float64Array, work: Float64Array, squaredInput: boolean): number {
  let x = out, y = work, b = input, root = squaredInput ? 2 : 1;
  for (let it = 1; it <= MAX_POWER_ITERATIONS; it++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const r = i * n;
      for (let j = 0; j < n; j++) s += b[r + j] * x[j];
      y[i] = s; total += s;
    }
    if (!(total > 0 && total < Infinity)) throw overflow(n);
    let diff = 0;
    const inv = 1 / total;
    for (let i = 0; i < n; i++) {
      const v = y[i] * inv;
      const d = v > x[i] ? v - x[i] : x[i] - v;
      if (d > diff) diff = d;
      y[i] = v;
    }
    const t = x; x = y; y = t;
    if (diff < EIGENVECTOR_TOLERANCE) {
      if (x !== out) for (let i = 0; i < n; i++) out[i] = x[i];
      return root === 1 ? total : root === 2 ? Math.sqrt(total) : Math.sqrt(Math.sqrt(total));
    }
    if (it === SQUARE_AGAIN_AFTER && root === 2 && diff > SLOW_CHANGE) {
      for (let i = 0; i < n; i++) {
        const r = i * n;
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += b[r + k] * b[k * n + j];
          squaredTwice[r + j] = s;
        }
      }
      b = squaredTwice; root = 4;
    }
  }
  throw new DomainError('eigenvector-not-converged',
    `The principal eigenvector did not converge to 1e-12 within ${MAX_POWER_ITERATIONS} power iterations.`, { size: n });
}

/**
 * Left Perron eigenvector (vᵀA = λ vᵀ, Σv = 1) by the same allocation-free power iteration on Aᵀ, reading A
 * row-major. Needed for the gradient of λmax, ∂λ/∂a_ij = v_i w_j / (vᵀw) (Bozóki, Fülöp & Rónyai 2010 §4).
 */
export function principalLeftEigenvectorInto(a: Float64Array, n: number, out: Float64Array, work: Float64Array, warmStart = false): number {
  if (n === 1) { out[0] = 1; return a[0]; }
  if (!warmStart) for (let i = 0; i < n; i++) out[i] = 1 / n;
  if (n > SQUARE_UP_TO) return leftPowerIterate(a, n, out, work);
  // (A²)ᵀ stored row-major, so the left iteration runs the same row-dot kernel as the right one.
  for (let i = 0; i < n; i++) {
    const r = i * n;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[r + k] * a[k * n + j];
      squared[j * n + i] = s;
    }
  }
  return powerIterate(squared, n, out, work, true);
}

function leftPowerIterate(b: Float64Array, n: number, out: Float64Array, work: Float64Array): number {
  let x = out, y = work;
  for (let it = 1; it <= MAX_POWER_ITERATIONS; it++) {
    for (let j = 0; j < n; j++) y[j] = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i], r = i * n;
      for (let j = 0; j < n; j++) y[j] += b[r + j] * xi;
    }
    let total = 0;
    for (let j = 0; j < n; j++) total += y[j];
    if (!(total > 0 && total < Infinity)) throw overflow(n);
    let diff = 0;
    const inv = 1 / total;
    for (let j = 0; j < n; j++) {
      const v = y[j] * inv;
      const d = v > x[j] ? v - x[j] : x[j] - v;
      if (d > diff) diff = d;
      y[j] = v;
    }
    const t = x; x = y; y = t;
    if (diff < EIGENVECTOR_TOLERANCE) {
      if (x !== out) for (let j = 0; j < n; j++) out[j] = x[j];
      return total;
    }
  }
  throw new DomainError('eigenvector-not-converged',
    `The left principal eigenvector did not converge to 1e-12 within ${MAX_POWER_ITERATIONS} power iterations.`, { size: n });
}

function overflow(n: number): DomainError {
  return new DomainError('numeric-overflow', 'The matrix entries are too extreme to compute its eigenvector in floating point.', { size: n });
}

/** Principal eigenvector of a complete pairwise matrix: weights (sum 1) and λmax. */
export interface EigenvectorResult {
  readonly weights: number[];
  readonly lambdaMax: number;
}

/**
 * Principal right eigenvector w of a complete positive reciprocal matrix A (A·w = λmax·w, Σw = 1) by power
 * iteration converged to 1e-12, and its eigenvalue λmax ≥ n (= n exactly when A is consistent).
 * Validates the matrix first (DomainError on missing, non-positive, non-reciprocal … entries).
 * Source: Saaty (1977) J. Math. Psychol. 15:234–281; Saaty (1980) The Analytic Hierarchy Process §2.
 */
export function principalEigenvector(matrix: CompleteMatrix): EigenvectorResult {
  const { n, a, missing } = parsePairwiseMatrix(matrix);
  if (missing > 0) {
    throw new DomainError('incomplete-matrix', 'The matrix has missing judgments; complete it first (completeMatrix).', { missing });
  }
  const out = new Float64Array(n), work = new Float64Array(n);
  const lambdaMax = principalEigenvectorInto(a, n, out, work);
  return { weights: Array.from(out), lambdaMax };
}
