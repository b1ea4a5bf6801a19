import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../src/domain/credit/compile-model.js';
import { borrowerInputOf, warningSnapshotOf } from '../../../../src/features/borrowers/snapshot-input.js';
import type { SnapshotInput } from '../../../../src/features/borrowers/snapshot-fields.js';
import { packEvaluation, unpackEvaluation } from '../../../../src/features/borrowers/stored-evaluation.js';
import { templateDefinition } from '../../../../src/features/models/models-service.js';

const base: SnapshotInput = {
  borrowerRef: 'B-1', borrowerName: 'Firm', asOf: '2026-09-30', industry: 'F', sizeBand: 'small', region: null,
  indicators: { I21: 62.5, I43: -35, I53: 'C', I54: 'supply_cut', I55: 'dishonest_list' },
  statement: { revenue: 1_000_000 }, loanBalance: 500_000, classification: 'normal', daysPastDue: 12, outcome: null,
  extra: { insolvency: true, otherBankOverdue: true, creditLineUsePct: 95, collateralValue: 300_000 },
};

describe('borrowerInputOf', () => {
  it('passes indicators, flags, days past due and default status; the table index when the snapshot gives none', () => {
    expect(borrowerInputOf(base, 96)).toEqual({
      industry: 'F', asOf: '2026-09-30', indicators: base.indicators,
      flags: { dishonestDebtorList: false, insolvency: true }, daysPastDue: 12, inDefault: false, prosperityIndex: 96,
    });
    expect(borrowerInputOf({ ...base, extra: { prosperityIndex: 104, inDefault: true } }, 96)).toMatchObject({ prosperityIndex: 104, inDefault: true });
    expect(borrowerInputOf({ ...base, extra: {} }, null).prosperityIndex).toBeNull();
  });
});

describe('warningSnapshotOf', () => {
  it('reads listings and cut-offs from flags or from the I55 / I54 codes, the tax grade, revenue and the grade', () => {
    expect(warningSnapshotOf(base, 88, 'B')).toEqual({
      asOf: '2026-09-30', daysPastDue: 12, otherBankOverdue: true, dishonestDebtorListed: true, enforcementListed: null,
      taxGrade: 'C', utilityCutOff: true, revenue: 1_000_000, revenueYoyPct: -35, creditLineUsePct: 95, collateralValue: 300_000,
      industryIndex: 88, grade: 'B',
    });
    const clean = warningSnapshotOf({ ...base, indicators: { I53: 'A', I54: 'no_arrears', I55: 'none' }, statement: null, extra: { dishonestDebtorList: false, prosperityIndex: 101 } }, 88, null);
    expect(clean).toMatchObject({ dishonestDebtorListed: false, utilityCutOff: null, revenue: null, revenueYoyPct: null, industryIndex: 101, grade: null });
  });
});

describe('packEvaluation / unpackEvaluation', () => {
  it('keeps the API shape through storage, numbers to 1e-9 and the exact score', () => {
    const e = compileModel(templateDefinition()).score({ indicators: { I21: 62.5, I22: 1.1, I53: 'B', I62: 'restricted' }, daysPastDue: 95 });
    const stored = JSON.parse(JSON.stringify(packEvaluation(e)));
    const back = unpackEvaluation(stored);
    expect(back.score).toBe(e.score);
    expect(back.grade).toBe(e.grade);
    expect(back.missing).toEqual(e.missing);
    expect(back.caps).toEqual(e.caps);
    expect(back.warnings).toEqual(e.warnings);
    expect(Object.keys(back.indicators)).toEqual(Object.keys(e.indicators));
    for (const [id, x] of Object.entries(e.indicators)) {
      expect(back.indicators[id]!.value).toEqual(x.value);
      expect(back.indicators[id]!.weight).toBeCloseTo(x.weight, 9);
      if (x.score === null) expect(back.indicators[id]!.score).toBeNull();
      else expect(back.indicators[id]!.score).toBeCloseTo(x.score, 9);
    }
    for (const [id, c] of Object.entries(e.criteria)) expect(back.criteria[id]!.weight).toBeCloseTo(c.weight, 9);
  });
});
