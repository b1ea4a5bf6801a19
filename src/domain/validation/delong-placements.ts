import type { ScoreLevels } from './score-levels.js';

/** DeLong's structural components of one AUC, in input order of the bads and of the goods. */
export interface DelongPlacements {
  readonly auc: number;
  /** V10 of each bad, in input order of the bads. */
  readonly badComponents: Float64Array;
  /** V01 of each good, in input order of the goods. */
  readonly goodComponents: Float64Array;
  /** Design weights of the bads and goods in the same order (undefined when unweighted). */
  readonly badWeights: Float64Array | undefined;
  readonly goodWeights: Float64Array | undefined;
  readonly totalBad: number;
  readonly totalGood: number;
}

/**
 * DeLong's structural components ("placements") of an AUC (DeLong, DeLong & Clarke-Pearson 1988, Biometrics
 * 44:837–845): for each bad i, V10_i = share of goods rated safer than it (ties ½); for each good j,
 * V01_j = share of bads rated riskier than it (ties ½). AUC = mean of V10 = mean of V01.
 * Computed from the score levels in O(n), the midrank form of Sun & Xu (2014, IEEE Signal Processing Letters
 * 21:1389–1393): V10_i = (R_i − R_i^bad)/n_good with R the midrank among all units and R^bad among bads —
 * here the same count read directly off the cumulative level table. With design weights the shares are weighted.
 */
export function delongPlacements(outcomes: ArrayLike<number>, levels: ScoreLevels, weights?: ArrayLike<number>): DelongPlacements {
  const L = levels.scores.length;
  // For each level: goods strictly safer + ½ goods at the level; bads strictly riskier + ½ bads at the level.
  const badPlacementAt = new Float64Array(L);
  const goodPlacementAt = new Float64Array(L);
  let goodsSafer = 0;
  for (let k = L - 1; k >= 0; k--) {
    badPlacementAt[k] = (goodsSafer + 0.5 * levels.goods[k]) / levels.totalGood;
    goodsSafer += levels.goods[k];
  }
  let badsRiskier = 0;
  for (let k = 0; k < L; k++) {
    goodPlacementAt[k] = (badsRiskier + 0.5 * levels.bads[k]) / levels.totalBad;
    badsRiskier += levels.bads[k];
  }
  const badComponents = new Float64Array(levels.badCount);
  const goodComponents = new Float64Array(levels.goodCount);
  const badWeights = weights ? new Float64Array(levels.badCount) : undefined;
  const goodWeights = weights ? new Float64Array(levels.goodCount) : undefined;
  const { levelOf } = levels;
  let b = 0, g = 0;
  let aucSum = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const level = levelOf[i];
    if (outcomes[i] === 1) {
      const v = badPlacementAt[level];
      badComponents[b] = v;
      if (badWeights && weights) { badWeights[b] = weights[i]; aucSum += weights[i] * v; } else aucSum += v;
      b++;
    } else {
      goodComponents[g] = goodPlacementAt[level];
      if (goodWeights && weights) goodWeights[g] = weights[i];
      g++;
    }
  }
  const auc = Math.min(1, Math.max(0, aucSum / levels.totalBad));
  return { auc, badComponents, goodComponents, badWeights, goodWeights, totalBad: levels.totalBad, totalGood: levels.totalGood };
}
