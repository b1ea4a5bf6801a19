import { DomainError } from '../domain-error.js';
import { normalCdf, normalQuantile } from '../statistics/distributions/normal-distribution.js';
import { delongCovariance } from './delong-covariance.js';
import { delongPlacements, type DelongPlacements } from './delong-placements.js';
import { scoreLevels, type ScoreOptions } from './score-levels.js';

export interface DelongTestResult {
  readonly aucA: number;
  readonly aucB: number;
  /** AUC_A − AUC_B. */
  readonly difference: number;
  readonly standardError: number;
  /** z = (AUC_A − AUC_B)/SE; positive when A discriminates better. */
  readonly z: number;
  /** Two-sided p-value 2·Φ(−|z|). */
  readonly p: number;
  /** Confidence interval of the difference, AUC_A − AUC_B ± z_(1+c)/2 · SE. */
  readonly ci: [number, number];
  readonly confidence: number;
}

/**
 * DeLong's test for the paired difference of two correlated AUCs from their placements:
 *   z = (A − B) / √(Var A + Var B − 2·Cov(A, B)),  p = 2·Φ(−|z|)   (DeLong et al. 1988).
 * Identical curves give z = 0, p = 1 (as pROC). A zero variance with a non-zero difference (e.g. a perfect
 * model against a constant one) has no finite z and is refused with a DomainError.
 */
export function delongTestFromPlacements(a: DelongPlacements, b: DelongPlacements, confidence = 0.95): DelongTestResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new DomainError('invalid-confidence', `The confidence level must be strictly between 0 and 1, got ${confidence}.`, { confidence });
  }
  const variance = delongCovariance(a, a) + delongCovariance(b, b) - 2 * delongCovariance(a, b);
  const difference = a.auc - b.auc;
  const standardError = Math.sqrt(Math.max(0, variance));
  const q = normalQuantile(0.5 + confidence / 2);
  // Rounding noise: treat a variance below 1e-14 of the AUC scale as zero.
  if (!(standardError > 1e-12)) {
    if (Math.abs(difference) < 1e-12) {
      return { aucA: a.auc, aucB: b.auc, difference: 0, standardError: 0, z: 0, p: 1, ci: [0, 0], confidence };
    }
    throw new DomainError('degenerate-delong',
      'DeLong\'s test is undefined here: the AUC difference has zero estimated variance (a model separating perfectly, or scoring every unit the same).',
      { aucA: a.auc, aucB: b.auc });
  }
  const z = difference / standardError;
  const p = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { aucA: a.auc, aucB: b.auc, difference, standardError, z, p,
    ci: [difference - q * standardError, difference + q * standardError], confidence };
}

/**
 * DeLong's test comparing the AUCs of two scores on the same units (paired): see `delongTestFromPlacements`.
 * Example (R pROC 1.18, aSAH): roc.test(roc(outcome, wfns), roc(outcome, s100b), method = "delong") gives
 * Z = 2.20898359144091, p = 0.0271757822291882. Each score may have its own direction.
 */
export function delongTest(outcomes: ArrayLike<number>, scoresA: ArrayLike<number>, scoresB: ArrayLike<number>,
  options: { higherIsRiskierA?: boolean; higherIsRiskierB?: boolean; higherIsRiskier?: boolean; weights?: ArrayLike<number>; confidence?: number } = {}): DelongTestResult {
  const common: ScoreOptions = { weights: options.weights };
  const levelsA = scoreLevels(outcomes, scoresA, { ...common, higherIsRiskier: options.higherIsRiskierA ?? options.higherIsRiskier, label: 'scores A' });
  const levelsB = scoreLevels(outcomes, scoresB, { ...common, higherIsRiskier: options.higherIsRiskierB ?? options.higherIsRiskier, label: 'scores B' });
  return delongTestFromPlacements(delongPlacements(outcomes, levelsA, options.weights), delongPlacements(outcomes, levelsB, options.weights), options.confidence ?? 0.95);
}
