import { DomainError } from '../domain-error.js';
import { normalQuantile } from '../statistics/distributions/normal-distribution.js';
import { delongCovariance } from './delong-covariance.js';
import { delongPlacements, type DelongPlacements } from './delong-placements.js';
import { scoreLevels, type ScoreOptions } from './score-levels.js';

export interface AucInterval {
  readonly auc: number;
  /** DeLong variance of the AUC. */
  readonly variance: number;
  readonly standardError: number;
  /** [lower, upper], clipped to [0, 1] as in pROC. */
  readonly ci: [number, number];
  readonly confidence: number;
}

/** The DeLong interval from already computed placements: AUC ± z_(1+c)/2 · √Var, clipped to [0, 1]. */
export function aucIntervalFromPlacements(placements: DelongPlacements, confidence = 0.95): AucInterval {
  if (!(confidence > 0 && confidence < 1)) {
    throw new DomainError('invalid-confidence', `The confidence level must be strictly between 0 and 1, got ${confidence}.`, { confidence });
  }
  const variance = Math.max(0, delongCovariance(placements, placements));
  const standardError = Math.sqrt(variance);
  const z = normalQuantile(0.5 + confidence / 2);
  const auc = placements.auc;
  return { auc, variance, standardError, ci: [Math.max(0, auc - z * standardError), Math.min(1, auc + z * standardError)], confidence };
}

/**
 * AUC with its variance and confidence interval by DeLong's method (DeLong et al. 1988; fast O(n log n) form of
 * Sun & Xu 2014): CI = AUC ± Φ⁻¹((1 + c)/2)·√Var(AUC), clipped to [0, 1] — R pROC's ci.auc(method = "delong").
 * Example (pROC 1.18, aSAH): ci.auc(roc(aSAH$outcome, aSAH$ndka)) = 0.501244999271703 – 0.722670989888189.
 * Needs ≥ 2 bads and ≥ 2 goods.
 */
export function aucConfidenceInterval(outcomes: ArrayLike<number>, scores: ArrayLike<number>,
  options: ScoreOptions & { confidence?: number } = {}): AucInterval {
  const levels = scoreLevels(outcomes, scores, options);
  return aucIntervalFromPlacements(delongPlacements(outcomes, levels, options.weights), options.confidence ?? 0.95);
}
