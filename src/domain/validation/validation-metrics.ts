import { DomainError } from '../domain-error.js';
import { aucIntervalFromPlacements } from './auc-confidence-interval.js';
import { brierScore } from './brier-score.js';
import { capCurveFromLevels, type CapPoint } from './cap-curve.js';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix.js';
import { delongPlacements, type DelongPlacements } from './delong-placements.js';
import { delongTestFromPlacements } from './delong-test.js';
import { giniCoefficient } from './gini-coefficient.js';
import { ksFromLevels } from './kolmogorov-smirnov-statistic.js';
import { rocCurveFromLevels, type RocPoint } from './roc-curve.js';
import { scoreLevels } from './score-levels.js';
import { validateOutcomes, validateWeights } from './validate-scored-outcomes.js';

export interface ValidationMetricsInput {
  /** 1 = bad/default within the horizon, 0 = good. */
  readonly outcomes: ArrayLike<number>;
  /** Scores of each model version on the same units, by model name. */
  readonly scores: Readonly<Record<string, ArrayLike<number>>>;
  /** Direction of every score; default true when `scoresArePd`, otherwise false (higher score = safer). */
  readonly higherIsRiskier?: boolean;
  /** Accept/reject cut-off (the riskiest score still accepted); adds a confusion matrix per model. */
  readonly cutoff?: number;
  /** Cost of a bad accepted relative to a good rejected for the confusion matrix (default 5). */
  readonly costRatio?: number;
  /** Design weights, one per unit. */
  readonly weights?: ArrayLike<number>;
  /** The scores are probabilities of default: adds the Brier score for every model whose scores lie in [0, 1]. */
  readonly scoresArePd?: boolean;
  /** Confidence level of the AUC intervals (default 0.95). */
  readonly confidence?: number;
  /** Also return ROC and CAP curve points per model (≤ maxPoints each, default 200), from the same sort. */
  readonly curves?: boolean | { readonly maxPoints?: number };
}

export interface ModelMetrics {
  readonly auc: number;
  readonly aucCi: [number, number];
  readonly aucStandardError: number;
  readonly gini: number;
  readonly ks: number;
  /** Score at which the KS distance is largest. */
  readonly ksScore: number;
  readonly brier?: number;
  readonly confusion?: ConfusionMatrix;
  readonly roc?: RocPoint[];
  readonly cap?: CapPoint[];
}

export interface ModelComparison {
  readonly a: string;
  readonly b: string;
  readonly delong: { z: number; p: number; difference: number; ci: [number, number] };
}

export interface ValidationMetrics {
  readonly models: Record<string, ModelMetrics>;
  readonly comparisons: ModelComparison[];
  readonly sample: { n: number; bads: number; goods: number; weighted: boolean; higherIsRiskier: boolean };
  /** Plain-language notes, e.g. why a Brier score was left out. */
  readonly notes: string[];
}

/**
 * All discrimination metrics of one or more model versions scored on the same units, the computation behind
 * POST /api/v1/validation/metrics (issue 7 point 6): per model AUC (Mann–Whitney), its DeLong 95 % CI, Gini
 * = 2·AUC − 1, KS, optionally the Brier score (PDs), a confusion matrix at a cut-off and ROC/CAP curve points; for every pair of models
 * (in the order of `scores`) DeLong's paired test, z = (AUC_a − AUC_b)/SE. Each model's scores are sorted once
 * (radix argsort), everything else is linear: 1,000,000 units × 2 models take well under a second.
 * Design weights enter AUC, KS, Brier and the confusion matrix, and the linearised DeLong variance.
 */
export function validationMetrics(input: ValidationMetricsInput): ValidationMetrics {
  const { outcomes, weights } = input;
  const names = Object.keys(input.scores ?? {});
  if (names.length === 0) throw new DomainError('no-models', 'Give the scores of at least one model.', {});
  const counts = validateOutcomes(outcomes);
  if (weights !== undefined) validateWeights(weights, outcomes.length);
  const higherIsRiskier = input.higherIsRiskier ?? (input.scoresArePd === true);
  const notes: string[] = [];

  const models: Record<string, ModelMetrics> = {};
  const placements = new Map<string, DelongPlacements>();
  for (const name of names) {
    const scores = input.scores[name];
    const levels = scoreLevels(outcomes, scores, { higherIsRiskier, weights, label: `scores of "${name}"` });
    const p = delongPlacements(outcomes, levels, weights);
    placements.set(name, p);
    const interval = aucIntervalFromPlacements(p, input.confidence ?? 0.95);
    const ks = ksFromLevels(levels);
    let brier: number | undefined;
    if (input.scoresArePd) {
      if (allProbabilities(scores)) brier = brierScore(outcomes, scores, weights);
      else notes.push(`No Brier score for "${name}": its scores are not all between 0 and 1, so they are not PDs.`);
    }
    const confusion = input.cutoff !== undefined
      ? confusionMatrix(outcomes, scores, { cutoff: input.cutoff, higherIsRiskier, weights, costRatio: input.costRatio })
      : undefined;
    const maxPoints = typeof input.curves === 'object' ? input.curves.maxPoints ?? 200 : 200;
    models[name] = {
      auc: interval.auc, aucCi: interval.ci, aucStandardError: interval.standardError,
      gini: giniCoefficient(interval.auc), ks: ks.ks, ksScore: ks.score,
      ...(brier !== undefined ? { brier } : {}), ...(confusion ? { confusion } : {}),
      ...(input.curves ? { roc: rocCurveFromLevels(levels, maxPoints), cap: capCurveFromLevels(levels, maxPoints) } : {}),
    };
  }

  const comparisons: ModelComparison[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const t = compare(names[i], names[j], placements, input.confidence ?? 0.95);
      comparisons.push({ a: names[i], b: names[j], delong: { z: t.z, p: t.p, difference: t.difference, ci: t.ci } });
    }
  }
  return { models, comparisons, sample: { n: outcomes.length, bads: counts.bads, goods: counts.goods, weighted: weights !== undefined, higherIsRiskier }, notes };
}

function compare(a: string, b: string, placements: Map<string, DelongPlacements>, confidence: number) {
  try {
    return delongTestFromPlacements(placements.get(a)!, placements.get(b)!, confidence);
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, `Comparing "${a}" with "${b}": ${error.message}`, { ...error.details, a, b });
    throw error;
  }
}

function allProbabilities(scores: ArrayLike<number>): boolean {
  for (let i = 0; i < scores.length; i++) if (!(scores[i] >= 0 && scores[i] <= 1)) return false;
  return true;
}
