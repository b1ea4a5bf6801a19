import { formatPercent } from './format-number.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/** Completeness this close below the minimum still passes: sums of weights may land a hair under the boundary. */
export const COMPLETENESS_TOLERANCE = 1e-9;

/**
 * Minimum data completeness (issue 9): completeness = share of indicator weight present (dataCompleteness);
 * completeness < minimum − 1e-9 → refer ('data-incomplete', params { completeness, minimum }). Exactly at the
 * minimum passes. Example: minimum 0.8; 0.8 → nothing; 0.79 → refer.
 */
export function checkCompleteness(minimum: number, completeness: number): PolicyReason[] {
  if (completeness >= minimum - COMPLETENESS_TOLERANCE) return [];
  return [policyReason('data-incomplete', 'refer', { completeness, minimum },
    `Data completeness ${formatPercent(completeness, 'en', 2)} of the indicator weight is below the minimum ${formatPercent(minimum)}.`,
    `数据完整度（已有指标权重占比）${formatPercent(completeness, 'zh', 2)}，低于下限${formatPercent(minimum, 'zh')}。`)];
}
