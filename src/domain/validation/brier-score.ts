import { DomainError } from '../domain-error.js';
import { validateScoredOutcomes } from './validate-scored-outcomes.js';

/**
 * Brier score of probabilities of default: BS = Σ w_i (p_i − y_i)² / Σ w_i, y = 1 for a default
 * (Brier 1950, Monthly Weather Review 78:1–3). 0 is perfect; a constant forecast at the base rate π scores
 * π(1 − π). Every p must lie in [0, 1]. Example: p = (0.1, 0.9), y = (0, 1) → 0.01.
 */
export function brierScore(outcomes: ArrayLike<number>, probabilities: ArrayLike<number>, weights?: ArrayLike<number>): number {
  validateScoredOutcomes(outcomes, probabilities, { weights, label: 'probabilities', requireBothClasses: false });
  let sum = 0, total = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const p = probabilities[i];
    if (p < 0 || p > 1) {
      throw new DomainError('not-a-probability', `Probability ${i + 1} is ${p}; the Brier score needs PDs between 0 and 1.`, { index: i, value: p });
    }
    const w = weights ? weights[i] : 1;
    const e = p - outcomes[i];
    sum += w * e * e; total += w;
  }
  if (!(total > 0)) throw new DomainError('zero-total-weight', 'The design weights sum to 0; the Brier score is undefined.', {});
  return sum / total;
}
