import { DomainError } from '../../domain-error.js';
import { solveIncreasingInLogScale } from './log-scale-root.js';
import { regularizedBetaTails } from './regularized-beta.js';
import { binomialDensityFromCounts } from './saddle-point-density.js';

const LOG_SMALLEST = Math.log(Number.MIN_VALUE);

function validateShapes(a: number, b: number): void {
  if (!Number.isFinite(a) || a <= 0 || !Number.isFinite(b) || b <= 0) {
    throw new DomainError('invalid-argument', `The beta distribution needs finite shapes a > 0 and b > 0, got a = ${a}, b = ${b}.`, { a, b });
  }
}

/** x·f(x) for the Beta(a, b) density f, with y = 1 − x given: a·C(a+b, a)·x^a·y^b·b/((a+b)·y) (Loader 2000). */
function xTimesDensity(x: number, y: number, a: number, b: number): number {
  return (a * b * binomialDensityFromCounts(a, b, x, y)) / ((a + b) * y);
}

/** Solves I_x(a, b) = p (with 1 − I_x = q) for x, assuming the answer is not close to 1. */
function solveSmallSide(p: number, q: number, a: number, b: number, initial: number): number {
  // For small a the answer can lie below the smallest double (I_x ≈ x^a/(a·B(a, b))); then 0 is the best answer.
  if (a < 2 && regularizedBetaTails(Number.MIN_VALUE, 1, a, b).lower >= p) return 0;
  const matchLower = p <= q;
  const logTarget = Math.log(matchLower ? p : q);
  const u = solveIncreasingInLogScale((logX) => {
    const x = Math.exp(logX);
    const y = 1 - x;
    if (y <= 0) return { value: Number.POSITIVE_INFINITY, slope: Number.NaN };
    const tails = regularizedBetaTails(x, y, a, b);
    const slope = xTimesDensity(x, y, a, b);
    if (matchLower) return { value: Math.log(tails.lower) - logTarget, slope: slope / tails.lower };
    return { value: logTarget - Math.log(tails.upper), slope: slope / tails.upper };
  }, LOG_SMALLEST, 0, Math.log(initial));
  return Math.exp(u);
}

/**
 * Starting value of Numerical Recipes 3rd ed. §6.14.2 (`invbetai`, after Abramowitz & Stegun 26.5.22), returned
 * as both x and 1 − x so that a start very close to 1 is not lost to rounding.
 */
function initialBetaGuess(p: number, q: number, a: number, b: number): BetaQuantilePair {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : q;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    const be = b * Math.exp(2 * w);
    return { x: a / (a + be), y: be / (a + be) };
  }
  const lna = Math.log(a / (a + b));
  const lnb = Math.log(b / (a + b));
  const t = Math.exp(a * lna) / a;
  const u = Math.exp(b * lnb) / b;
  const w = t + u;
  if (p < t / w) {
    const x = (a * w * p) ** (1 / a);
    return { x, y: 1 - x };
  }
  const y = (b * w * q) ** (1 / b);
  return { x: 1 - y, y };
}

export interface BetaQuantilePair {
  /** The quantile x. */
  x: number;
  /** 1 − x, computed directly when x is close to 1 (the F and t quantiles need it). */
  y: number;
}

/**
 * Inverse of the regularized incomplete beta function: x with I_x(a, b) = p, where q = 1 − p is passed
 * separately. Solves for whichever of x and 1 − x is smaller (using I_x(a, b) = 1 − I_{1−x}(b, a)) so that both
 * are returned accurately. Safeguarded Newton in ln x from the Numerical Recipes `invbetai` starting value.
 */
export function betaQuantilePair(p: number, q: number, a: number, b: number): BetaQuantilePair {
  if (p <= 0) return { x: 0, y: 1 };
  if (q <= 0) return { x: 1, y: 0 };
  let guess = initialBetaGuess(p, q, a, b);
  if (!(guess.x >= 0 && guess.y >= 0)) guess = { x: a / (a + b), y: b / (a + b) };
  if (guess.x <= 0.5) {
    const x = solveSmallSide(p, q, a, b, Math.max(guess.x, Number.MIN_VALUE));
    return { x, y: 1 - x };
  }
  const y = solveSmallSide(q, p, b, a, Math.max(guess.y, Number.MIN_VALUE));
  return { x: 1 - y, y };
}

/**
 * Beta distribution function P(X ≤ x) = I_x(a, b), the regularized incomplete beta function (Numerical Recipes
 * 3rd ed. §6.4). Values outside [0, 1] give 0 or 1. Example (R 4.x): pbeta(0.5, 2, 3) = 0.6875 exactly.
 */
export function betaCdf(x: number, a: number, b: number): number {
  validateShapes(a, b);
  if (Number.isNaN(x)) throw new DomainError('invalid-argument', 'The beta distribution needs a number, got NaN.', { x });
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return regularizedBetaTails(x, 1 - x, a, b).lower;
}

/**
 * Beta quantile: the x in [0, 1] with I_x(a, b) = p, for 0 ≤ p ≤ 1 (see `betaQuantilePair`).
 * Example (R 4.x): qbeta(0.5, 2, 2) = 0.5.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  validateShapes(a, b);
  if (!(p >= 0 && p <= 1)) throw new DomainError('invalid-argument', `The beta quantile needs 0 ≤ p ≤ 1, got ${p}.`, { p });
  return betaQuantilePair(p, 1 - p, a, b).x;
}
