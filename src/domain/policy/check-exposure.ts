import { exposureLimit } from './exposure-limit.js';
import { formatNumber } from './format-number.js';
import type { PolicyDefinition } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * The exposure rule (see exposureLimit). No headroom at all (existing exposure ≥ table limit) → 'no-exposure-
 * headroom' with the policy's noHeadroomAction; some headroom but less than the amount → 'limit-reduced' (info:
 * the application can still be approved at the reduced limit). Params { grade, sizeBand, tableLimit,
 * existingExposure, headroom, amount, offered }. Callers skip this rule for grades the policy declines (they need
 * no table entries). Example (DEFAULT_POLICY): BBB, small, existing 2,500,000, amount 2,000,000 → 'limit-reduced',
 * offered 1,500,000.
 */
export function checkExposure(policy: PolicyDefinition, grade: string, sizeBand: string, existingExposure: number, amount: number): PolicyReason[] {
  const { tableLimit, headroom, offered } = exposureLimit(policy, grade, sizeBand, existingExposure, amount);
  if (offered >= amount) return [];
  const params = { grade, sizeBand, tableLimit, existingExposure, headroom, amount, offered };
  const L = formatNumber(tableLimit), E = formatNumber(existingExposure);
  if (headroom <= 0) {
    return [policyReason('no-exposure-headroom', policy.noHeadroomAction, params,
      `No exposure headroom for grade ${grade}, size band ${sizeBand}: existing exposure ${E} already reaches the limit ${L}.`,
      `等级${grade}、规模${sizeBand}无可用敞口：现有敞口${E}已达到限额${L}。`)];
  }
  return [policyReason('limit-reduced', 'info', params,
    `The amount requested, ${formatNumber(amount)}, exceeds the exposure headroom for grade ${grade}, size band ${sizeBand} (limit ${L} − existing ${E}); the limit offered is ${formatNumber(offered)}.`,
    `申请金额${formatNumber(amount)}超过等级${grade}、规模${sizeBand}的敞口余量（限额${L}减现有敞口${E}），可授信额度为${formatNumber(offered)}。`)];
}
