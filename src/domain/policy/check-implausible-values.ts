import { formatNumber } from './format-number.js';
import type { PlausibilityBound } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/**
 * Loophole check: implausible values (issue 9, item 3). For each bound whose indicator has a numeric value v:
 * v < min or v > max → refer, code 'implausible-value' for kind 'implausible' (impossible or almost surely an
 * input error, e.g. debt-to-asset I21 < 0 % or > 300 %) or 'review-value' for kind 'review' (possible but unusual,
 * e.g. revenue growth I43 > 100 %, credit-default-model.md). Params { indicator, value, min, max }. Bounds are
 * inclusive (v = max passes). Missing and categorical values are skipped. Bounds are in the model's units.
 * Example (DEFAULT_POLICY): I21 = 350 → 'implausible-value'; I43 = 100 → nothing; I43 = 150 → 'review-value'.
 */
export function checkImplausibleValues(bounds: readonly PlausibilityBound[], indicators: Readonly<Record<string, number | string | null>>): PolicyReason[] {
  const out: PolicyReason[] = [];
  for (const b of bounds) {
    const v = indicators[b.indicator];
    if (typeof v !== 'number') continue;
    const low = b.min !== null && v < b.min;
    const high = b.max !== null && v > b.max;
    if (!low && !high) continue;
    const params = { indicator: b.indicator, value: v, min: b.min, max: b.max };
    const value = formatNumber(v, 4);
    if (b.kind === 'review') {
      const limit = formatNumber((low ? b.min : b.max) as number, 4);
      out.push(policyReason('review-value', 'refer', params,
        `${b.indicator} = ${value} is ${low ? 'below' : 'above'} ${limit}: unusual enough for an officer to check.`,
        `${b.indicator} = ${value}，${low ? '低于' : '高于'}${limit}，数值异常，需人工核实。`));
    } else {
      const range = b.min !== null && b.max !== null ? `the plausible range ${formatNumber(b.min, 4)} to ${formatNumber(b.max, 4)}`
        : low ? `the plausible minimum ${formatNumber(b.min as number, 4)}` : `the plausible maximum ${formatNumber(b.max as number, 4)}`;
      const rangeZh = b.min !== null && b.max !== null ? `合理区间${formatNumber(b.min, 4)}至${formatNumber(b.max, 4)}`
        : low ? `合理下限${formatNumber(b.min as number, 4)}` : `合理上限${formatNumber(b.max as number, 4)}`;
      out.push(policyReason('implausible-value', 'refer', params,
        `${b.indicator} = ${value} is ${b.min !== null && b.max !== null ? 'outside' : low ? 'below' : 'above'} ${range}.`,
        `${b.indicator} = ${value}，${b.min !== null && b.max !== null ? '超出' : low ? '低于' : '高于'}${rangeZh}。`));
    }
  }
  return out;
}
