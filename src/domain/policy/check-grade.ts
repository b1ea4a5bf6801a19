import type { PolicyEvaluation } from './application-input.js';
import { formatNumber } from './format-number.js';
import { gradeAction } from './grade-action.js';
import type { PolicyDefinition } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * The grade threshold rule (see gradeAction): always exactly one reason — 'grade-approve' (info), 'grade-refer'
 * (refer) or 'grade-decline' (decline) — with params { grade, score, approveFrom, referFrom }.
 * Example (DEFAULT_POLICY): grade BB, score 71.2 → 'grade-refer': "Grade BB (score 71.2) is in the referral band
 * B to BB: an officer decides."
 */
export function checkGrade(policy: PolicyDefinition, evaluation: PolicyEvaluation): PolicyReason[] {
  const { grade, score } = evaluation;
  const { approveFrom, referFrom } = policy.gradeThresholds;
  const action = gradeAction(policy, grade);
  const params = { grade, score, approveFrom, referFrom };
  const s = formatNumber(score, 1);
  if (action === 'approve') {
    return [policyReason('grade-approve', 'info', params,
      `Grade ${grade} (score ${s}) is at or above the approval threshold ${approveFrom}.`,
      `等级${grade}（评分${s}）达到自动批准门槛${approveFrom}。`)];
  }
  if (action === 'refer') {
    const bands = policy.gradeScale.bands;
    const above = bands[bands.findIndex((b) => b.grade === approveFrom) + 1]?.grade ?? referFrom;
    const band = above === referFrom ? referFrom : `${referFrom} to ${above}`;
    const bandZh = above === referFrom ? referFrom : `${referFrom}至${above}`;
    return [policyReason('grade-refer', 'refer', params,
      `Grade ${grade} (score ${s}) is in the referral band ${band}: an officer decides.`,
      `等级${grade}（评分${s}）处于转人工审批区间（${bandZh}），由信贷审批人员决定。`)];
  }
  return [policyReason('grade-decline', 'decline', params,
    `Grade ${grade} (score ${s}) is below the referral threshold ${referFrom}.`,
    `等级${grade}（评分${s}）低于转人工审批门槛${referFrom}。`)];
}
