import type { PortfolioPosition } from './application-input.js';
import { formatNumber, formatPercent } from './format-number.js';
import type { ConcentrationLimits } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Industry concentration (issue 9): with B_k the industry's balance, T the portfolio total and x the amount that
 * would be booked (the offered limit), the share after the loan is s = (B_k + x) / (T + x); s > limit → refer
 * ('industry-concentration', params { industry, shareAfter, shareBefore, maxShare, amount }). The limit is
 * maxShareByIndustry[k], else defaultMaxShare (null = none). Not applied when the industry is unknown, when
 * T < minPortfolioBalance, or when T + x = 0.
 * Example: limit 0.25, T = 100,000,000, B_k = 24,000,000, x = 2,000,000 → s = 26/102 = 0.2549 > 0.25 → refer.
 */
export function checkIndustryConcentration(limits: ConcentrationLimits, industry: string | null, portfolio: PortfolioPosition, amount: number): PolicyReason[] {
  if (industry === null) return [];
  const maxShare = limits.maxShareByIndustry[industry] ?? limits.defaultMaxShare;
  const total = portfolio.totalBalance;
  if (maxShare === null || total < limits.minPortfolioBalance || total + amount <= 0) return [];
  const balance = portfolio.balanceByIndustry[industry] ?? 0;
  const shareAfter = (balance + amount) / (total + amount);
  if (!(shareAfter > maxShare)) return [];
  const shareBefore = total > 0 ? balance / total : 0;
  return [policyReason('industry-concentration', 'refer', { industry, shareAfter, shareBefore, maxShare, amount },
    `With this loan (${formatNumber(amount)}) industry ${industry} would be ${formatPercent(shareAfter)} of the portfolio balance, above the limit of ${formatPercent(maxShare)} (now ${formatPercent(shareBefore)}).`,
    `发放本笔贷款（${formatNumber(amount)}）后，${industry}行业余额将占组合的${formatPercent(shareAfter, 'zh')}，超过限额${formatPercent(maxShare, 'zh')}（当前${formatPercent(shareBefore, 'zh')}）。`)];
}
