import { betaCdf, betaQuantile } from '../statistics/distributions/beta-distribution.js';
import { validateDefaultCounts } from './validate-default-counts.js';

/**
 * Jeffreys test of a grade's PD (ECB 2019, Instructions for reporting the validation results of internal
 * models, IRB Pillar I models for credit risk, §2.5.3.1): with the Jeffreys prior Beta(½, ½), the posterior of
 * the default rate after D defaults among N obligors is Beta(D + ½, N − D + ½), and the one-sided p-value is
 *   p = Beta(D + ½, N − D + ½) CDF evaluated at the PD
 * (the posterior probability that the true default rate is ≤ PD). A small p flags an underestimated PD.
 * Also returns the equal-tailed Jeffreys interval of the default rate (Brown, Cai & DasGupta 2001,
 * Statistical Science 16:101–133), with the endpoints set to 0 when D = 0 and to 1 when D = N.
 * Example: D = 0, N = 1 → p = (2/π)(asin √PD + √(PD(1 − PD))) (closed form of I_x(½, 3/2)).
 */
export function jeffreysDefaultTest(defaults: number, obligors: number, pd: number, confidence = 0.95): { p: number; interval: [number, number] } {
  validateDefaultCounts(defaults, obligors, pd);
  const a = defaults + 0.5, b = obligors - defaults + 0.5;
  const tail = (1 - confidence) / 2;
  const lower = defaults === 0 ? 0 : betaQuantile(tail, a, b);
  const upper = defaults === obligors ? 1 : betaQuantile(1 - tail, a, b);
  return { p: betaCdf(pd, a, b), interval: [lower, upper] };
}
