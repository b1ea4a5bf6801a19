import type { PriorApplication } from './application-input.js';
import { applicationsInWindow } from './applications-in-window.js';
import { formatNumber } from './format-number.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Loophole check: duplicate application (issue 9, item 3). Any other application by the same borrower at most
 * `windowDays` before asOf (applicationsInWindow: inclusive; whatever its decision — re-submitting a declined
 * case with changed data is the loophole this closes) → refer ('duplicate-application', params { windowDays,
 * count, requestIds }). null params switch the check off.
 * Example: window 7 days, asOf 2024-03-08, an application on 2024-03-01 → refer; on 2024-02-29 → nothing.
 */
export function checkDuplicateApplication(params: { readonly windowDays: number } | null, history: readonly PriorApplication[],
  asOf: string, requestId?: string | null): PolicyReason[] {
  if (params === null) return [];
  const prior = applicationsInWindow(history, asOf, params.windowDays, requestId);
  if (prior.length === 0) return [];
  const ids = prior.map((a) => a.requestId);
  const w = formatNumber(params.windowDays);
  return [policyReason('duplicate-application', 'refer', { windowDays: params.windowDays, count: prior.length, requestIds: ids },
    `The borrower made ${prior.length} other application${prior.length === 1 ? '' : 's'} within ${w} days before this one (${ids.join(', ')}).`,
    `该借款人在本次申请前${w}天内已提交${prior.length}笔其他申请（${ids.join('、')}）。`)];
}
