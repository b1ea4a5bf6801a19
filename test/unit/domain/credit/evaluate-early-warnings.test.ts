import { describe, expect, it } from 'vitest';
import { evaluateEarlyWarnings, type WarningSnapshot } from '../../../../src/domain/credit/evaluate-early-warnings.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

const codes = (current: WarningSnapshot, history: WarningSnapshot[] = []) =>
  evaluateEarlyWarnings(current, history).signals.map((s) => s.code);
const level = (current: WarningSnapshot, history: WarningSnapshot[] = []) => evaluateEarlyWarnings(current, history).level;
const now = '2024-06-30';

// Oracle: the default signals of credit-default-model.md "Early-warning signals (defaults)", each checked at and
// around its threshold.
describe('evaluateEarlyWarnings — red signals (credit-default-model.md defaults)', () => {
  it('DPD > 30 is red; 30 is amber; 0 is nothing', () => {
    expect(codes({ asOf: now, daysPastDue: 31 })).toEqual(['dpd-over-30']);
    expect(level({ asOf: now, daysPastDue: 31 })).toBe('red');
    expect(codes({ asOf: now, daysPastDue: 30 })).toEqual(['dpd-1-30']);
    expect(codes({ asOf: now, daysPastDue: 0 })).toEqual([]);
  });

  it('overdue or NPL at another bank is red, marked new when the previous snapshot did not have it', () => {
    const r = evaluateEarlyWarnings({ asOf: now, otherBankOverdue: true }, [{ asOf: '2024-03-31', otherBankOverdue: false }]);
    expect(r.signals).toEqual([expect.objectContaining({ code: 'other-bank-overdue', severity: 'red', params: { new: true } })]);
    const persisting = evaluateEarlyWarnings({ asOf: now, otherBankOverdue: true }, [{ asOf: '2024-03-31', otherBankOverdue: true }]);
    expect(persisting.signals[0].params).toEqual({ new: false });
  });

  it('dishonest-debtor or enforcement listing is red', () => {
    expect(codes({ asOf: now, dishonestDebtorListed: true })).toEqual(['listing']);
    expect(codes({ asOf: now, enforcementListed: true })).toEqual(['listing']);
  });

  it('tax grade falling to C or D is red (with the previous grade); M is not', () => {
    const r = evaluateEarlyWarnings({ asOf: now, taxGrade: 'C' }, [{ asOf: '2023-06-30', taxGrade: 'B' }]);
    expect(r.signals[0]).toMatchObject({ code: 'tax-grade', severity: 'red', params: { grade: 'C', from: 'B' } });
    expect(r.signals[0].reason.en).toBe('Tax credit grade fell from B to C.');
    expect(codes({ asOf: now, taxGrade: 'D' })).toEqual(['tax-grade']);
    expect(codes({ asOf: now, taxGrade: 'M' })).toEqual([]);
  });

  it('utility cut-off is red', () => {
    expect(codes({ asOf: now, utilityCutOff: true })).toEqual(['utility-cut-off']);
  });
});

