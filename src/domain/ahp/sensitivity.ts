import { DomainError } from '../domain-error.js';

/** For one criterion: the smallest change of its weight (others rescaled proportionally) that reverses the ranking. */
export interface SensitivityEntry {
  /** Index of the criterion whose weight is varied. */
  readonly criterion: number;
  readonly weight: number;
  /** Signed change w' − w at which the reversal happens (the tie point); `null` if none within w' ∈ [0, 1]. */
  readonly delta: number | null;
  readonly weightAtReversal: number | null;
  /** The element ranked first (scores mode) or the element that loses its place (weights mode) before the change. */
  readonly top: number;
  /** The element that draws level with `top` at the reversal point; `null` when there is none. */
  readonly overtakenBy: number | null;
}

const TOLERANCE = 1e-12;

function checkVector(name: string, v: unknown, length?: number): number[] {
  if (!Array.isArray(v) || v.length === 0 || (length !== undefined && v.length !== length)) {
    throw new DomainError('bad-sensitivity-input', `${name} must be a non-empty list of numbers${length !== undefined ? ` with ${length} entries` : ''}.`);
  }
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new DomainError('bad-sensitivity-input', `${name} must contain non-negative finite numbers.`);
    }
  }
  return v as number[];
}

/**
 * One-at-a-time weight sensitivity with proportional rescaling: when criterion k moves from w_k to x, every
 * other weight becomes w_c·(1 − x)/(1 − w_k), so the weights still sum to 1 (the usual AHP sensitivity,
 * e.g. Expert Choice / AHP-OS "sensitivity analysis"; Triantaphyllou & Sánchez 1997, Decision Sciences 28:151).
 *
 * - With `scores` (criteria × alternatives, e.g. local priorities of alternatives or indicator contributions
 *   under each criterion), the overall score S_a(x) = x·s_ka + (1 − x)·R_ka, R_ka = Σ_{c≠k} w_c s_ca/(1 − w_k),
 *   is linear in x, so the point where another alternative b ties the current best t is
 *   x* = (R_kt − R_kb) / ((R_kt − R_kb) − (s_kt − s_kb)); the entry reports the smallest |x* − w_k| with x* in [0, 1].
 * - Without `scores` (a plain weight vector) it reports, for each of the top two elements, the change of its own
 *   weight at which they tie: x* = w_other/(1 − w_k + w_other); rescaling leaves the order of the top two
 *   unchanged when any other weight moves, so other criteria get `delta: null`.
 * `weights` must be non-negative and sum to 1 (±1e-6).
 */
export function sensitivity(weights: readonly number[], scores?: readonly (readonly number[])[]): SensitivityEntry[] {
  const w = checkVector('weights', weights);
  const total = w.reduce((s, x) => s + x, 0);
  if (Math.abs(total - 1) > 1e-6) throw new DomainError('bad-sensitivity-input', `weights must sum to 1, got ${total}.`, { sum: total });
  const m = w.length;
  if (scores === undefined) return topTwoSensitivity(w);
  if (!Array.isArray(scores) || scores.length !== m) {
    throw new DomainError('bad-sensitivity-input', `scores must have one row per criterion (${m}).`, { expected: m });
  }
  const rows = scores.map((r, c) => checkVector(`scores row ${c + 1}`, r, (scores[0] as number[])?.length));
  const A = rows[0].length;
  const overall = new Array<number>(A).fill(0);
  for (let c = 0; c < m; c++) for (let a = 0; a < A; a++) overall[a] += w[c] * rows[c][a];
  let top = 0;
  for (let a = 1; a < A; a++) if (overall[a] > overall[top]) top = a;
  return w.map((wk, k) => {
    let best: { delta: number; x: number; b: number } | null = null;
    if (A > 1 && wk < 1 - TOLERANCE) {
      const rest = 1 - wk;
      const R = (a: number): number => (overall[a] - wk * rows[k][a]) / rest;
      const Rt = R(top);
      for (let b = 0; b < A; b++) {
        if (b === top) continue;
        const dR = Rt - R(b), ds = rows[k][top] - rows[k][b];
        const denominator = dR - ds;
        if (Math.abs(denominator) < TOLERANCE) continue; // parallel: the gap never closes
        const x = dR / denominator;
        if (x < -TOLERANCE || x > 1 + TOLERANCE) continue;
        const xc = Math.min(1, Math.max(0, x));
        const delta = xc - wk;
        if (!best || Math.abs(delta) < Math.abs(best.delta)) best = { delta, x: xc, b };
      }
    }
    return { criterion: k, weight: wk, delta: best ? best.delta : null, weightAtReversal: best ? best.x : null, top, overtakenBy: best ? best.b : null };
  });
}

function topTwoSensitivity(w: number[]): SensitivityEntry[] {
  const order = w.map((_, i) => i).sort((x, y) => w[y] - w[x] || x - y);
  const first = order[0], second = order.length > 1 ? order[1] : -1;
  return w.map((wk, k) => {
    if (second < 0 || (k !== first && k !== second)) {
      return { criterion: k, weight: wk, delta: null, weightAtReversal: null, top: first, overtakenBy: null };
    }
    const other = k === first ? second : first;
    const x = w[other] / (1 - wk + w[other]);
    return { criterion: k, weight: wk, delta: x - wk, weightAtReversal: x, top: first, overtakenBy: second };
  });
}
