import type { LocalizedText } from './scoring-rule.js';

/**
 * Grade caps and knock-outs: conditions that limit the grade whatever the score.
 *
 * A knock-out is a cap at the worst non-default grade (C in the default scale); a borrower in default is graded
 * with the scale's default grade (D) regardless. A restricted industry caps at B. Caps only ever lower a grade.
 */

/** Yes/no facts about a borrower that are not indicators (supplied by the bank's systems or the officer). */
export type BorrowerFlag = 'dishonestDebtorList' | 'insolvency';

export type GradeCapCondition =
  /** A flag on the borrower is true. */
  | { readonly kind: 'flag'; readonly flag: BorrowerFlag }
  /** A categorical indicator has one of these codes. */
  | { readonly kind: 'code'; readonly indicator: string; readonly codes: readonly string[] }
  /** Days past due now are strictly above `days`. */
  | { readonly kind: 'days-past-due-above'; readonly days: number };

export interface GradeCap {
  /** Stable id, e.g. 'knock-out-insolvency', 'cap-restricted-industry'. */
  readonly id: string;
  readonly kind: 'knock-out' | 'cap';
  readonly condition: GradeCapCondition;
  /** Best grade allowed when the condition holds. */
  readonly maxGrade: string;
  readonly labels: LocalizedText;
}

/**
 * A grade that needs more than its score band: e.g. AAA requires I21, I51 and I52 to score 100. When unmet
 * (a listed indicator scores below `minScore` or is missing), the grade is limited to the next band below.
 */
export interface GradeRequirement {
  readonly id: string;
  readonly grade: string;
  readonly indicators: readonly string[];
  readonly minScore: number;
  readonly labels: LocalizedText;
}
