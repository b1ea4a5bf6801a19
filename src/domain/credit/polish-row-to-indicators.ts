import { DomainError } from '../domain-error.js';

export type PolishRow = readonly (number | string | null)[] | Readonly<Record<string, number | string | null>>;

export interface PolishBorrower {
  /** The 11 financial indicators this data set can fill, in the units of the default model; null = missing. */
  readonly indicators: Readonly<Record<'I21' | 'I22' | 'I23' | 'I24' | 'I31' | 'I32' | 'I33' | 'I41' | 'I42' | 'I43' | 'I44', number | null>>;
  /** class = 1: the firm went bankrupt (the outcome); null when the class is missing. */
  readonly bankrupt: boolean | null;
}

/**
 * Maps one row of the Polish companies bankruptcy data (Tomczak 2016, UCI 365; Zięba, Tomczak & Tomczak 2016)
 * to default-model indicators, as credit-default-model.md prescribes. The data's ratios are fractions, so
 * percentage indicators are × 100:
 * - I21 debt-to-asset %   = Attr2 (total liabilities / total assets) × 100
 * - I22 current ratio ×   = Attr4 (current assets / short-term liabilities)
 * - I23 quick ratio ×     = Attr46 ((current assets − inventory) / short-term liabilities)
 * - I24 interest cover ×  ≈ Attr27 (profit on operating activities / financial expenses; proxy: operating profit
 *                           for EBIT, all financial expenses for interest)
 * - I31 ROA %             = Attr1 (net profit / total assets, year-end not average assets) × 100
 * - I32 net margin %      = Attr23 (net profit / sales) × 100
 * - I33 CFO / CL ×        ≈ Attr26 ((net profit + depreciation) / total liabilities; proxy for cash flow over
 *                           current liabilities)
 * - I41 DSO days          = Attr44 (receivables × 365 / sales)
 * - I42 inventory days    = Attr47 (inventory × 365 / cost of products sold)
 * - I43 revenue growth %  = (Attr21 − 1) × 100 (Attr21 = sales(n) / sales(n − 1))
 * - I44 asset turnover ×  = Attr36 (total sales / total assets)
 * All other indicators (C1, C5, C6, C7, I34) are absent from the data and stay missing (the scorer renormalises
 * and flags them). A row is either the positional array of parseArff (Attr1 … Attr64, then class) or a record
 * keyed 'Attr1' … 'Attr64', 'class'. Missing (`?`/null) or non-finite values give null.
 * Throws DomainError `invalid-row` for a short array or a non-numeric value in a used attribute.
 */
export function polishRowToIndicators(row: PolishRow): PolishBorrower {
  const isArray = Array.isArray(row);
  if (isArray && (row as readonly unknown[]).length < 65) {
    throw new DomainError('invalid-row', `A Polish data row has 64 attributes and the class; got ${(row as readonly unknown[]).length} values.`, { length: (row as readonly unknown[]).length });
  }
  const raw = (k: number): unknown => (isArray ? (row as readonly unknown[])[k - 1] : (row as Record<string, unknown>)[`Attr${k}`]);
  const attr = (k: number): number | null => {
    const v = raw(k);
    if (v === null || v === undefined) return null;
    if (typeof v !== 'number') throw new DomainError('invalid-row', `Attr${k} must be a number, got ${JSON.stringify(v)}.`, { attribute: `Attr${k}`, value: v });
    return Number.isFinite(v) ? v : null;
  };
  const scaled = (k: number, factor: number, offset = 0): number | null => {
    const v = attr(k);
    if (v === null) return null;
    const x = (v + offset) * factor;
    return Number.isFinite(x) ? x : null;
  };
  const cls = isArray ? (row as readonly unknown[])[64] : (row as Record<string, unknown>).class;
  const bankrupt = cls === '1' || cls === 1 ? true : cls === '0' || cls === 0 ? false : null;
  return {
    indicators: {
      I21: scaled(2, 100), I22: attr(4), I23: attr(46), I24: attr(27),
      I31: scaled(1, 100), I32: scaled(23, 100), I33: attr(26),
      I41: attr(44), I42: attr(47), I43: scaled(21, 100, -1), I44: attr(36),
    },
    bankrupt,
  };
}
