import type { PriorApplication } from './application-input.js';
import { applicationsInWindow } from './applications-in-window.js';
import { formatNumber } from './format-number.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Loophole check: split applications (issue 9, item 3) — amounts that stay under a limit one by one but exceed it
 * together. Take this application's amount and the borrower's other applications within `windowDays` before
 * asOf (applicationsInWindow, inclusive) that were not declined (a declined one adds no exposure). When there are
 * at least two, every amount is ≤ aggregateLimit, and their sum is > aggregateLimit → refer ('split-application',
 * params { windowDays, aggregateLimit, count, total, requestIds }). An amount above the limit on its own is not a
 * split (the automatic approval ceiling deals with it). null params switch the check off.
 * Example: limit 3,000,000, window 30: 1,200,000 on 03-01 and 1,000,000 on 03-20 (approved), now 900,000 on
 * 03-31 → total 3,100,000 > 3,000,000 → refer; with the first one declined → 1,900,000 → nothing.
 */
export function checkSplitApplications(params: { readonly windowDays: number; readonly aggregateLimit: number } | null,
  history: readonly PriorApplication[], amount: number, asOf: string, requestId?: string | null): PolicyReason[] {
  if (params === null) return [];
  const prior = applicationsInWindow(history, asOf, params.windowDays, requestId).filter((a) => a.decision !== 'decline');
  if (prior.length === 0) return [];
  const limit = params.aggregateLimit;
  if (amount > limit || prior.some((a) => !(a.amount <= limit))) return [];
  const total = prior.reduce((s, a) => s + a.amount, amount);
  if (!(total > limit)) return [];
  const ids = prior.map((a) => a.requestId);
  const count = prior.length + 1;
  const w = formatNumber(params.windowDays);
  return [policyReason('split-application', 'refer',
    { windowDays: params.windowDays, aggregateLimit: limit, count, total, requestIds: ids },
    `${count} applications within ${w} days (this one and ${ids.join(', ')}) are each within ${formatNumber(limit)} but total ${formatNumber(total)}, above it.`,
    `${w}天内的${count}笔申请（本笔及${ids.join('、')}）单笔均未超过${formatNumber(limit)}，合计${formatNumber(total)}超过该限额。`)];
}
