import { describe, expect, it } from 'vitest';
import { checkIndustryConcentration } from '../../../../src/domain/policy/check-industry-concentration.js';

const limits = { defaultMaxShare: 0.25, maxShareByIndustry: { F51: 0.1 }, minPortfolioBalance: 10_000_000 };
const portfolio = { totalBalance: 100_000_000, balanceByIndustry: { C13: 24_000_000, F51: 9_000_000 } };

// Oracle: s = (B + x)/(T + x) computed by hand.
describe('checkIndustryConcentration', () => {
  it('(24M + 2M)/(102M) = 0.2549 > 0.25 refers with before and after shares', () => {
    const [r] = checkIndustryConcentration(limits, 'C13', portfolio, 2_000_000);
    expect(r.params.shareAfter).toBeCloseTo(26 / 102, 15);
    expect(r.params.shareBefore).toBe(0.24);
    expect(r.message.en).toBe('With this loan (2,000,000) industry C13 would be 25.5 % of the portfolio balance, above the limit of 25 % (now 24 %).');
    expect(r.message.zh).toBe('发放本笔贷款（2,000,000）后，C13行业余额将占组合的25.5%，超过限额25%（当前24%）。');
  });

  it('industry-specific limit: F51 (9M + 1.2M)/101.2M = 0.1008 > 0.10; 1.1M gives exactly 0.1 and passes', () => {
    expect(checkIndustryConcentration(limits, 'F51', portfolio, 1_200_000)).toHaveLength(1);
    // (9 + 1.1)/(101.1) = 0.0999 → passes
    expect(checkIndustryConcentration(limits, 'F51', portfolio, 1_100_000)).toEqual([]);
  });

  it('a new industry in a large portfolio: 2M/102M passes; no limit, small portfolio, unknown industry, empty book → nothing', () => {
    expect(checkIndustryConcentration(limits, 'A01', portfolio, 2_000_000)).toEqual([]);
    expect(checkIndustryConcentration({ ...limits, defaultMaxShare: null }, 'C13', portfolio, 50_000_000)).toEqual([]);
    expect(checkIndustryConcentration(limits, 'C13', { totalBalance: 9_999_999, balanceByIndustry: { C13: 9_999_999 } }, 1)).toEqual([]);
    expect(checkIndustryConcentration(limits, null, portfolio, 50_000_000)).toEqual([]);
    expect(checkIndustryConcentration({ ...limits, minPortfolioBalance: 0 }, 'C13', { totalBalance: 0, balanceByIndustry: {} }, 0)).toEqual([]);
  });
});
