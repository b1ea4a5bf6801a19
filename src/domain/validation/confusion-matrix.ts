import { DomainError, describeValue } from '../domain-error.js';
import type { ScoreOptions } from './score-levels.js';
import { validateScoredOutcomes } from './validate-scored-outcomes.js';

/** The German credit cost matrix (Statlog, Hofmann 1994): accepting a bad costs 5, rejecting a good costs 1. */
export const GERMAN_CREDIT_COST_RATIO = 5;

export interface ConfusionMatrixOptions extends ScoreOptions {
  /** The riskiest score still accepted: accept when score ≥ cutoff (higher = safer) or score ≤ cutoff (higher = riskier). */
  readonly cutoff: number;
  /** Cost of accepting a bad relative to rejecting a good (default 5, the German credit cost matrix). */
  readonly costRatio?: number;
}

export interface ConfusionMatrix {
  readonly cutoff: number;
  readonly higherIsRiskier: boolean;
  /** Bads rejected (true positives). */
  readonly badRejected: number;
  /** Bads accepted — type I errors. */
  readonly badAccepted: number;
  /** Goods rejected — type II errors. */
  readonly goodRejected: number;
  /** Goods accepted (true negatives). */
  readonly goodAccepted: number;
  /** Type I error rate = bads accepted / bads. */
  readonly typeIErrorRate: number;
  /** Type II error rate = goods rejected / goods. */
  readonly typeIIErrorRate: number;
  /** (bads rejected + goods accepted) / all. */
  readonly accuracy: number;
  /** Share of all units rejected. */
  readonly rejectionRate: number;
  readonly costRatio: number;
  /** Total misclassification cost = costRatio·badAccepted + 1·goodRejected (weighted counts). */
  readonly totalCost: number;
  /** Expected cost per unit = totalCost / all units. */
  readonly expectedCost: number;
  readonly weighted: boolean;
}

/**
 * Confusion matrix of an accept/reject rule at a score cut-off, with type I error (a bad accepted) and type II
 * error (a good rejected) rates and the expected misclassification cost
 *   E[cost] = (c·N(bad accepted) + 1·N(good rejected)) / N,   c = costRatio (default 5:1, the Statlog German
 * credit cost matrix; West 2000, Computers & Operations Research 27:1131–1152 uses the same convention).
 * Counts are weighted sums when design weights are given. Bads with outcome 1; all-good or all-bad samples are
 * allowed (the rate of an empty class is reported as 0).
 */
export function confusionMatrix(outcomes: ArrayLike<number>, scores: ArrayLike<number>, options: ConfusionMatrixOptions): ConfusionMatrix {
  validateScoredOutcomes(outcomes, scores, { weights: options.weights, requireBothClasses: false });
  const { cutoff } = options;
  if (typeof cutoff !== 'number' || cutoff - cutoff !== 0) {
    throw new DomainError('invalid-cutoff', `The cut-off must be a finite number, got ${describeValue(cutoff)}.`, { cutoff });
  }
  const costRatio = options.costRatio ?? GERMAN_CREDIT_COST_RATIO;
  if (!(costRatio > 0) || costRatio === Infinity) {
    throw new DomainError('invalid-cost-ratio', `The cost ratio must be a positive finite number, got ${costRatio}.`, { costRatio });
  }
  const higherIsRiskier = options.higherIsRiskier ?? false;
  const w = options.weights;
  let badRejected = 0, badAccepted = 0, goodRejected = 0, goodAccepted = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const s = scores[i];
    const accepted = higherIsRiskier ? s <= cutoff : s >= cutoff;
    const weight = w ? w[i] : 1;
    if (outcomes[i] === 1) { if (accepted) badAccepted += weight; else badRejected += weight; }
    else if (accepted) goodAccepted += weight; else goodRejected += weight;
  }
  const bads = badRejected + badAccepted;
  const goods = goodRejected + goodAccepted;
  const total = bads + goods;
  if (!(total > 0)) throw new DomainError('zero-total-weight', 'The design weights sum to 0; nothing to tabulate.', {});
  const totalCost = costRatio * badAccepted + goodRejected;
  return {
    cutoff, higherIsRiskier, badRejected, badAccepted, goodRejected, goodAccepted,
    typeIErrorRate: bads > 0 ? badAccepted / bads : 0,
    typeIIErrorRate: goods > 0 ? goodRejected / goods : 0,
    accuracy: (badRejected + goodAccepted) / total,
    rejectionRate: (badRejected + goodRejected) / total,
    costRatio, totalCost, expectedCost: totalCost / total, weighted: w !== undefined,
  };
}
