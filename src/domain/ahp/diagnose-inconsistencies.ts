import type { CompletionMethod } from './ahp-types.js';
import { completePairwiseData } from './complete-matrix.js';
import { consistencyRatio } from './consistency-ratio.js';
import { principalEigenvectorInto } from './principal-eigenvector.js';
import type { RiTableName } from './random-index.js';
import { nearestSaatyValue } from './saaty-scale.js';
import type { PairwiseData } from './validate-pairwise-matrix.js';

/** One judgment flagged as inconsistent; i < j, 0-based. */
export interface Inconsistency {
  /** Row of the judgment a_ij (0-based). */
  readonly i: number;
  /** Column of the judgment a_ij (0-based), j > i. */
  readonly j: number;
  /** The judgment as given, a_ij. */
  readonly value: number;
  /** The 1–9 scale value nearest (in logs) to w_i/w_j: the judgment that would agree with the priorities. */
  readonly suggested: number;
  /** max(e_ij, 1/e_ij) with e_ij = a_ij·w_j/w_i (1 = perfectly consistent with the priorities). */
  readonly error: number;
  /** The CR the matrix would have if only this judgment were replaced by `suggested`. */
  readonly crIfChanged: number;
}

/**
 * The top-k most inconsistent given judgments (i < j): e_ij = a_ij·w_j/w_i, ranked by max(e_ij, 1/e_ij)
 * (Saaty 2003, EJOR 145:85–91; AHP-OS AhpCalc::get_inconsistency shows the top 3). Each comes with the
 * Saaty-scale value nearest to w_i/w_j in log terms and the CR after that single change (missing judgments of
 * an incomplete matrix are completed again with the same method). Judgments with error ≤ 1 + 1e-9 (already
 * consistent with w) are not listed; errors equal within 1e-9 (relative) keep row-major order.
 *
 * `data` is the validated input in working form (missing = 0); `weights` are the reported priorities.
 */
export function diagnoseInconsistencies(
  data: PairwiseData, weights: ArrayLike<number>, top: number,
  riTable: RiTableName, completion: CompletionMethod,
): Inconsistency[] {
  const { n, a } = data;
  const candidates: { i: number; j: number; error: number; key: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = a[i * n + j];
      if (v === 0) continue;
      const e = (v * weights[j]) / weights[i];
      const error = e >= 1 ? e : 1 / e;
      // Sort key: ln(error) on a 1e-9 grid, so errors equal up to rounding tie and keep row-major order.
      if (error > 1 + 1e-9) candidates.push({ i, j, error, key: Math.round(Math.log(error) * 1e9) });
    }
  }
  candidates.sort((x, y) => y.key - x.key || x.i - y.i || x.j - y.j);
  const out: Inconsistency[] = [];
  const w = new Float64Array(n), work = new Float64Array(n);
  for (const { i, j, error } of candidates.slice(0, Math.max(0, top))) {
    const value = a[i * n + j];
    const suggested = nearestSaatyValue(weights[i] / weights[j]);
    const changed = new Float64Array(a);
    changed[i * n + j] = suggested; changed[j * n + i] = 1 / suggested;
    const filled = data.missing > 0 ? completePairwiseData({ n, a: changed, missing: data.missing }, completion) : changed;
    const lambdaMax = principalEigenvectorInto(filled, n, w, work);
    out.push({ i, j, value, suggested, error, crIfChanged: consistencyRatio(lambdaMax, n, riTable).cr });
  }
  return out;
}
