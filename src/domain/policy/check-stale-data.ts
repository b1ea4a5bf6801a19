import { isoInstantMs, MS_PER_DAY } from './iso-instant-ms.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Loophole check: stale data (issue 9, item 3). Age = whole days from snapshotAsOf to asOf,
 * floor((asOf − snapshotAsOf) / 86 400 000 ms) (a date without a time is 00:00 UTC). Age > maxAgeDays → refer
 * ('stale-data', params { snapshotAsOf, asOf, ageDays, maxAgeDays }); a snapshot dated after asOf → refer
 * ('snapshot-in-future'). null params switch the check off.
 * Example: max 90, snapshot 2024-03-31: asOf 2024-06-29 (90 days) → nothing; 2024-06-30 (91 days) → refer.
 */
export function checkStaleData(params: { readonly maxAgeDays: number } | null, snapshotAsOf: string, asOf: string): PolicyReason[] {
  if (params === null) return [];
  const elapsed = isoInstantMs(asOf) - isoInstantMs(snapshotAsOf);
  if (elapsed < 0) {
    return [policyReason('snapshot-in-future', 'refer', { snapshotAsOf, asOf },
      `The borrower data is dated ${snapshotAsOf}, after the decision time ${asOf}.`,
      `借款人数据日期${snapshotAsOf}晚于决策时间${asOf}。`)];
  }
  const ageDays = Math.floor(elapsed / MS_PER_DAY);
  if (!(ageDays > params.maxAgeDays)) return [];
  return [policyReason('stale-data', 'refer', { snapshotAsOf, asOf, ageDays, maxAgeDays: params.maxAgeDays },
    `The borrower data as of ${snapshotAsOf} is ${ageDays} days old, more than the maximum of ${params.maxAgeDays} days.`,
    `借款人数据日期为${snapshotAsOf}，已过${ageDays}天，超过最长${params.maxAgeDays}天的时效要求。`)];
}
