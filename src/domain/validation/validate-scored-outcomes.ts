import { DomainError, describeValue } from '../domain-error.js';

/** Counts of the two outcome classes (unweighted). */
export interface OutcomeCounts {
  readonly bads: number;
  readonly goods: number;
}

/**
 * Checks binary outcomes: every entry must be 0 (good) or 1 (bad/default). Returns the class counts.
 * With `requireBothClasses` (the default) a sample that is all good or all bad is refused, because
 * discrimination measures (AUC, KS, Gini) compare bads with goods and are undefined without both.
 */
export function validateOutcomes(outcomes: ArrayLike<number>, options: { requireBothClasses?: boolean } = {}): OutcomeCounts {
  const n = outcomes.length;
  if (n === 0) throw new DomainError('empty-sample', 'The sample is empty: at least one outcome is needed.', { length: 0 });
  let bads = 0;
  for (let i = 0; i < n; i++) {
    const y = outcomes[i];
    if (y === 1) bads++;
    else if (y !== 0) {
      throw new DomainError('invalid-outcome',
        `Outcome ${i + 1} is ${describeValue(y)}; outcomes must be 0 (good) or 1 (bad/default).`, { index: i, value: y });
    }
  }
  const goods = n - bads;
  if (options.requireBothClasses ?? true) {
    if (bads === 0) {
      throw new DomainError('no-bads',
        `All ${n} outcomes are good (0): AUC, Gini and KS need at least one bad and one good.`, { goods, bads });
    }
    if (goods === 0) {
      throw new DomainError('no-goods',
        `All ${n} outcomes are bad (1): AUC, Gini and KS need at least one bad and one good.`, { goods, bads });
    }
  }
  return { bads, goods };
}

/** Checks that `values` has `length` entries, all finite numbers (no NaN, no ±Infinity). */
export function validateFiniteValues(values: ArrayLike<number>, length: number, label: string): void {
  if (values.length !== length) {
    throw new DomainError('length-mismatch',
      `${label} has ${values.length} values but there are ${length} outcomes; they must be the same length.`,
      { label, length: values.length, expected: length });
  }
  for (let i = 0; i < length; i++) {
    const v = values[i];
    // `v - v === 0` is false exactly for NaN and ±Infinity (and non-numbers).
    if (typeof v !== 'number' || v - v !== 0) {
      throw new DomainError('invalid-score', `${label}: value ${i + 1} is ${describeValue(v)}; every value must be a finite number.`,
        { label, index: i, value: String(v) });
    }
  }
}

/** Checks design weights: same length as the outcomes, finite and ≥ 0. */
export function validateWeights(weights: ArrayLike<number>, length: number): void {
  if (weights.length !== length) {
    throw new DomainError('length-mismatch',
      `weights has ${weights.length} values but there are ${length} outcomes; they must be the same length.`,
      { label: 'weights', length: weights.length, expected: length });
  }
  for (let i = 0; i < length; i++) {
    const w = weights[i];
    if (typeof w !== 'number' || !(w >= 0) || w === Infinity) {
      throw new DomainError('invalid-weight', `Weight ${i + 1} is ${describeValue(w)}; design weights must be finite and ≥ 0.`,
        { index: i, value: String(w) });
    }
  }
}

/**
 * Validates a scored sample in one call: outcomes (0/1, both classes unless told otherwise), scores of the same
 * length and finite, and optional weights. Returns the unweighted class counts.
 */
export function validateScoredOutcomes(
  outcomes: ArrayLike<number>,
  scores: ArrayLike<number>,
  options: { weights?: ArrayLike<number>; label?: string; requireBothClasses?: boolean } = {},
): OutcomeCounts {
  const counts = validateOutcomes(outcomes, { requireBothClasses: options.requireBothClasses });
  validateFiniteValues(scores, outcomes.length, options.label ?? 'scores');
  if (options.weights !== undefined) validateWeights(options.weights, outcomes.length);
  return counts;
}
