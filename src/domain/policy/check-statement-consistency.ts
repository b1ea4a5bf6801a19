import { deriveIndicators, type DerivedIndicatorId, type FinancialStatement } from '../credit/derive-indicators.js';
import { formatNumber } from './format-number.js';
import type { PlausibilityParams } from './policy-definition.js';
import { policyReason, type PolicyReason } from './policy-reason.js';

/** Units of deriveIndicators' output (credit-default-model.md). */
const UNIT: Readonly<Record<DerivedIndicatorId, 'pct' | 'ratio' | 'days'>> = {
  I21: 'pct', I22: 'ratio', I23: 'ratio', I24: 'ratio', I31: 'pct', I32: 'pct', I33: 'ratio', I34: 'ratio',
  I41: 'days', I42: 'days', I43: 'pct', I44: 'ratio', I63: 'pct',
};
const UNIT_LABEL = { pct: ' %', ratio: '', days: ' days' } as const;
const UNIT_LABEL_ZH = { pct: '%', ratio: '', days: '天' } as const;

/** Items that cannot be negative on a balance sheet or income statement, with their names for messages. */
const NON_NEGATIVE: readonly (readonly [keyof FinancialStatement, string, string])[] = [
  ['totalAssets', 'total assets', '资产总额'], ['totalAssetsPrior', 'prior-year total assets', '上年末资产总额'],
  ['totalLiabilities', 'total liabilities', '负债总额'], ['currentAssets', 'current assets', '流动资产'],
  ['currentLiabilities', 'current liabilities', '流动负债'], ['inventory', 'inventory', '存货'], ['receivables', 'receivables', '应收账款'],
  ['revenue', 'revenue', '营业收入'], ['revenuePrior', 'prior-year revenue', '上年营业收入'], ['costOfGoodsSold', 'cost of goods sold', '营业成本'],
  ['interestExpense', 'interest expense', '利息费用'], ['debtServiceDue12m', 'debt service due in 12 months', '未来12个月应还本息'],
  ['top5CustomerRevenue', 'top-5 customer revenue', '前五大客户收入'],
];

/**
 * Loophole check: the statement and the indicators disagree (issue 9, item 3: "revenue inconsistent with the
 * derived ratios"), when statement items are given.
 * 1. 'statement-inconsistent': the statement contradicts itself — an item that cannot be negative is negative;
 *    current assets > total assets; inventory + receivables > current assets; current liabilities > total
 *    liabilities; top-5 customer revenue > revenue (each a > b·(1 + itemRelative)). Params { check, value, limit } (or { check, item, value }).
 * 2. 'statement-mismatch': each indicator deriveIndicators can compute from the items (e.g. DSO I41 =
 *    receivables × 365 / revenue, asset turnover I44 = revenue / average total assets) is compared with the
 *    supplied numeric value; |supplied − derived| > max(absolute[unit], relative·|derived|) → refer, params
 *    { indicator, supplied, derived, tolerance }.
 * All refer. Throws DomainError `invalid-statement` for non-finite items (deriveIndicators).
 * Example: receivables 200, revenue 1,000 → DSO 73 days; supplied I41 = 45 → mismatch (tolerance max(2, 3.65)).
 */
export function checkStatementConsistency(params: NonNullable<PlausibilityParams['statement']>, statement: FinancialStatement,
  indicators: Readonly<Record<string, number | string | null>>): PolicyReason[] {
  const { values } = deriveIndicators(statement);
  const out: PolicyReason[] = [];
  const get = (k: keyof FinancialStatement): number | null => statement[k] ?? null;

  for (const [item, en, zh] of NON_NEGATIVE) {
    const v = get(item);
    if (v !== null && v < 0) {
      out.push(policyReason('statement-inconsistent', 'refer', { check: 'negative-item', item, value: v },
        `The statement gives negative ${en} (${formatNumber(v)}).`,
        `财务报表中${zh}为负数（${formatNumber(v)}）。`));
    }
  }
  const exceeds = (check: string, a: number | null, b: number | null, aName: string, bName: string, aZh: string, bZh: string) => {
    if (a !== null && b !== null && a > b * (1 + params.itemRelative) && a > b) {
      out.push(policyReason('statement-inconsistent', 'refer', { check, value: a, limit: b },
        `In the statement ${aName} (${formatNumber(a)}) exceed ${bName} (${formatNumber(b)}).`,
        `财务报表中${aZh}（${formatNumber(a)}）超过${bZh}（${formatNumber(b)}）。`));
    }
  };
  const inv = get('inventory'), rec = get('receivables');
  exceeds('current-assets-above-total', get('currentAssets'), get('totalAssets'), 'current assets', 'total assets', '流动资产', '资产总额');
  exceeds('inventory-receivables-above-current', inv === null || rec === null ? null : inv + rec, get('currentAssets'),
    'inventory plus receivables', 'current assets', '存货与应收账款之和', '流动资产');
  exceeds('current-liabilities-above-total', get('currentLiabilities'), get('totalLiabilities'), 'current liabilities', 'total liabilities', '流动负债', '负债总额');
  exceeds('top5-above-revenue', get('top5CustomerRevenue'), get('revenue'), 'top-5 customer revenue', 'revenue', '前五大客户收入', '营业收入');

  for (const id of Object.keys(UNIT) as DerivedIndicatorId[]) {
    const derived = values[id], supplied = indicators[id];
    if (derived === null || typeof supplied !== 'number') continue;
    const unit = UNIT[id];
    const tolerance = Math.max(params.absolute[unit], params.relative * Math.abs(derived));
    if (Math.abs(supplied - derived) > tolerance) {
      const u = UNIT_LABEL[unit], uz = UNIT_LABEL_ZH[unit];
      out.push(policyReason('statement-mismatch', 'refer', { indicator: id, supplied, derived, tolerance },
        `${id} is given as ${formatNumber(supplied)}${u} but the statement gives ${formatNumber(derived)}${u} (tolerance ${formatNumber(tolerance)}${u}).`,
        `${id}填报值为${formatNumber(supplied)}${uz}，按财务报表计算为${formatNumber(derived)}${uz}（容差${formatNumber(tolerance)}${uz}）。`));
    }
  }
  return out;
}

