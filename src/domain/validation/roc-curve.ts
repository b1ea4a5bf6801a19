import { downsampleIndices } from './downsample-indices.js';
import { scoreLevels, type ScoreLevels, type ScoreOptions } from './score-levels.js';

export interface RocPoint {
  /** Cut-off: units at this score or riskier are classified bad; null for the starting point (nobody rejected). */
  readonly threshold: number | null;
  /** Share of goods classified bad (1 − specificity). */
  readonly falsePositiveRate: number;
  /** Share of bads classified bad (sensitivity, hit rate). */
  readonly truePositiveRate: number;
}

/**
 * ROC curve points from score levels: starting at (0, 0), one vertex per distinct score cumulating from the
 * riskiest, ending at (1, 1) (Fawcett 2006, Pattern Recognition Letters 27:861–874, Algorithm 1; weighted shares
 * with design weights). Thinned to at most `maxPoints` (default 200) vertices for plotting; the trapezoidal area
 * under the full vertex list equals the AUC.
 */
export function rocCurveFromLevels(levels: ScoreLevels, maxPoints = 200): RocPoint[] {
  const L = levels.scores.length;
  let cumBad = 0, cumGood = 0;
  const fpr = new Float64Array(L + 1), tpr = new Float64Array(L + 1);
  for (let k = 0; k < L; k++) {
    cumBad += levels.bads[k]; cumGood += levels.goods[k];
    tpr[k + 1] = k === L - 1 ? 1 : Math.min(1, cumBad / levels.totalBad);
    fpr[k + 1] = k === L - 1 ? 1 : Math.min(1, cumGood / levels.totalGood);
  }
  return downsampleIndices(L + 1, maxPoints).map((i) => ({
    threshold: i === 0 ? null : levels.scores[i - 1], falsePositiveRate: fpr[i], truePositiveRate: tpr[i],
  }));
}

/** ROC curve of a score for binary outcomes (1 = bad), ≤ `maxPoints` points; see `rocCurveFromLevels`. */
export function rocCurve(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreOptions & { maxPoints?: number } = {}): RocPoint[] {
  return rocCurveFromLevels(scoreLevels(outcomes, scores, options), options.maxPoints ?? 200);
}
