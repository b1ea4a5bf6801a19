import { DomainError } from '../domain-error.js';

/**
 * Financial statement items of one ANNUAL period (one currency; flows are for the year, stocks at year end).
 * Every item is optional; an indicator whose items are missing is null.
 */
export interface FinancialStatement {
  readonly totalAssets?: number | null;
  /** Total assets at the start of the year (end of the previous year); for average total assets. */
  readonly totalAssetsPrior?: number | null;
  readonly totalLiabilities?: number | null;
  readonly currentAssets?: number | null;
  readonly currentLiabilities?: number | null;
  readonly inventory?: number | null;
  readonly receivables?: number | null;
  readonly revenue?: number | null;
  readonly revenuePrior?: number | null;
  readonly costOfGoodsSold?: number | null;
  readonly netProfit?: number | null;
  readonly ebit?: number | null;
  readonly interestExpense?: number | null;
  readonly depreciation?: number | null;
  readonly operatingCashFlow?: number | null;
  /** Cash available for debt service; when absent, EBITDA = EBIT + depreciation is used. */
  readonly cashAvailableForDebtService?: number | null;
  /** Principal and interest due in the next 12 months. */
  readonly debtServiceDue12m?: number | null;
  /** Revenue from the five largest customers. */
  readonly top5CustomerRevenue?: number | null;
}

export type DerivedIndicatorId = 'I21' | 'I22' | 'I23' | 'I24' | 'I31' | 'I32' | 'I33' | 'I34' | 'I41' | 'I42' | 'I43' | 'I44' | 'I63';

export interface DerivedIndicators {
  /** Every derivable indicator, in the unit of the default model (% as percentages, × as ratios, days); null = missing. */
  readonly values: Readonly<Record<DerivedIndicatorId, number | null>>;
  /** Why an indicator is missing when its items were given but unusable (zero or negative denominator, overflow). */
  readonly notes: readonly { readonly indicator: DerivedIndicatorId; readonly reason: string }[];
}

const ITEMS: readonly (keyof FinancialStatement)[] = [
  'totalAssets', 'totalAssetsPrior', 'totalLiabilities', 'currentAssets', 'currentLiabilities', 'inventory', 'receivables',
  'revenue', 'revenuePrior', 'costOfGoodsSold', 'netProfit', 'ebit', 'interestExpense', 'depreciation', 'operatingCashFlow',
  'cashAvailableForDebtService', 'debtServiceDue12m', 'top5CustomerRevenue',
];

/**
 * The financial indicators of credit-default-model.md from an annual statement:
 * I21 = total liabilities / total assets × 100 (%) · I22 = current assets / current liabilities (×) ·
 * I23 = (current assets − inventory) / current liabilities (×) · I24 = EBIT / interest expense (×) ·
 * I31 = net profit / average total assets × 100 (%; average of start and end, or the end value alone) ·
 * I32 = net profit / revenue × 100 (%) · I33 = operating cash flow / current liabilities (×) ·
 * I34 = (cash available for debt service, else EBIT + depreciation) / principal and interest due in 12 months (×) ·
 * I41 = receivables × 365 / revenue (days) · I42 = inventory × 365 / cost of goods sold (days) ·
 * I43 = (revenue / prior revenue − 1) × 100 (%) · I44 = revenue / average total assets (×) ·
 * I63 = top-5 customer revenue / revenue × 100 (%).
 * A missing item gives null; a zero or negative denominator gives null with a note (a ratio over a
 * non-positive base has no meaning here), never Infinity or NaN. Throws DomainError `invalid-statement`
 * listing items that are present but not finite numbers.
 */
export function deriveIndicators(statement: FinancialStatement): DerivedIndicators {
  const bad = ITEMS.filter((k) => {
    const v = statement[k];
    return v !== null && v !== undefined && (typeof v !== 'number' || !Number.isFinite(v));
  });
  if (bad.length > 0) {
    throw new DomainError('invalid-statement', `Statement items must be finite numbers: ${bad.join(', ')}.`,
      { invalidItems: Object.fromEntries(bad.map((k) => [k, statement[k]])) });
  }
  const get = (k: keyof FinancialStatement): number | null => {
    const v = statement[k];
    return v === null || v === undefined ? null : v;
  };
  const notes: { indicator: DerivedIndicatorId; reason: string }[] = [];
  const ratio = (id: DerivedIndicatorId, num: number | null, den: number | null, denName: string, scale = 1): number | null => {
    if (num === null || den === null) return null;
    if (!(den > 0)) {
      notes.push({ indicator: id, reason: `${denName} is ${den === 0 ? 'zero' : 'negative'}` });
      return null;
    }
    const r = (num / den) * scale;
    if (!Number.isFinite(r)) {
      notes.push({ indicator: id, reason: 'the ratio overflows' });
      return null;
    }
    return r === 0 ? 0 : r;
  };
  const sum = (a: number | null, b: number | null, sign = 1): number | null => (a === null || b === null ? null : a + sign * b);

  const assets = get('totalAssets');
  const prior = get('totalAssetsPrior');
  const averageAssets = assets === null ? null : prior === null ? assets : (assets + prior) / 2;
  const revenue = get('revenue');
  const revenuePrior = get('revenuePrior');
  const cads = get('cashAvailableForDebtService') ?? sum(get('ebit'), get('depreciation'));
  const growth = ratio('I43', revenue, revenuePrior, 'prior revenue');

  const values: Record<DerivedIndicatorId, number | null> = {
    I21: ratio('I21', get('totalLiabilities'), assets, 'total assets', 100),
    I22: ratio('I22', get('currentAssets'), get('currentLiabilities'), 'current liabilities'),
    I23: ratio('I23', sum(get('currentAssets'), get('inventory'), -1), get('currentLiabilities'), 'current liabilities'),
    I24: ratio('I24', get('ebit'), get('interestExpense'), 'interest expense'),
    I31: ratio('I31', get('netProfit'), averageAssets, 'average total assets', 100),
    I32: ratio('I32', get('netProfit'), revenue, 'revenue', 100),
    I33: ratio('I33', get('operatingCashFlow'), get('currentLiabilities'), 'current liabilities'),
    I34: ratio('I34', cads, get('debtServiceDue12m'), 'debt service due'),
    I41: ratio('I41', get('receivables'), revenue, 'revenue', 365),
    I42: ratio('I42', get('inventory'), get('costOfGoodsSold'), 'cost of goods sold', 365),
    I43: growth === null ? null : (growth - 1) * 100,
    I44: ratio('I44', revenue, averageAssets, 'average total assets'),
    I63: ratio('I63', get('top5CustomerRevenue'), revenue, 'revenue', 100),
  };
  return { values, notes };
}
