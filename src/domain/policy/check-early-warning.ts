import type { WarningLevel } from '../credit/evaluate-early-warnings.js';
import type { PolicyAction } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

const LEVEL_ZH: Readonly<Record<WarningLevel, string>> = { green: '绿色', yellow: '黄色', orange: '橙色', red: '红色' };

/**
 * Early warnings (issue 9: "red or orange warnings force a referral"): the policy's action for the borrower's
 * warning level (evaluateEarlyWarnings: green none, yellow 1 amber, orange ≥ 2 amber, red any red signal);
 * 'none' gives no reason. Reason 'early-warning', params { level, action }.
 * Example (DEFAULT_POLICY): 'orange' → refer; 'yellow' → nothing.
 */
export function checkEarlyWarning(actions: Readonly<Record<WarningLevel, PolicyAction>>, level: WarningLevel): PolicyReason[] {
  const action = actions[level];
  if (action === 'none') return [];
  return [policyReason('early-warning', action, { level, action },
    `Early-warning level ${level}: ${action === 'decline' ? 'the policy declines' : 'an officer must review the case'}.`,
    `预警等级为${LEVEL_ZH[level]}：${action === 'decline' ? '按政策拒绝' : '需信贷审批人员复核'}。`)];
}
