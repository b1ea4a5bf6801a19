import type { LocalizedText } from './scoring-rule.js';

/**
 * The five-category loan classification (China, 2023 rules: 《商业银行金融资产风险分类办法》, NFRA/PBoC
 * Order 2023 No. 1): normal 正常 · special mention 关注 · substandard 次级 · doubtful 可疑 · loss 损失.
 * NPL = substandard + doubtful + loss.
 */
export type LoanClassification = 'normal' | 'special-mention' | 'substandard' | 'doubtful' | 'loss';

/** Best to worst. */
export const LOAN_CLASSIFICATIONS: readonly LoanClassification[] = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'];

export interface ClassificationRules {
  readonly categories: readonly { readonly id: LoanClassification; readonly labels: LocalizedText }[];
  /** Overdue more than `daysAbove` days → at least `atLeast`; checked from the largest threshold down. */
  readonly minimumByDaysPastDue: readonly { readonly daysAbove: number; readonly atLeast: LoanClassification }[];
  readonly nonPerforming: readonly LoanClassification[];
}
