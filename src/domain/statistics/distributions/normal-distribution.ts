import { DomainError } from '../../domain-error.js';
import { regularizedGammaTails } from './regularized-gamma.js';

const INV_SQRT_TWO_PI = 0.398942280401432677939946059934;

function validateZ(z: number): void {
  if (Number.isNaN(z)) throw new DomainError('invalid-argument', 'The normal distribution needs a number, got NaN.', { z });
}

/**
 * Upper tail P(Z > |z|) of the standard normal as ½·Q(½, z²/2): the normal tail is an incomplete gamma function
 * (Abramowitz & Stegun 26.2.30 with 6.5.17: erfc(x) = Q(½, x²)), evaluated by the series/continued fraction of
 * Numerical Recipes 3rd ed. §6.2, which keeps full relative accuracy far into the tail.
 */
function upperTailOfAbs(z: number): number {
  const x = Math.abs(z);
  if (x === Number.POSITIVE_INFINITY) return 0;
  return 0.5 * regularizedGammaTails(0.5, 0.5 * x * x).upper;
}

/**
 * Standard normal density φ(z) = e^(−z²/2)/√(2π). Example: φ(0) = 0.3989422804014327.
 */
export function normalDensity(z: number): number {
  validateZ(z);
  return INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}

/**
 * Standard normal distribution function Φ(z) = P(Z ≤ z) = ½·erfc(−z/√2).
 * Computed from the incomplete gamma function, erfc(x) = Q(½, x²) (Abramowitz & Stegun 7.1.2, 6.5.17), so
 * Φ(z) for very negative z keeps ~1e-14 relative accuracy (R: pnorm(-10) = 7.619853024160527e-24).
 */
export function normalCdf(z: number): number {
  validateZ(z);
  if (z === 0) return 0.5;
  const tail = upperTailOfAbs(z);
  return z < 0 ? tail : 1 - tail;
}

/**
 * Standard normal survival function 1 − Φ(z) = P(Z > z) = Φ(−z), accurate in the far upper tail
 * (R: pnorm(10, lower.tail = FALSE) = 7.619853024160527e-24). Same method as `normalCdf`.
 */
export function normalSurvival(z: number): number {
  validateZ(z);
  return normalCdf(-z);
}

// Coefficients of Wichura (1988), Algorithm AS 241 PPND16, Applied Statistics 37(3):477–484.
const A = [3.3871328727963666080, 1.3314166789178437745e2, 1.9715909503065514427e3, 1.3731693765509461125e4,
  4.5921953931549871457e4, 6.7265770927008700853e4, 3.3430575583588128105e4, 2.5090809287301226727e3];
const B = [1, 4.2313330701600911252e1, 6.8718700749205790830e2, 5.3941960214247511077e3, 2.1213794301586595867e4,
  3.9307895800092710610e4, 2.8729085735721942674e4, 5.2264952788528545610e3];
const C = [1.42343711074968357734, 4.63033784615654529590, 5.76949722146069140550, 3.64784832476320460504,
  1.27045825245236838258, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4];
const D = [1, 2.05319162663775882187, 1.67638483018380384940, 6.89767334985100004550e-1, 1.48103976427480074590e-1,
  1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9];
const E = [6.65790464350110377720, 5.46378491116411436990, 1.78482653991729133580, 2.96560571828504891230e-1,
  2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
  7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15];

function rational(numerator: number[], denominator: number[], r: number): number {
  let num = 0;
  let den = 0;
  for (let i = 7; i >= 0; i--) {
    num = num * r + numerator[i];
    den = den * r + denominator[i];
  }
  return num / den;
}

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1 by Wichura's Algorithm AS 241 (PPND16), rational
 * approximations accurate to about 1 part in 10¹⁶ (Applied Statistics 1988, 37(3):477–484; also R's qnorm).
 * Example: normalQuantile(0.975) = 1.959963984540054.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    throw new DomainError('invalid-argument', `The normal quantile needs a probability strictly between 0 and 1, got ${p}.`, { p });
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * rational(A, B, 0.180625 - q * q);
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  const value = r <= 5 ? rational(C, D, r - 1.6) : rational(E, F, r - 5);
  return q < 0 ? -value : value;
}
