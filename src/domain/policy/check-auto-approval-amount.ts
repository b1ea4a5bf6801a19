import { formatNumber } from './format-number.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Automatic approval authority: a requested amount strictly above the ceiling → refer
 * ('amount-above-auto-approval', params { amount, ceiling }). A null ceiling never fires.
 * Example: ceiling 3,000,000; amount 3,000,000 → no reason; 3,000,001 → refer.
 */
export function checkAutoApprovalAmount(ceiling: number | null, amount: number): PolicyReason[] {
  if (ceiling === null || !(amount > ceiling)) return [];
  return [policyReason('amount-above-auto-approval', 'refer', { amount, ceiling },
    `The amount requested, ${formatNumber(amount)}, is above the automatic approval ceiling ${formatNumber(ceiling)}.`,
    `申请金额${formatNumber(amount)}超过自动审批权限上限${formatNumber(ceiling)}。`)];
}
