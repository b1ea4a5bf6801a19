import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { decideApplication } from '../../../../src/domain/policy/decide-application.js';
import { policyDryRun } from '../../../../src/domain/policy/policy-dry-run.js';
import type { SnapshotRecord, StoredEvaluation } from '../../../../src/features/borrowers/borrowers-repository.js';
import type { PackedEvaluation } from '../../../../src/features/borrowers/stored-evaluation.js';
import { templateDefinition } from '../../../../src/features/models/models-service.js';
import { DEFAULT_ASSUMPTIONS, portfolioCases, portfolioPosition, seededSample } from '../../../../src/features/policies/dry-run-cases.js';
import { dryRunReport } from '../../../../src/features/policies/dry-run-report.js';

const MODEL = templateDefinition();

function snapshot(id: number, over: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id, borrowerId: 100 + id, borrowerRef: `B${id}`, borrowerName: null, portfolio: 'P', isDemo: false, isSynthetic: true, importId: null,
    createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    asOf: '2026-09-30', industry: 'C', sizeBand: 'small', region: null, indicators: { I21: 50 }, statement: null, loanBalance: 1_000_000,
    classification: null, daysPastDue: null, outcome: null, extra: {}, ...over,
  };
}
function evaluation(snapshotId: number, grade: string, over: Partial<PackedEvaluation> = {}, level = 'green'): StoredEvaluation {
  const packed: PackedEvaluation = { v: 1, score: 70, grade, c: {}, i: { I21: [55, 60, 0.1], I22: [null, null, 0] }, missing: ['I22'], caps: [], adj: [], warn: [], ...over };
  return { id: snapshotId, snapshotId, modelId: 1, borrowerId: 100 + snapshotId, asOf: '2026-09-30', score: packed.score, grade, warningLevel: level, missingCount: packed.missing.length, capped: false, result: packed, earlyWarnings: null, scoredAt: '', scoredBy: null };
}

describe('portfolio position and sample', () => {
  it('sums positive balances overall and by industry', () => {
    expect(portfolioPosition([{ industry: 'C', loanBalance: 100 }, { industry: 'C', loanBalance: 50 }, { industry: 'F', loanBalance: null }, { industry: null, loanBalance: 30 }, { industry: 'E', loanBalance: -5 }]))
      .toEqual({ totalBalance: 180, balanceByIndustry: { C: 150 } });
  });

  it('a seeded sample: the requested size, distinct items in input order, reproducible, all items when larger', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = seededSample(items, 10, 3), b = seededSample(items, 10, 3), c = seededSample(items, 10, 4);
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(seededSample(items, null, 1)).toEqual(items);
    expect(seededSample(items, 80, 1)).toEqual(items);
  });
});

describe('portfolioCases', () => {
  it('turns each latest snapshot into a renewal of its balance, with the portfolio position without its own balance', () => {
    const rows = [
      { snapshot: snapshot(1, { loanBalance: 2_000_000, industry: 'C' }), evaluation: evaluation(1, 'A') },
      { snapshot: snapshot(2, { loanBalance: null, industry: 'F', extra: { dishonestDebtorList: true } }), evaluation: evaluation(2, 'BB', {}, 'orange') },
      { snapshot: snapshot(3, { loanBalance: 3_000_000, industry: 'C' }), evaluation: evaluation(3, 'CCC') },
    ];
    const cases = portfolioCases(MODEL, rows, { ...DEFAULT_ASSUMPTIONS, termMonths: 24, defaultAmount: 500_000 });
    expect(cases.map((c) => c.grade)).toEqual(['A', 'BB', 'CCC']);
    const [c1, c2] = cases.map((c) => c.case);
    expect(c1).toMatchObject({ caseId: '1', amount: 2_000_000, termMonths: 24, warningLevel: 'green', asOf: '2026-09-30', history: [] });
    expect(c1!.portfolio).toEqual({ totalBalance: 3_000_000, balanceByIndustry: { C: 3_000_000 } });
    expect(c1!.borrower).toMatchObject({ industry: 'C', sizeBand: 'small', existingExposure: 0, snapshotAsOf: '2026-09-30', indicators: { I21: 55, I22: null } });
    // I22 missing: completeness = 1 − W(C2)·l(I22) / Σ W·l, from the model's nominal weights.
    const c2w = MODEL.criteria.find((c) => c.id === 'C2')!.weight;
    const l22 = MODEL.indicators.find((i) => i.id === 'I22')!.weight;
    expect(c1!.completeness).toBeCloseTo(1 - c2w * l22, 12);
    expect(c2).toMatchObject({ amount: 500_000, warningLevel: 'orange' });
    expect(c2!.borrower.flags).toEqual({ dishonestDebtorList: true, insolvency: false });
    expect(c2!.portfolio.totalBalance).toBe(5_000_000);
    // Decided by the domain: A approves (amount ≤ 3 M ceiling and A-small limit 6 M); the dishonest-debtor flag declines; CCC declines.
    expect(cases.map((c) => decideApplication({ ...c.case, policy: DEFAULT_POLICY }).decision)).toEqual(['approve', 'decline', 'decline']);
  });

  it('a borrower without a size band gets the assumed band, or cannot be decided without one', () => {
    const rows = [{ snapshot: snapshot(1, { sizeBand: null }), evaluation: evaluation(1, 'A') }];
    expect(portfolioCases(MODEL, rows, { ...DEFAULT_ASSUMPTIONS, unknownSizeBand: 'micro' })[0]!.case.borrower.sizeBand).toBe('micro');
    const none = portfolioCases(MODEL, rows, DEFAULT_ASSUMPTIONS);
    expect(policyDryRun(DEFAULT_POLICY, none.map((c) => c.case)).errors.map((e) => e.code)).toEqual(['invalid-application']);
  });

  it('dryRunReport: per-grade rows add up to the overall mix, which is policyDryRun; changed cases carry the policy reasons', () => {
    const rows = ['AAA', 'A', 'BBB', 'BBB', 'BB', 'CCC'].map((g, i) => ({ snapshot: snapshot(i + 1), evaluation: evaluation(i + 1, g) }));
    const cases = portfolioCases(MODEL, rows, DEFAULT_ASSUMPTIONS);
    const stricter = { ...DEFAULT_POLICY, gradeThresholds: { approveFrom: 'A', referFrom: 'B' } };
    const report = dryRunReport(stricter, cases, DEFAULT_POLICY, [...DEFAULT_POLICY.gradeScale.bands.map((b) => b.grade), 'D']);
    expect(report.result).toEqual(policyDryRun(stricter, cases.map((c) => c.case), { baseline: DEFAULT_POLICY }));
    expect(report.byGrade.map((g) => [g.grade, g.mix.approve, g.mix.refer, g.mix.decline, g.changed])).toEqual([
      ['AAA', 1, 0, 0, 0], ['A', 1, 0, 0, 0], ['BBB', 0, 2, 0, 2], ['BB', 0, 1, 0, 0], ['CCC', 0, 0, 1, 0],
    ]);
    expect(report.changes.map((c) => [c.borrowerRef, c.from, c.to])).toEqual([['B3', 'approve', 'refer'], ['B4', 'approve', 'refer']]);
    expect(report.changes[0]!.reasons.map((r) => r.code)).toContain('grade-refer');
  });
});
