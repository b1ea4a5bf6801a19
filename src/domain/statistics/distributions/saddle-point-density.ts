/**
 * Loader's saddle-point building blocks for accurate binomial and Poisson densities, used by the incomplete
 * gamma and beta functions for their prefactors x^a·e^−x/Γ(a+1) and x^a·(1−x)^b/B(a, b). Computing these via
 * ln Γ loses ~a·1e-16 relative accuracy for large parameters; the saddle-point form keeps ~1e-15.
 *
 * Source: C. Loader (2000), "Fast and accurate computation of binomial probabilities" (the method of R's
 * dbinom/dpois: stirlerr, bd0, dbinom_raw, dpois_raw).
 */
import { logGamma } from './log-gamma.js';

const LN_SQRT_2PI = 0.918938533204672741780329736406; // ln √(2π)
const LN_2PI = 1.83787706640934548356065947281; // ln 2π
const TWO_PI = 6.283185307179586;
const SMALLEST_NORMAL = 2.2250738585072014e-308; // DBL_MIN

/**
 * Stirling's error δ(n) = ln Γ(n + 1) − (n + ½)·ln n + n − ln √(2π), for n > 0 (Loader 2000, eq. 4).
 * Direct difference for n ≤ 15, the asymptotic series 1/(12n) − 1/(360n³) + … above.
 */
export function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const nn = n * n;
  const s0 = 1 / 12, s1 = 1 / 360, s2 = 1 / 1260, s3 = 1 / 1680, s4 = 1 / 1188;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

/**
 * Deviance term D(x, m) = x·ln(x/m) + m − x ≥ 0 (Loader 2000, "bd0"), summed as a series when x ≈ m so that
 * the cancellation of the three terms does not lose accuracy.
 */
export function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    if (Math.abs(s) < SMALLEST_NORMAL) return s;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
  }
  const ratio = x / m;
  // x/m can overflow or underflow for extreme arguments (m subnormal); the difference of logs cannot.
  const logRatio = ratio > 0 && Number.isFinite(ratio) ? Math.log(ratio) : Math.log(x) - Math.log(m);
  return x * logRatio + m - x;
}

/**
 * "Binomial" density C(n, x)·p^x·q^(n−x) for real 0 ≤ x ≤ n, with q = 1 − p supplied separately so that it
 * carries full precision (Loader 2000; R's dbinom_raw).
 */
export function binomialDensityRaw(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return 0;
  return binomialDensityFromCounts(x, n - x, p, q);
}

/**
 * The same density written with the successes s and failures f = n − s given separately (real, ≥ 0):
 * Γ(s+f+1)/(Γ(s+1)·Γ(f+1))·p^s·q^f. The incomplete beta prefactor uses it with s = a, f = b, where forming
 * (a + b) − a would lose the precision of a small b next to a large a.
 */
export function binomialDensityFromCounts(s: number, f: number, p: number, q: number): number {
  const n = s + f;
  if (p === 0) return s === 0 ? 1 : 0;
  if (q === 0) return f === 0 ? 1 : 0;
  if (s === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -devianceTerm(n, n * q) - n * p : n * Math.log(q));
  }
  if (f === 0) return Math.exp(q < 0.1 ? -devianceTerm(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlingError(n) - stirlingError(s) - stirlingError(f) - devianceTerm(s, n * p) - devianceTerm(f, n * q);
  const lf = LN_2PI + Math.log(s) + Math.log(f) - Math.log(n);
  return Math.exp(lc - 0.5 * lf);
}

/** "Poisson" density λ^x·e^−λ / Γ(x + 1) for real x ≥ 0 (Loader 2000; R's dpois_raw). */
export function poissonDensityRaw(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 1 : 0;
  if (x < 0) return 0;
  if (x === 0) return Math.exp(-lambda);
  if (x <= lambda * SMALLEST_NORMAL) return Math.exp(-lambda);
  if (lambda < x * SMALLEST_NORMAL) return Math.exp(-lambda + x * Math.log(lambda) - logGamma(x + 1));
  return Math.exp(-stirlingError(x) - devianceTerm(x, lambda)) / Math.sqrt(TWO_PI * x);
}
