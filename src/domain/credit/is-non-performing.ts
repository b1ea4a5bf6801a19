import { DEFAULT_INDEX_SYSTEM } from './default-index-system.js';
import type { ClassificationRules, LoanClassification } from './loan-classification.js';
import { classificationRank } from './worse-classification.js';

/**
 * Whether a classification counts as non-performing: NPL = substandard + doubtful + loss (credit-default-model.md;
 * 2023 rules art. 4). Throws DomainError `invalid-classification` for a value outside the five categories.
 */
export function isNonPerforming(
  classification: LoanClassification,
  rules: ClassificationRules = DEFAULT_INDEX_SYSTEM.classification,
): boolean {
  classificationRank(classification);
  return rules.nonPerforming.includes(classification);
}
