import { DomainError } from '../../domain-error.js';

export interface LogScaleEvaluation {
  /** h(u), increasing in u; the root h(u) = 0 is sought. May be ±Infinity when a tail underflows. */
  value: number;
  /** dh/du (> 0); ignored when not finite. */
  slope: number;
}

/**
 * Finds u in [lower, upper] with h(u) = 0 for an increasing h, by Newton's method safeguarded with bisection
 * (the bracket shrinks at every step, so it always converges; cf. Numerical Recipes 3rd ed. §9.4 `rtsafe`).
 * The distributions' quantile functions use u = ln x and h = ln(tail) − ln(target), which is close to linear in
 * the tails, so Newton converges in a few steps even for targets like 1e-300.
 */
export function solveIncreasingInLogScale(
  evaluate: (u: number) => LogScaleEvaluation,
  lower: number,
  upper: number,
  initial: number,
): number {
  let lo = lower;
  let hi = upper;
  let u = Number.isFinite(initial) ? Math.min(Math.max(initial, lo), hi) : 0.5 * (lo + hi);
  for (let iteration = 0; iteration < 400; iteration++) {
    const { value, slope } = evaluate(u);
    if (value === 0) return u;
    if (value < 0) lo = u;
    else hi = u;
    const tolerance = 4e-16 * Math.max(1, Math.abs(u));
    if (hi - lo <= tolerance) return u;
    let next = Number.isFinite(value) && Number.isFinite(slope) && slope > 0 ? u - value / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - u) <= tolerance) return next;
    u = next;
  }
  throw new DomainError('no-convergence', 'A quantile search did not converge.', { lower, upper, initial });
}
