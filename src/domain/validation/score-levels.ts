import { DomainError } from '../domain-error.js';
import { numericLevels } from './numeric-levels.js';
import { validateScoredOutcomes } from './validate-scored-outcomes.js';

/** How a score is read: the direction of risk and optional design weights. */
export interface ScoreOptions {
  /** true: a higher score means more risk (a PD); false (default): higher is safer (a 0–100 credit score). */
  readonly higherIsRiskier?: boolean;
  /** Design weights (≥ 0), one per unit; default 1 each. */
  readonly weights?: ArrayLike<number>;
}

/**
 * The distinct score values of a scored sample, ordered riskiest first, with the (weighted) number of bads and
 * goods at each. Every rank-based metric (AUC, DeLong placements, KS, ROC/CAP curves, cut-off tables) is one
 * linear pass over this table, so a sample is sorted once however many metrics are computed.
 */
export interface ScoreLevels {
  /** Distinct scores, riskiest first. */
  readonly scores: Float64Array;
  /** Weighted bads at each level (counts when unweighted). */
  readonly bads: Float64Array;
  /** Weighted goods at each level. */
  readonly goods: Float64Array;
  /** Level index of each unit, in input order. */
  readonly levelOf: Uint32Array;
  readonly totalBad: number;
  readonly totalGood: number;
  /** Unweighted numbers of bads and goods. */
  readonly badCount: number;
  readonly goodCount: number;
  readonly higherIsRiskier: boolean;
  readonly weighted: boolean;
}

/**
 * Groups a scored sample into ordered score levels (ties share a level), O(n) via `numericLevels`.
 * Validates the input first: outcomes 0/1 with both classes present, finite scores, weights ≥ 0 of equal length,
 * and positive total weight in each class.
 */
export function scoreLevels(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ScoreOptions & { label?: string } = {}): ScoreLevels {
  const { bads: badCount, goods: goodCount } = validateScoredOutcomes(outcomes, scores, { weights: options.weights, label: options.label });
  const higherIsRiskier = options.higherIsRiskier ?? false;
  const weights = options.weights;
  const n = outcomes.length;
  const grouped = numericLevels(scores);
  const L = grouped.values.length;
  // Riskiest first: ascending scores when higher is safer, descending when higher is riskier.
  const levelOf = grouped.levelOf;
  if (higherIsRiskier) for (let i = 0; i < n; i++) levelOf[i] = L - 1 - levelOf[i];
  const levelScores = higherIsRiskier ? grouped.values.slice().reverse() : grouped.values;
  const levelBads = new Float64Array(L);
  const levelGoods = new Float64Array(L);
  let totalBad = 0, totalGood = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    if (outcomes[i] === 1) { levelBads[levelOf[i]] += w; totalBad += w; } else { levelGoods[levelOf[i]] += w; totalGood += w; }
  }
  if (weights && !(totalBad > 0 && totalGood > 0)) {
    throw new DomainError('zero-class-weight',
      `The design weights of the ${totalBad > 0 ? 'goods' : 'bads'} sum to 0; each class needs a positive total weight.`,
      { totalBadWeight: totalBad, totalGoodWeight: totalGood });
  }
  return {
    scores: levelScores,
    bads: levelBads,
    goods: levelGoods,
    levelOf, totalBad, totalGood, badCount, goodCount, higherIsRiskier, weighted: weights !== undefined,
  };
}
