import { binomialSurvival } from '../statistics/distributions/binomial-distribution.js';
import { validateDefaultCounts } from './validate-default-counts.js';

/**
 * One-sided binomial test of a grade's PD: H0 "the PD is not underestimated" against H1 "the true default rate
 * is higher", p = P(X ≥ D | X ~ Bin(N, PD)) for D defaults among N obligors (Basel Committee 2005, Working
 * Paper 14 "Studies on the validation of internal rating systems", §4.2; ECB 2019 Instructions for reporting
 * the validation results of internal models, §2.5.3.1). A small p (e.g. < 0.05) flags an underestimated PD.
 * Assumes independent defaults. Example (R: binom.test(3, 100, 0.01, alternative = "greater")$p.value)
 * = P(X ≥ 3) = 0.0793732…
 */
export function binomialDefaultTest(defaults: number, obligors: number, pd: number): { p: number } {
  validateDefaultCounts(defaults, obligors, pd);
  return { p: binomialSurvival(defaults, obligors, pd) };
}
