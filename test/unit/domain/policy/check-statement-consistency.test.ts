import { describe, expect, it } from 'vitest';
import { checkStatementConsistency } from '../../../../src/domain/policy/check-statement-consistency.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';

const params = DEFAULT_POLICY.loopholeChecks.plausibility?.statement as NonNullable<NonNullable<typeof DEFAULT_POLICY.loopholeChecks.plausibility>['statement']>;

// A coherent statement; indicators recomputed by hand with the formulas of credit-default-model.md:
// I21 = 600/1000 = 60 %; I22 = 500/250 = 2; I23 = (500 − 150)/250 = 1.4; I41 = 100·365/1200 = 30.4167 days;
// I44 = 1200/((1000 + 900)/2) = 1.26316; I32 = 60/1200 = 5 %; I31 = 60/950 = 6.3158 %.
const statement = {
  totalAssets: 1000, totalAssetsPrior: 900, totalLiabilities: 600, currentAssets: 500, currentLiabilities: 250,
  inventory: 150, receivables: 100, revenue: 1200, netProfit: 60,
};
const honest = { I21: 60, I22: 2, I23: 1.4, I41: 30.4, I44: 1.26, I32: 5, I31: 6.32 };

describe('checkStatementConsistency', () => {
  it('indicators that match the statement within tolerance pass', () => {
    expect(checkStatementConsistency(params, statement, honest)).toEqual([]);
  });

  it('DSO and asset turnover inconsistent with revenue refer, with the derived value', () => {
    // Revenue inflated in the indicators: I41 = 20 days (statement 30.42, tolerance max(2, 1.52) = 2) and I44 = 2.0
    // (statement 1.263, tolerance max(0.02, 0.0632) = 0.0632).
    const reasons = checkStatementConsistency(params, statement, { ...honest, I41: 20, I44: 2.0 });
    expect(reasons.map((r) => r.params.indicator)).toEqual(['I41', 'I44']);
    expect(reasons[0].params.derived).toBeCloseTo(30.41667, 4);
    expect(reasons[0].params.tolerance).toBe(2);
    expect(reasons[1].params.derived).toBeCloseTo(1.263158, 5);
    expect(reasons[1].params.tolerance).toBeCloseTo(0.0631579, 6);
    expect(reasons[0].message.en).toBe('I41 is given as 20 days but the statement gives 30.42 days (tolerance 2 days).');
  });

  it('tolerance edge: 5 % of the derived value (I21 60 % → ±3 points)', () => {
    expect(checkStatementConsistency(params, statement, { I21: 63 })).toEqual([]);
    expect(checkStatementConsistency(params, statement, { I21: 63.01 })).toHaveLength(1);
  });

  it('a statement that contradicts itself refers, one reason per contradiction', () => {
    const bad = { ...statement, currentAssets: 1100, inventory: -5, currentLiabilities: 700, top5CustomerRevenue: 1300 };
    const checks = checkStatementConsistency(params, bad, {}).map((r) => r.params.check);
    expect(checks).toEqual(['negative-item', 'current-assets-above-total', 'current-liabilities-above-total', 'top5-above-revenue']);
    const mix = checkStatementConsistency(params, { ...statement, inventory: 300, receivables: 250 }, {});
    expect(mix.map((r) => r.params)).toEqual([{ check: 'inventory-receivables-above-current', value: 550, limit: 500 }]);
    expect(mix[0].message.zh).toBe('财务报表中存货与应收账款之和（550）超过流动资产（500）。');
  });

  it('item identities allow 0.1 % slack for rounding', () => {
    expect(checkStatementConsistency(params, { ...statement, currentAssets: 1000.9 }, {})).toEqual([]);
    expect(checkStatementConsistency(params, { ...statement, currentAssets: 1001.1 }, {})).toHaveLength(1);
  });

  it('throws for non-finite items', () => {
    expect(() => checkStatementConsistency(params, { revenue: Number.NaN }, {})).toThrow(expect.objectContaining({ code: 'invalid-statement' }));
  });
});
