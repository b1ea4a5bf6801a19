import { formatNumber } from './format-number.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Maximum term: a requested term strictly longer than `maxTermMonths` → refer ('term-too-long', params
 * { termMonths, maxTermMonths }). A null maximum never fires. Example: max 36; 36 → nothing; 48 → refer.
 */
export function checkTerm(maxTermMonths: number | null, termMonths: number): PolicyReason[] {
  if (maxTermMonths === null || !(termMonths > maxTermMonths)) return [];
  return [policyReason('term-too-long', 'refer', { termMonths, maxTermMonths },
    `The term of ${formatNumber(termMonths)} months is longer than the policy's maximum of ${formatNumber(maxTermMonths)} months.`,
    `申请期限${formatNumber(termMonths)}个月超过政策上限${formatNumber(maxTermMonths)}个月。`)];
}
