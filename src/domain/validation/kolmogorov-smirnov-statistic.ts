import { scoreLevels, type ScoreLevels, type ScoreOptions } from './score-levels.js';

export interface KolmogorovSmirnovResult {
  /** KS = max over cut-offs of |F_bad − F_good|, in [0, 1]. */
  readonly ks: number;
  /** The score at which the maximum is reached: units at this score or riskier are on the "rejected" side. */
  readonly score: number;
  /** Share of all bads (weighted) at that score or riskier. */
  readonly badShare: number;
  /** Share of all goods (weighted) at that score or riskier. */
  readonly goodShare: number;
}

/**
 * Kolmogorov–Smirnov statistic of a scorecard from score levels: the largest distance between the cumulative
 * score distributions of bads and goods, KS = max_t |F_bad(t) − F_good(t)|, cumulating from the riskiest score
 * (Siddiqi 2006, Credit Risk Scorecards, ch. 6; the two-sample statistic D of Smirnov 1939). Ties are kept together
 * (a cut-off never splits a score). With weights, F are weighted distribution functions. The first (riskiest)
 * cut-off wins a tie of maxima.
 */
export function ksFromLevels(levels: ScoreLevels): KolmogorovSmirnovResult {
  let cumBad = 0, cumGood = 0;
  let best = -1, bestLevel = 0, bestBad = 0, bestGood = 0;
  const L = levels.scores.length;
  for (let k = 0; k < L; k++) {
    cumBad += levels.bads[k];
    cumGood += levels.goods[k];
    const fb = cumBad / levels.totalBad;
    const fg = cumGood / levels.totalGood;
    const d = Math.abs(fb - fg);
    if (d > best + 1e-15) { best = d; bestLevel = k; bestBad = fb; bestGood = fg; }
  }
  return { ks: Math.min(1, Math.max(0, best)), score: levels.scores[bestLevel], badShare: Math.min(1, bestBad), goodShare: Math.min(1, bestGood) };
}

/**
 * KS statistic of a score for binary outcomes (1 = bad); see `ksFromLevels`. O(n log n).
 * Example: bads scored {1, 2, 3}, goods {2, 4, 5, 6} (higher = safer): F_bad(3) = 1, F_good(3) = ¼ → KS = 0.75 at 3.
 */
export function kolmogorovSmirnovStatistic(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreOptions = {}): KolmogorovSmirnovResult {
  return ksFromLevels(scoreLevels(outcomes, scores, options));
}
