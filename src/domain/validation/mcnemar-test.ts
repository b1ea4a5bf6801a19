import { DomainError, describeValue } from '../domain-error.js';
import { binomialCdf } from '../statistics/distributions/binomial-distribution.js';
import { chiSquareSurvival } from '../statistics/distributions/chi-square-distribution.js';

export interface McNemarResult {
  /** b: units where only the first version is "positive" (e.g. correct, or rejects). */
  readonly onlyFirst: number;
  /** c: units where only the second version is. */
  readonly onlySecond: number;
  readonly discordant: number;
  /** χ² = (b − c)²/(b + c), 1 df (McNemar 1947). */
  readonly chiSquare: number;
  readonly p: number;
  /** With Edwards' continuity correction: χ² = max(0, |b − c| − 1)²/(b + c). */
  readonly chiSquareCorrected: number;
  readonly pCorrected: number;
  /** Exact two-sided binomial p = min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, ½). */
  readonly exactP: number;
  /** 'exact' when b + c < 25 (too few discordant pairs for the χ² approximation), else 'chi-square'. */
  readonly recommended: 'exact' | 'chi-square';
}

/**
 * McNemar's test of marginal homogeneity for paired binary decisions of two model versions on the same units
 * (McNemar 1947, Psychometrika 12:153–157; Agresti 2013, Categorical Data Analysis 3rd ed. §11.1): only the
 * discordant counts b and c matter. Returns the plain and continuity-corrected χ² (1 df) and the exact binomial
 * version for small counts. No discordant pairs → χ² = 0, p = 1.
 * Example (Agresti 2013 Table 11.1, presidential approval 794/150/86/570): χ² = 64²/236 = 17.36, p < 0.001.
 */
export function mcNemarTest(onlyFirst: number, onlySecond: number): McNemarResult {
  for (const [name, v] of [['onlyFirst', onlyFirst], ['onlySecond', onlySecond]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new DomainError('invalid-count', `McNemar's test needs whole-number counts ≥ 0; ${name} is ${v}.`, { [name]: v });
    }
  }
  const b = onlyFirst, c = onlySecond, n = b + c;
  const recommended = n < 25 ? 'exact' : 'chi-square';
  if (n === 0) {
    return { onlyFirst: b, onlySecond: c, discordant: 0, chiSquare: 0, p: 1, chiSquareCorrected: 0, pCorrected: 1, exactP: 1, recommended };
  }
  const chiSquare = ((b - c) * (b - c)) / n;
  const corrected = Math.max(0, Math.abs(b - c) - 1);
  const chiSquareCorrected = (corrected * corrected) / n;
  const exactP = Math.min(1, 2 * binomialCdf(Math.min(b, c), n, 0.5));
  return {
    onlyFirst: b, onlySecond: c, discordant: n,
    chiSquare, p: chiSquareSurvival(chiSquare, 1),
    chiSquareCorrected, pCorrected: chiSquareSurvival(chiSquareCorrected, 1),
    exactP, recommended,
  };
}

/**
 * McNemar's test from two aligned decision vectors (true/1 = positive, e.g. "classified correctly" or
 * "rejected"): b = first only, c = second only; also returns the concordant counts.
 */
export function mcNemarFromDecisions(first: ArrayLike<boolean | number>, second: ArrayLike<boolean | number>):
  McNemarResult & { both: number; neither: number } {
  if (first.length !== second.length) {
    throw new DomainError('length-mismatch', `The two decision lists differ in length (${first.length} and ${second.length}); McNemar's test needs paired decisions.`,
      { first: first.length, second: second.length });
  }
  let both = 0, neither = 0, b = 0, c = 0;
  for (let i = 0; i < first.length; i++) {
    const x = decision(first[i], i, 'first'), y = decision(second[i], i, 'second');
    if (x && y) both++; else if (x) b++; else if (y) c++; else neither++;
  }
  return { ...mcNemarTest(b, c), both, neither };
}

function decision(v: boolean | number, index: number, label: string): boolean {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  throw new DomainError('invalid-decision', `Decision ${index + 1} of the ${label} version is ${describeValue(v)}; decisions must be true/false or 1/0.`, { index, value: String(v) });
}
