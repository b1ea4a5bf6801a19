import { DomainError } from '../domain-error.js';

/**
 * Gini coefficient = accuracy ratio AR = 2·AUC − 1 (Engelmann, Hayden & Tasche 2003, "Testing rating accuracy",
 * Risk 16(1):82–86: AR = 2·AUC − 1 holds exactly, ties counted ½). In [−1, 1]; 0 = no discrimination.
 * Example: AUC 0.75 → Gini 0.5.
 */
export function giniCoefficient(auc: number): number {
  if (!(auc >= 0 && auc <= 1)) throw new DomainError('invalid-auc', `An AUC must be between 0 and 1, got ${auc}.`, { auc });
  return 2 * auc - 1;
}