describe('evaluateEarlyWarnings — amber signals (credit-default-model.md defaults)', () => {
  it('DPD 1–30 is amber', () => {
    expect(codes({ asOf: now, daysPastDue: 1 })).toEqual(['dpd-1-30']);
  });

  it('revenue down > 30 % year on year: given directly (−30.1 fires, −30 does not)', () => {
    expect(codes({ asOf: now, revenueYoyPct: -30.1 })).toEqual(['revenue-drop']);
    expect(codes({ asOf: now, revenueYoyPct: -30 })).toEqual([]);
  });

  it('revenue drop computed from the snapshot one year earlier (1000 → 650 = −35 %); a snapshot 6 months earlier is not used', () => {
    const r = evaluateEarlyWarnings({ asOf: now, revenue: 650 }, [{ asOf: '2023-06-30', revenue: 1000 }, { asOf: '2023-12-31', revenue: 2000 }]);
    expect(r.signals).toEqual([expect.objectContaining({ code: 'revenue-drop', params: { yoyPct: expect.closeTo(-35, 10), threshold: 30 } })]);
    expect(codes({ asOf: now, revenue: 650 }, [{ asOf: '2023-12-31', revenue: 1000 }])).toEqual([]);
  });

  it('credit-line use > 90 % for 3 months: monthly series on the snapshot', () => {
    expect(codes({ asOf: now, creditLineUseMonthlyPct: [50, 91, 95, 99] })).toEqual(['credit-line-use']);
    expect(codes({ asOf: now, creditLineUseMonthlyPct: [91, 90, 95, 99] })).toEqual([]); // 90 is not above 90
    expect(codes({ asOf: now, creditLineUseMonthlyPct: [95, 99] })).toEqual([]); // only 2 months known
  });

  it('credit-line use > 90 % for 3 months: three monthly snapshots fire, two do not', () => {
    const hist = [{ asOf: '2024-04-30', creditLineUsePct: 95 }, { asOf: '2024-05-31', creditLineUsePct: 92 }];
    expect(codes({ asOf: now, creditLineUsePct: 97 }, hist)).toEqual(['credit-line-use']);
    expect(codes({ asOf: now, creditLineUsePct: 97 }, hist.slice(1))).toEqual([]);
    expect(codes({ asOf: now, creditLineUsePct: 97 }, [{ asOf: '2024-04-30', creditLineUsePct: 95 }, { asOf: '2024-05-31', creditLineUsePct: 80 }])).toEqual([]);
  });

  it('collateral value down > 20 % from the latest earlier appraisal (1000 → 790 fires, → 800 does not)', () => {
    const hist = [{ asOf: '2023-06-30', collateralValue: 5000 }, { asOf: '2024-03-31', collateralValue: 1000 }];
    expect(codes({ asOf: now, collateralValue: 790 }, hist)).toEqual(['collateral-drop']);
    expect(codes({ asOf: now, collateralValue: 800 }, hist)).toEqual([]);
  });

  it('industry index < 90 for 2 quarters: two quarter-end snapshots below 90 fire; one does not', () => {
    expect(codes({ asOf: now, industryIndex: 88 }, [{ asOf: '2024-03-31', industryIndex: 85 }])).toEqual(['industry-index']);
    expect(codes({ asOf: now, industryIndex: 88 }, [{ asOf: '2024-03-31', industryIndex: 95 }])).toEqual([]);
    expect(codes({ asOf: now, industryIndex: 90 }, [{ asOf: '2024-03-31', industryIndex: 85 }])).toEqual([]);
  });

  it('downgrade by ≥ 2 notches within 12 months (A → BB fires: A, BBB, BB; A → BBB does not)', () => {
    const hist = [{ asOf: '2023-12-31', grade: 'A' }];
    const r = evaluateEarlyWarnings({ asOf: now, grade: 'BB' }, hist);
    expect(r.signals).toEqual([expect.objectContaining({ code: 'downgrade', params: { from: 'A', to: 'BB', notches: 2 } })]);
    expect(codes({ asOf: now, grade: 'BBB' }, hist)).toEqual([]);
    // A grade older than 365 days does not count.
    expect(codes({ asOf: now, grade: 'BB' }, [{ asOf: '2023-06-01', grade: 'AAA' }])).toEqual([]);
  });

  it('throws DomainError for a grade not on the scale or a bad date', () => {
    expect(() => evaluateEarlyWarnings({ asOf: now, grade: 'Q' }, [{ asOf: '2024-01-01', grade: 'A' }])).toThrow(DomainError);
    expect(() => evaluateEarlyWarnings({ asOf: '2024/06/30' })).toThrow(DomainError);
  });
});

describe('evaluateEarlyWarnings — level (green → yellow → orange → red)', () => {
  it('green with no signal, yellow with 1 amber, orange with 2 amber, red with any red', () => {
    expect(level({ asOf: now })).toBe('green');
    expect(level({ asOf: now, daysPastDue: 5 })).toBe('yellow');
    expect(level({ asOf: now, daysPastDue: 5, revenueYoyPct: -40 })).toBe('orange');
    const r = evaluateEarlyWarnings({ asOf: now, daysPastDue: 5, revenueYoyPct: -40, utilityCutOff: true });
    expect(r.level).toBe('red');
    expect(r.signals.map((s) => s.severity)).toEqual(['red', 'amber', 'amber']);
  });

  it('every signal carries bilingual reasons and a suggested action', () => {
    const r = evaluateEarlyWarnings({ asOf: now, daysPastDue: 45, otherBankOverdue: true, dishonestDebtorListed: true, taxGrade: 'D', utilityCutOff: true });
    expect(r.signals).toHaveLength(5);
    for (const s of r.signals) {
      expect(s.reason.en.length).toBeGreaterThan(5);
      expect(s.reason.zh.length).toBeGreaterThan(2);
      expect(s.suggestedAction.en.length).toBeGreaterThan(5);
    }
  });

  it('a signal switched off in the config does not fire', () => {
    const cfg = { red: { daysPastDueAbove: null, otherBankOverdue: false, listing: true, taxGrades: [], utilityCutOff: true },
      amber: { daysPastDueFrom: null, revenueDropPct: null, creditLineUse: null, collateralDropPct: null, industryIndex: null, downgrade: null } };
    expect(evaluateEarlyWarnings({ asOf: now, daysPastDue: 45, otherBankOverdue: true, taxGrade: 'D' }, [], cfg).level).toBe('green');
  });
});
