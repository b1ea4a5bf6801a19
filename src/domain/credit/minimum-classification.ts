import { DomainError, describeValue } from '../domain-error.js';
import { DEFAULT_INDEX_SYSTEM } from './default-index-system.js';
import type { ClassificationRules, LoanClassification } from './loan-classification.js';

/**
 * The least severe five-category classification a loan may have given its days past due (China, 2023 rules,
 * 《商业银行金融资产风险分类办法》 arts. 10–12, as summarised in credit-default-model.md): any overdue (≥ 1 day)
 * → at least special mention; > 90 → at least substandard; > 270 → at least doubtful; > 360 → loss.
 * Examples: 0 → normal, 1 and 90 → special-mention, 91 and 270 → substandard, 271 and 360 → doubtful, 361 → loss.
 * Fractional days are compared as given. Throws DomainError `invalid-days-past-due` for a negative or non-finite count.
 */
export function minimumClassification(
  daysPastDue: number,
  rules: ClassificationRules = DEFAULT_INDEX_SYSTEM.classification,
): LoanClassification {
  if (typeof daysPastDue !== 'number' || !Number.isFinite(daysPastDue) || daysPastDue < 0) {
    throw new DomainError('invalid-days-past-due', `Days past due must be a number ≥ 0, got ${describeValue(daysPastDue)}.`, { daysPastDue });
  }
  let worst: LoanClassification = 'normal';
  let worstRank = 0;
  for (const rule of rules.minimumByDaysPastDue) {
    if (daysPastDue > rule.daysAbove) {
      const rank = rules.categories.findIndex((c) => c.id === rule.atLeast);
      if (rank > worstRank) { worst = rule.atLeast; worstRank = rank; }
    }
  }
  return worst;
}
