import { describe, expect, it } from 'vitest';
import { portfolioSummary, type PortfolioLoan } from '../../../../src/domain/credit/portfolio-summary.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: a six-loan portfolio tallied by hand (NPL ratio = NPL balance / total balance, credit-default-model.md;
// HHI = Σ s², Rhoades 1993).
const loans: PortfolioLoan[] = [
  { borrowerId: 'a', balance: 100, classification: 'normal', grade: 'A', industry: 'C', sizeBand: 'small' },
  { borrowerId: 'a', balance: 50, classification: 'normal', grade: 'A', industry: 'C', sizeBand: 'small' },
  { borrowerId: 'b', balance: 200, classification: 'special-mention', grade: 'BB', industry: 'F', sizeBand: 'micro' },
  { borrowerId: 'c', balance: 300, classification: 'substandard', grade: 'CCC', industry: 'F', sizeBand: 'small' },
  { borrowerId: 'd', balance: 250, classification: 'normal', daysPastDue: 100, grade: 'B', industry: null, sizeBand: 'micro' },
  { borrowerId: 'e', balance: 100, classification: 'loss', grade: 'D', industry: 'C' },
];

describe('portfolioSummary (hand-tallied six-loan portfolio)', () => {
  const s = portfolioSummary(loans);

  it('NPL by count 3/6 and by balance 650/1000 (the 100-DPD normal loan is raised to substandard)', () => {
    expect(s.count).toBe(6);
    expect(s.totalBalance).toBe(1000);
    expect(s.raisedByDaysPastDue).toBe(1);
    expect(s.npl).toEqual({ count: 3, balance: 650, ratioByCount: 0.5, ratioByBalance: 0.65 });
  });

  it('distributes by classification in severity order', () => {
    expect(s.byClassification.map((r) => [r.key, r.count, r.balance])).toEqual([
      ['normal', 2, 150], ['special-mention', 1, 200], ['substandard', 2, 550], ['loss', 1, 100]]);
  });

  it('distributes by grade in scale order with shares', () => {
    expect(s.byGrade.map((r) => r.key)).toEqual(['A', 'BB', 'B', 'CCC', 'D']);
    expect(s.byGrade[0]).toEqual({ key: 'A', count: 2, balance: 150, countShare: 2 / 6, balanceShare: 0.15 });
  });

  it('distributes by industry and size band (largest balance first; unrecorded as null)', () => {
    // Ties on balance are broken alphabetically with unrecorded (null) last.
    expect(s.byIndustry.map((r) => [r.key, r.balance])).toEqual([['F', 500], ['C', 250], [null, 250]]);
    expect(s.bySizeBand.map((r) => [r.key, r.balance])).toEqual([['micro', 450], ['small', 450], [null, 100]]);
  });

  it('tabulates grade × classification', () => {
    const t = s.gradeByClassification;
    expect(t.classifications).toEqual(['normal', 'special-mention', 'substandard', 'doubtful', 'loss']);
    expect(t.grades).toEqual(['A', 'BB', 'B', 'CCC', 'D']);
    expect(t.counts).toEqual([[2, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 1]]);
    expect(t.balances[2]).toEqual([0, 0, 250, 0, 0]);
  });

  it('concentration: all 5 borrowers are in the top 10 → 1; HHI = .5² + .25² + .25² = .375', () => {
    expect(s.concentration.top10Share).toBe(1);
    expect(s.concentration.hhiByIndustry).toBeCloseTo(0.375, 15);
  });

  it('top-10 share with 12 equal borrowers is 10/12', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ borrowerId: String(i), balance: 10, classification: 'normal' as const }));
    expect(portfolioSummary(many).concentration.top10Share).toBeCloseTo(10 / 12, 15);
  });

  it('an empty portfolio gives null ratios, never NaN', () => {
    const e = portfolioSummary([]);
    expect(e.npl).toEqual({ count: 0, balance: 0, ratioByCount: null, ratioByBalance: null });
    expect(e.concentration).toEqual({ top10Share: null, hhiByIndustry: null });
  });

  it('rejects a negative balance or an unknown classification, naming the loan', () => {
    expect(() => portfolioSummary([{ balance: -1, classification: 'normal' }])).toThrow(/Loan 1/);
    expect(() => portfolioSummary([{ balance: 1, classification: 'normal' }, { balance: 1, classification: 'npl' as never }])).toThrow(DomainError);
  });
});
