import { formatNumber } from './format-number.js';
import type { PlausibilityParams } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Loophole check: ratios that contradict each other (issue 9, item 3), on the default model's indicator ids and
 * units (credit-default-model.md):
 * - quick ratio above current ratio: I23 > I22 + tolerance → refer (params { check: 'quick-above-current',
 *   current, quick }); (CA − inventory)/CL ≤ CA/CL whenever inventory ≥ 0.
 * - DuPont identity ROA = net margin × asset turnover (Brealey, Myers & Allen, Principles of Corporate Finance,
 *   ch. 28): with I31 (%), I32 (%), I44 (×) all present and e = I32·I44, |I31 − e| > absolutePct +
 *   relative·max(|I31|, |e|) → refer (params { check: 'dupont', roa, netMargin, assetTurnover, expectedRoa }).
 *   Exact when all three share the same average total assets, as deriveIndicators computes them.
 * Code 'contradictory-ratios'. Example: I32 = 5 %, I44 = 1.2 → ROA should be 6 %; I31 = 6.5 passes
 * (0.5 ≤ 0.5 + 0.65), I31 = 9 refers.
 */
export function checkContradictoryRatios(params: PlausibilityParams, indicators: Readonly<Record<string, number | string | null>>): PolicyReason[] {
  const out: PolicyReason[] = [];
  const current = indicators.I22, quick = indicators.I23;
  if (typeof current === 'number' && typeof quick === 'number' && quick > current + params.quickAboveCurrentTolerance) {
    out.push(policyReason('contradictory-ratios', 'refer', { check: 'quick-above-current', current, quick },
      `The quick ratio (I23 = ${formatNumber(quick, 4)}) is above the current ratio (I22 = ${formatNumber(current, 4)}), which is impossible when inventory is not negative.`,
      `速动比率（I23 = ${formatNumber(quick, 4)}）高于流动比率（I22 = ${formatNumber(current, 4)}），存货非负时不可能出现。`));
  }
  const roa = indicators.I31, margin = indicators.I32, turnover = indicators.I44;
  if (params.dupont && typeof roa === 'number' && typeof margin === 'number' && typeof turnover === 'number') {
    const expected = margin * turnover;
    const tolerance = params.dupont.absolutePct + params.dupont.relative * Math.max(Math.abs(roa), Math.abs(expected));
    if (Math.abs(roa - expected) > tolerance) {
      out.push(policyReason('contradictory-ratios', 'refer',
        { check: 'dupont', roa, netMargin: margin, assetTurnover: turnover, expectedRoa: expected },
        `Return on assets I31 = ${formatNumber(roa)} % does not match net margin × asset turnover = ${formatNumber(margin)} % × ${formatNumber(turnover)} = ${formatNumber(expected)} %.`,
        `总资产收益率I31 = ${formatNumber(roa)}%，与销售净利率×总资产周转率 = ${formatNumber(margin)}% × ${formatNumber(turnover)} = ${formatNumber(expected)}%不符。`));
    }
  }
  return out;
}
