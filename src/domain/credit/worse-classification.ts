import { DomainError, describeValue } from '../domain-error.js';
import { LOAN_CLASSIFICATIONS, type LoanClassification } from './loan-classification.js';

/**
 * The more severe of two five-category classifications (order normal < special-mention < substandard <
 * doubtful < loss). Used to apply the days-past-due minimum to a reported classification. Throws DomainError
 * `invalid-classification` for a value outside the five categories.
 */
export function worseClassification(a: LoanClassification, b: LoanClassification): LoanClassification {
  return classificationRank(a) >= classificationRank(b) ? a : b;
}

/** 0 (normal) … 4 (loss). */
export function classificationRank(c: LoanClassification): number {
  const i = LOAN_CLASSIFICATIONS.indexOf(c);
  if (i < 0) {
    throw new DomainError('invalid-classification', `"${describeValue(c)}" is not one of ${LOAN_CLASSIFICATIONS.join(', ')}.`, { classification: c });
  }
  return i;
}
