import { scoreLevels, type ScoreLevels, type ScoreOptions } from './score-levels.js';

/**
 * Area under the ROC curve from score levels: the probability that a randomly drawn bad is rated riskier than a
 * randomly drawn good, ties counting ½ — the Mann–Whitney U statistic divided by (bads × goods)
 * (Hanley & McNeil 1982, Radiology 143:29–36; Bamber 1975). With design weights each pair counts w_bad·w_good:
 *   AUC = Σ_levels B_k·(G_safer(k) + ½·G_k) / (B·G).
 * One pass over the levels; in [0, 1].
 */
export function aucFromLevels(levels: ScoreLevels): number {
  const { bads, goods } = levels;
  let goodsSafer = 0;
  let sum = 0;
  for (let k = bads.length - 1; k >= 0; k--) {
    sum += bads[k] * (goodsSafer + 0.5 * goods[k]);
    goodsSafer += goods[k];
  }
  return clampUnit(sum / (levels.totalBad * levels.totalGood));
}

/**
 * AUC of a score for binary outcomes (1 = bad/default), O(n log n) with ties handled as ½ (Mann–Whitney).
 * `higherIsRiskier` (default false: higher score = safer) sets the direction; optional design weights.
 * Example (R pROC 1.18 on its aSAH data): auc(roc(aSAH$outcome, aSAH$s100b)) = 0.731368563685637.
 * Throws DomainError for all-good/all-bad samples, length mismatch, NaN/infinite scores.
 */
export function areaUnderRocCurve(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreOptions = {}): number {
  return aucFromLevels(scoreLevels(outcomes, scores, options));
}

function clampUnit(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
