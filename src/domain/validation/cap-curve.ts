import { downsampleIndices } from './downsample-indices.js';
import { scoreLevels, type ScoreLevels, type ScoreOptions } from './score-levels.js';

export interface CapPoint {
  /** Cut-off: units at this score or riskier are excluded; null for the starting point. */
  readonly threshold: number | null;
  /** Share of all units (weighted) at this score or riskier. */
  readonly populationShare: number;
  /** Share of all bads (weighted) captured at this score or riskier. */
  readonly badShare: number;
}

/**
 * Cumulative accuracy profile (CAP, "power curve", Lorenz curve of defaults) from score levels: units sorted
 * riskiest first, x = share of the population excluded, y = share of defaults captured (Sobehart, Keenan &
 * Stein 2000, Moody's "Benchmarking quantitative default risk models"; Engelmann, Hayden & Tasche 2003). Its
 * accuracy ratio equals the Gini coefficient 2·AUC − 1. Thinned to ≤ `maxPoints` (default 200) vertices.
 */
export function capCurveFromLevels(levels: ScoreLevels, maxPoints = 200): CapPoint[] {
  const L = levels.scores.length;
  const total = levels.totalBad + levels.totalGood;
  const x = new Float64Array(L + 1), y = new Float64Array(L + 1);
  let cumBad = 0, cumAll = 0;
  for (let k = 0; k < L; k++) {
    cumBad += levels.bads[k]; cumAll += levels.bads[k] + levels.goods[k];
    x[k + 1] = k === L - 1 ? 1 : Math.min(1, cumAll / total);
    y[k + 1] = k === L - 1 ? 1 : Math.min(1, cumBad / levels.totalBad);
  }
  return downsampleIndices(L + 1, maxPoints).map((i) => ({
    threshold: i === 0 ? null : levels.scores[i - 1], populationShare: x[i], badShare: y[i],
  }));
}

/** CAP curve of a score for binary outcomes (1 = bad), ≤ `maxPoints` points; see `capCurveFromLevels`. */
export function capCurve(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreOptions & { maxPoints?: number } = {}): CapPoint[] {
  return capCurveFromLevels(scoreLevels(outcomes, scores, options), options.maxPoints ?? 200);
}
