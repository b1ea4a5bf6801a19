import { DomainError } from '../domain-error.js';
import type { IncompleteMatrix } from './ahp-types.js';
import { normalisedExpertWeights } from './expert-weights.js';
import { parsePairwiseMatrix, toNestedMatrix, type PairwiseData } from './validate-pairwise-matrix.js';

/** Group matrix in working form plus per-pair dispersion (row-major; 0 = nobody answered / undefined). */
export interface AggregatedJudgmentsOf {
  readonly n: number;
  /** Weighted geometric mean per cell, exactly reciprocal; 0 where no expert answered. */
  readonly a: Float64Array;
  /** Geometric standard deviation per pair (symmetric, diagonal 1); 0 where fewer than 2 experts answered. */
  readonly dispersion: Float64Array;
  /** Experts who answered each cell. */
  readonly answered: Int32Array;
  readonly missing: number;
}

/**
 * AIJ on validated experts' matrices (working form) with weights λ (Σλ = 1). For each pair i < j over the
 * experts K_ij who answered it: a_ij = exp(Σ_{k∈K_ij} λ_k ln a_ij(k) / Σ_{k∈K_ij} λ_k) — the weighted geometric
 * mean with weights renormalised per cell (Aczél & Saaty 1983; Forman & Peniwati 1998, EJOR 108:165–169);
 * a_ji = 1/a_ij exactly. Dispersion: exp(s) with s² the weighted variance of ln a_ij(k) with the unbiased
 * reliability-weights correction s² = Σλ̃(x − x̄)²/(1 − Σλ̃²), λ̃ = λ renormalised on K_ij; for equal weights
 * this is the sample variance (k − 1 divisor), i.e. AHP-OS's geometric SD (AhpGroup::pwcGeoMean).
 */
export function aggregateJudgmentsOf(experts: readonly PairwiseData[], weights: Float64Array): AggregatedJudgmentsOf {
  const n = experts[0].n, K = experts.length;
  const a = new Float64Array(n * n), dispersion = new Float64Array(n * n), answered = new Int32Array(n * n);
  const logs = new Float64Array(K), lambdas = new Float64Array(K);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 1; dispersion[i * n + i] = 1; answered[i * n + i] = K;
    for (let j = i + 1; j < n; j++) {
      const cell = i * n + j;
      let count = 0, lambdaSum = 0, mean = 0;
      for (let k = 0; k < K; k++) {
        const v = experts[k].a[cell];
        if (v === 0) continue;
        const x = Math.log(v), l = weights[k];
        logs[count] = x; lambdas[count] = l; count++;
        lambdaSum += l; mean += l * x;
      }
      answered[cell] = answered[j * n + i] = count;
      if (count === 0) { missing++; continue; }
      mean /= lambdaSum;
      const g = Math.exp(mean);
      a[cell] = g; a[j * n + i] = 1 / g;
      if (count >= 2) {
        let ss = 0, l2 = 0;
        for (let c = 0; c < count; c++) {
          const l = lambdas[c] / lambdaSum, d = logs[c] - mean;
          ss += l * d * d; l2 += l * l;
        }
        const variance = l2 < 1 ? ss / (1 - l2) : 0;
        dispersion[cell] = dispersion[j * n + i] = Math.exp(Math.sqrt(Math.max(0, variance)));
      }
    }
  }
  return { n, a, dispersion, answered, missing };
}

/** Result of aggregateJudgments in JSON form. */
export interface AggregatedJudgments {
  /** Group matrix (AIJ); `null` where no expert answered. */
  readonly matrix: IncompleteMatrix;
  /** Geometric SD per pair, symmetric with 1 on the diagonal; `null` where fewer than two experts answered. */
  readonly dispersion: (number | null)[][];
  /** Number of experts who answered each pair. */
  readonly answered: number[][];
}

/**
 * Aggregation of individual judgments (AIJ) by the weighted geometric mean per cell over the experts who
 * answered that cell (expert weights normalised to Σ = 1, renormalised per cell), with the geometric standard
 * deviation per pair. Validates every matrix (DomainError names the expert, 0-based in details) and requires all
 * to have the same size. See aggregateJudgmentsOf for the formulas.
 */
export function aggregateJudgments(matrices: readonly IncompleteMatrix[], expertWeights?: readonly number[]): AggregatedJudgments {
  const experts = parseExpertMatrices(matrices);
  const r = aggregateJudgmentsOf(experts, normalisedExpertWeights(experts.length, expertWeights));
  const n = r.n;
  const dispersion: (number | null)[][] = [], answered: number[][] = [];
  for (let i = 0; i < n; i++) {
    dispersion.push(Array.from({ length: n }, (_, j) => (r.dispersion[i * n + j] === 0 ? null : r.dispersion[i * n + j])));
    answered.push(Array.from(r.answered.subarray(i * n, i * n + n)));
  }
  return { matrix: toNestedMatrix(r), dispersion, answered };
}

/** Validates a non-empty list of same-sized expert matrices (errors carry `{ expert }`, 0-based). */
export function parseExpertMatrices(matrices: readonly IncompleteMatrix[]): PairwiseData[] {
  if (!Array.isArray(matrices) || matrices.length === 0) {
    throw new DomainError('no-matrices', 'Give at least one expert matrix.');
  }
  const experts = matrices.map((m, k) => parsePairwiseMatrix(m, { expert: k }));
  const n = experts[0].n;
  experts.forEach((e, k) => {
    if (e.n !== n) {
      throw new DomainError('size-mismatch', `Expert ${k + 1}'s matrix is ${e.n} × ${e.n}, but expert 1's is ${n} × ${n}; all must compare the same elements.`,
        { expert: k, expected: n, actual: e.n });
    }
  });
  return experts;
}
