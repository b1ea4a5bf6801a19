import type { LocalizedText } from '../credit/scoring-rule.js';
import type { PolicyReasonCode, ReasonSeverity } from './policy-reason.js';

export interface PolicyReasonCodeInfo {
  readonly code: PolicyReasonCode;
  /** Which concern raised it (for grouping in the UI and in monitoring). */
  readonly group: 'knock-out' | 'grade' | 'exposure' | 'application' | 'data' | 'warning' | 'portfolio' | 'loophole';
  /** Severities the code can carry; several when the policy configures the action. */
  readonly severities: readonly ReasonSeverity[];
  /** A short title; the reason's own message carries the numbers. */
  readonly labels: LocalizedText;
}

/**
 * The catalogue of reason codes decideApplication can emit (issue 9: "every reason coded"), in rule order.
 * Codes are stable machine values: stored with each decision and counted in monitoring, so never rename one.
 */
export const POLICY_REASON_CODES: readonly PolicyReasonCodeInfo[] = Object.freeze([
  info('knock-out', 'knock-out', ['decline', 'refer'], 'Knock-out rule', '否决规则'),
  info('grade-approve', 'grade', ['info'], 'Grade within automatic approval', '等级达到自动批准标准'),
  info('grade-refer', 'grade', ['refer'], 'Grade in the referral band', '等级处于转人工审批区间'),
  info('grade-decline', 'grade', ['decline'], 'Grade below the referral threshold', '等级低于转人工审批门槛'),
  info('limit-reduced', 'exposure', ['info'], 'Limit reduced to the exposure headroom', '额度按敞口余量调减'),
  info('no-exposure-headroom', 'exposure', ['refer', 'decline'], 'No exposure headroom', '无可用敞口额度'),
  info('amount-above-auto-approval', 'application', ['refer'], 'Amount above the automatic approval ceiling', '申请金额超过自动审批权限'),
  info('term-too-long', 'application', ['refer'], 'Term longer than the policy allows', '期限超过政策上限'),
  info('data-incomplete', 'data', ['refer'], 'Data completeness below the minimum', '数据完整度低于下限'),
  info('early-warning', 'warning', ['refer', 'decline'], 'Early-warning level', '预警等级'),
  info('industry-concentration', 'portfolio', ['refer'], 'Industry concentration limit', '行业集中度限额'),
  info('review-flag', 'data', ['refer'], 'Model review flag', '模型复核标记'),
  info('duplicate-application', 'loophole', ['refer'], 'Duplicate application', '重复申请'),
  info('split-application', 'loophole', ['refer'], 'Split applications', '拆分申请'),
  info('implausible-value', 'loophole', ['refer'], 'Implausible value', '数值不合理'),
  info('review-value', 'loophole', ['refer'], 'Unusual value to review', '异常数值需复核'),
  info('contradictory-ratios', 'loophole', ['refer'], 'Ratios contradict each other', '财务比率相互矛盾'),
  info('statement-mismatch', 'loophole', ['refer'], 'Indicator does not match the statement', '指标与财务报表不符'),
  info('statement-inconsistent', 'loophole', ['refer'], 'Statement contradicts itself', '财务报表内部矛盾'),
  info('stale-data', 'loophole', ['refer'], 'Stale data', '数据过期'),
  info('snapshot-in-future', 'loophole', ['refer'], 'Data dated after the decision', '数据日期晚于决策日期'),
]);

function info(code: PolicyReasonCode, group: PolicyReasonCodeInfo['group'], severities: ReasonSeverity[], en: string, zh: string): PolicyReasonCodeInfo {
  return Object.freeze({ code, group, severities: Object.freeze(severities), labels: Object.freeze({ en, zh }) });
}
