import { describe, expect, it } from 'vitest';
import { deriveIndicators, type FinancialStatement } from '../../../../src/domain/credit/derive-indicators.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: the ratio definitions of credit-default-model.md evaluated by hand on round numbers.
const statement: FinancialStatement = {
  totalAssets: 1200, totalAssetsPrior: 800, totalLiabilities: 660,
  currentAssets: 600, currentLiabilities: 400, inventory: 200, receivables: 150,
  revenue: 1825, revenuePrior: 1460, costOfGoodsSold: 1460,
  netProfit: 60, ebit: 120, interestExpense: 40, depreciation: 30,
  operatingCashFlow: 80, debtServiceDue12m: 100, top5CustomerRevenue: 730,
};

describe('deriveIndicators (credit-default-model.md definitions, by hand)', () => {
  const { values, notes } = deriveIndicators(statement);

  it('solvency: I21 660/1200 = 55 %, I22 600/400 = 1.5, I23 400/400 = 1, I24 120/40 = 3', () => {
    expect(values.I21).toBeCloseTo(55, 12);
    expect(values.I22).toBe(1.5);
    expect(values.I23).toBe(1);
    expect(values.I24).toBe(3);
  });

  it('profitability: I31 60/avg(1200, 800) = 6 %, I32 60/1825 = 3.2877 %, I33 80/400 = 0.2, I34 (120+30)/100 = 1.5', () => {
    expect(values.I31).toBeCloseTo(6, 12);
    expect(values.I32).toBeCloseTo((60 / 1825) * 100, 12);
    expect(values.I33).toBe(0.2);
    expect(values.I34).toBe(1.5);
  });

  it('operations: I41 150·365/1825 = 30 d, I42 200·365/1460 = 50 d, I43 1825/1460 − 1 = 25 %, I44 1825/1000 = 1.825; I63 40 %', () => {
    expect(values.I41).toBeCloseTo(30, 12);
    expect(values.I42).toBeCloseTo(50, 12);
    expect(values.I43).toBeCloseTo(25, 12);
    expect(values.I44).toBeCloseTo(1.825, 12);
    expect(values.I63).toBeCloseTo(40, 12);
    expect(notes).toEqual([]);
  });

  it('uses the explicit cash available for debt service when given, and year-end assets without a prior value', () => {
    const d = deriveIndicators({ ...statement, cashAvailableForDebtService: 90, totalAssetsPrior: null });
    expect(d.values.I34).toBe(0.9);
    expect(d.values.I31).toBeCloseTo(5, 12);
  });

  it('zero denominators give null with a note, never Infinity or NaN', () => {
    const d = deriveIndicators({ ...statement, totalAssets: 0, totalAssetsPrior: 0, currentLiabilities: 0, interestExpense: 0, revenue: 0, revenuePrior: 0, costOfGoodsSold: 0, debtServiceDue12m: 0 });
    for (const v of Object.values(d.values)) expect(v).toBeNull();
    expect(d.notes.map((n) => n.indicator).sort()).toEqual(['I21', 'I22', 'I23', 'I24', 'I31', 'I32', 'I33', 'I34', 'I41', 'I42', 'I43', 'I44', 'I63']);
    expect(d.notes.find((n) => n.indicator === 'I24')!.reason).toBe('interest expense is zero');
  });

  it('negative denominators give null (negative prior revenue, negative current liabilities)', () => {
    const d = deriveIndicators({ revenue: 100, revenuePrior: -50, currentAssets: 10, currentLiabilities: -5 });
    expect(d.values.I43).toBeNull();
    expect(d.values.I22).toBeNull();
    expect(d.notes.find((n) => n.indicator === 'I43')!.reason).toBe('prior revenue is negative');
  });

  it('missing items give null without a note; an empty statement gives all null', () => {
    const d = deriveIndicators({});
    expect(Object.values(d.values).every((v) => v === null)).toBe(true);
    expect(d.notes).toEqual([]);
  });

  it('an overflowing ratio is null with a note', () => {
    const d = deriveIndicators({ ebit: 1e308, interestExpense: 1e-308 });
    expect(d.values.I24).toBeNull();
    expect(d.notes).toEqual([{ indicator: 'I24', reason: 'the ratio overflows' }]);
  });

  it('rejects items that are not finite numbers, listing them', () => {
    expect(() => deriveIndicators({ revenue: Number.NaN, ebit: Number.POSITIVE_INFINITY })).toThrow(DomainError);
    expect(() => deriveIndicators({ revenue: Number.NaN })).toThrow(/revenue/);
  });
});
