import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppliedCap } from '../../../../src/domain/credit/borrower-evaluation.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import type { ApplicationInput } from '../../../../src/domain/policy/application-input.js';
import { decideApplication } from '../../../../src/domain/policy/decide-application.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import type { PolicyDefinition } from '../../../../src/domain/policy/policy-definition.js';
import { POLICY_REASON_CODES } from '../../../../src/domain/policy/policy-reason-codes.js';
import { application, CLEAN, withIndicators } from './application-fixture.js';

const codes = (input: ApplicationInput) => decideApplication(input).reasons.map((r) => r.code);
const cap = (id: string, kind: AppliedCap['kind'], maxGrade = 'C'): AppliedCap =>
  ({ id, kind, maxGrade, binding: true, labels: { en: `${id}.`, zh: `${id}。` } });
const policy = (changes: Partial<PolicyDefinition>): PolicyDefinition => ({ ...DEFAULT_POLICY, ...changes });

// Oracle throughout: the rules as written in DEFAULT_POLICY's doc comment and issue 9, applied by hand to each case
// (the arithmetic is written next to it).
describe('decideApplication — a clean case', () => {
  it('approves the clean fixture for the full amount with one explaining reason', () => {
    const r = decideApplication(CLEAN);
    expect(r.decision).toBe('approve');
    expect(r.limit).toBe(1_000_000);
    expect(r.reasons.map((x) => x.code)).toEqual(['grade-approve']);
    expect(r.reasons[0].message.en).toBe('Grade A (score 82) is at or above the approval threshold BBB.');
    expect(r.reasons[0].message.zh).toBe('等级A（评分82）达到自动批准门槛BBB。');
  });
});

describe('decideApplication — grade thresholds (DEFAULT_POLICY: approve ≥ BBB, refer BB…B, decline below)', () => {
  it.each([
    ['AAA', 'approve', 1_000_000], ['AA', 'approve', 1_000_000], ['A', 'approve', 1_000_000], ['BBB', 'approve', 1_000_000],
    ['BB', 'refer', 1_000_000], ['B', 'refer', 1_000_000],
    ['CCC', 'decline', 0], ['CC', 'decline', 0], ['C', 'decline', 0], ['D', 'decline', 0],
  ] as const)('grade %s → %s, limit %d', (grade, decision, limit) => {
    const r = decideApplication(application({ evaluation: { ...CLEAN.evaluation, grade } }));
    expect(r.decision).toBe(decision);
    expect(r.limit).toBe(limit);
    expect(r.reasons.map((x) => x.code)).toEqual([`grade-${decision}`]);
  });

  it('names the referral band B to BB in the message', () => {
    const r = decideApplication(application({ evaluation: { score: 71.24, grade: 'BB', caps: [], warnings: [] } }));
    expect(r.reasons[0].message.en).toBe('Grade BB (score 71.2) is in the referral band B to BB: an officer decides.');
    expect(r.reasons[0].message.zh).toBe('等级BB（评分71.2）处于转人工审批区间（B至BB），由信贷审批人员决定。');
  });
});

describe('decideApplication — exposure limit by grade × size band with existing exposure', () => {
  // Table rows from DEFAULT_POLICY.exposureLimits; offered = min(amount, max(0, limit − existing)).
  it.each([
    // grade, band, existing, amount → decision, limit, codes
    ['BBB', 'micro', 1_000_000, 800_000, 'approve', 500_000, ['grade-approve', 'limit-reduced']], // 1.5M − 1.0M = 0.5M
    ['AAA', 'medium', 28_000_000, 2_500_000, 'approve', 2_000_000, ['grade-approve', 'limit-reduced']], // 30M − 28M = 2M
    ['A', 'micro', 1_000_000, 1_000_000, 'approve', 1_000_000, ['grade-approve']], // 2M − 1M = 1M: exactly enough
    ['BB', 'small', 2_000_000, 1_000_000, 'refer', 500_000, ['grade-refer', 'limit-reduced']], // 2.5M − 2M = 0.5M
    ['B', 'small', 1_500_000, 100_000, 'refer', 0, ['grade-refer', 'no-exposure-headroom']], // 1.5M − 1.5M = 0
    ['A', 'micro', 2_200_000, 100_000, 'refer', 0, ['no-exposure-headroom', 'grade-approve']], // over the limit already
    ['CCC', 'medium', 0, 100_000, 'decline', 0, ['grade-decline']], // decline grades skip the exposure rule
  ] as const)('%s / %s, existing %d, amount %d → %s with limit %d', (grade, sizeBand, existingExposure, amount, decision, limit, expected) => {
    const r = decideApplication(application({ evaluation: { ...CLEAN.evaluation, grade }, amount, borrower: { sizeBand, existingExposure } }));
    expect(r.decision).toBe(decision);
    expect(r.limit).toBe(limit);
    expect(r.reasons.map((x) => x.code)).toEqual(expected);
  });

  it('puts the numbers of the reduction in the reason', () => {
    const r = decideApplication(application({ evaluation: { ...CLEAN.evaluation, grade: 'BBB' }, amount: 2_000_000, borrower: { existingExposure: 2_500_000 } }));
    expect(r.reasons[1]).toMatchObject({
      code: 'limit-reduced', severity: 'info',
      params: { grade: 'BBB', sizeBand: 'small', tableLimit: 4_000_000, existingExposure: 2_500_000, headroom: 1_500_000, amount: 2_000_000, offered: 1_500_000 },
    });
    expect(r.reasons[1].message.en).toBe('The amount requested, 2,000,000, exceeds the exposure headroom for grade BBB, size band small (limit 4,000,000 − existing 2,500,000); the limit offered is 1,500,000.');
  });

  it('declines instead of referring when the policy says so for no headroom', () => {
    const r = decideApplication(application({ policy: policy({ noHeadroomAction: 'decline' }), borrower: { existingExposure: 6_000_000 } }));
    expect(r).toMatchObject({ decision: 'decline', limit: 0 });
    expect(r.reasons[0].code).toBe('no-exposure-headroom');
  });
});

describe('decideApplication — knock-outs and precedence (decline > refer > approve)', () => {
  it('a model knock-out declines whatever else holds, and the decline reason comes first', () => {
    // knock-out (decline) + orange warning (refer) + grade A (info) → decline, limit 0.
    const r = decideApplication(application({
      evaluation: { score: 82, grade: 'A', caps: [cap('knock-out-past-due-90', 'knock-out')], warnings: [] }, warningLevel: 'orange',
    }));
    expect(r.decision).toBe('decline');
    expect(r.limit).toBe(0);
    expect(r.reasons.map((x) => [x.code, x.severity])).toEqual([['knock-out', 'decline'], ['early-warning', 'refer'], ['grade-approve', 'info']]);
    expect(r.reasons[0].params).toEqual({ rule: 'model-knock-out', cap: 'knock-out-past-due-90', action: 'decline' });
    expect(r.reasons[0].message.en).toBe('Knock-out in the credit model: knock-out-past-due-90 — decline.');
  });

  it('a refer reason beats approve and keeps the offered limit', () => {
    const r = decideApplication(application({ warningLevel: 'red' }));
    expect(r).toMatchObject({ decision: 'refer', limit: 1_000_000 });
    expect(r.reasons.map((x) => x.severity)).toEqual(['refer', 'info']);
  });

  it.each([
    ['the dishonest-debtor flag', application({ borrower: { flags: { dishonestDebtorList: true } } }), 'dishonest-debtor-flag'],
    ['the insolvency flag', application({ borrower: { flags: { insolvency: true } } }), 'insolvency-flag'],
    ['I55 = dishonest_list', withIndicators({ I55: 'dishonest_list' }), 'dishonest-debtor-record'],
    ['I62 = eliminated', withIndicators({ I62: 'eliminated' }), 'eliminated-industry'],
    ['an in-default cap', application({ evaluation: { score: 82, grade: 'D', caps: [cap('in-default', 'default', 'D')], warnings: [] } }), 'model-knock-out'],
  ])('%s declines even at grade A', (_name, input, rule) => {
    const r = decideApplication(input);
    expect(r.decision).toBe('decline');
    expect(r.reasons.find((x) => x.code === 'knock-out')?.params.rule).toBe(rule);
  });

  it('the restricted-industry cap refers, an unmet AAA requirement does nothing', () => {
    const restricted = decideApplication(application({ evaluation: { score: 80, grade: 'B', caps: [cap('cap-restricted-industry', 'cap', 'B')], warnings: [] } }));
    expect(restricted.decision).toBe('refer');
    expect(restricted.reasons.map((x) => x.code)).toEqual(['knock-out', 'grade-refer']);
    const requirement = decideApplication(application({ evaluation: { score: 92, grade: 'AA', caps: [cap('aaa-requires-clean-record', 'requirement', 'AA')], warnings: [] } }));
    expect(requirement.decision).toBe('approve');
  });

  it('a flag set false or absent is no knock-out', () => {
    expect(decideApplication(application({ borrower: { flags: { dishonestDebtorList: false } } })).decision).toBe('approve');
  });
});

describe('decideApplication — completeness, warnings, term, amount, concentration', () => {
  it('completeness exactly at the minimum 0.8 passes; just below refers; float noise below passes', () => {
    expect(decideApplication(application({ completeness: 0.8 })).decision).toBe('approve');
    expect(decideApplication(application({ completeness: 0.8 - 1e-12 })).decision).toBe('approve');
    const r = decideApplication(application({ completeness: 0.7999 }));
    expect(r.decision).toBe('refer');
    expect(r.reasons[0]).toMatchObject({ code: 'data-incomplete', params: { completeness: 0.7999, minimum: 0.8 } });
    expect(r.reasons[0].message.en).toBe('Data completeness 79.99 % of the indicator weight is below the minimum 80 %.');
  });

  it.each([['green', 'approve'], ['yellow', 'approve'], ['orange', 'refer'], ['red', 'refer']] as const)('warning level %s → %s', (level, decision) => {
    expect(decideApplication(application({ warningLevel: level })).decision).toBe(decision);
  });

  it('a policy may decline on red', () => {
    const p = policy({ warningLevelActions: { green: 'none', yellow: 'none', orange: 'refer', red: 'decline' } });
    expect(decideApplication(application({ policy: p, warningLevel: 'red' })).decision).toBe('decline');
  });

  it('term 36 months passes, 37 refers; amount 3,000,000 passes, 3,000,001 refers (strictly above)', () => {
    expect(decideApplication(application({ termMonths: 36 })).decision).toBe('approve');
    expect(codes(application({ termMonths: 37 }))).toEqual(['term-too-long', 'grade-approve']);
    expect(decideApplication(application({ amount: 3_000_000 })).decision).toBe('approve');
    expect(codes(application({ amount: 3_000_001 }))).toEqual(['amount-above-auto-approval', 'grade-approve']);
  });

  it('industry concentration after the loan: (24M + 2M)/(100M + 2M) = 0.2549 > 0.25 refers; 0.2451 and exactly 0.25 pass', () => {
    const at = (c13: number) => decideApplication(application({ amount: 2_000_000, portfolio: { totalBalance: 100_000_000, balanceByIndustry: { C13: c13 } } }));
    const r = at(24_000_000);
    expect(r.decision).toBe('refer');
    expect(r.reasons[0].code).toBe('industry-concentration');
    expect(r.reasons[0].params.shareAfter).toBeCloseTo(26 / 102, 15);
    expect(r.limit).toBe(2_000_000);
    expect(at(23_000_000).decision).toBe('approve'); // 25/102 = 0.2451
    expect(at(23_500_000).decision).toBe('approve'); // 25.5/102 = 0.25 exactly: not above the limit
  });

  it('concentration uses the offered amount, the industry-specific limit, and skips small portfolios and unknown industries', () => {
    // Offered 500,000 (BBB micro, existing 1,000,000): (24.5M + 0.5M)/(100.5M) = 0.2488 → no breach although 2M would breach.
    const offered = decideApplication(application({ evaluation: { ...CLEAN.evaluation, grade: 'BBB' }, amount: 2_000_000,
      borrower: { sizeBand: 'micro', existingExposure: 1_000_000 }, portfolio: { totalBalance: 100_000_000, balanceByIndustry: { C13: 24_500_000 } } }));
    expect(offered.reasons.map((x) => x.code)).toEqual(['grade-approve', 'limit-reduced']);
    // C13 capped at 10 %: (10M + 1M)/(101M) = 0.1089 > 0.1.
    const p = policy({ industryConcentration: { ...DEFAULT_POLICY.industryConcentration, maxShareByIndustry: { C13: 0.1 } } });
    expect(decideApplication(application({ policy: p })).decision).toBe('refer');
    // A 5M portfolio all in C13 is below minPortfolioBalance 10M: no check.
    expect(decideApplication(application({ portfolio: { totalBalance: 5_000_000, balanceByIndustry: { C13: 5_000_000 } } })).decision).toBe('approve');
    expect(decideApplication(application({ borrower: { industry: null }, portfolio: { totalBalance: 100_000_000, balanceByIndustry: {} } })).decision).toBe('approve');
  });
});

describe('decideApplication — loophole checks at their edges (asOf 2024-06-30T10:00:00Z)', () => {
  const prior = (requestId: string, at: string, amount = 500_000, decision: 'approve' | 'refer' | 'decline' = 'approve') => ({ requestId, at, amount, decision });

  it('duplicate within 7 days: exactly 7 days before refers, one second more does not; later and same-id entries are ignored', () => {
    expect(codes(application({ history: [prior('R1', '2024-06-23T10:00:00Z')] }))).toEqual(['duplicate-application', 'grade-approve']);
    expect(codes(application({ history: [prior('R1', '2024-06-23T09:59:59Z')] }))).toEqual(['grade-approve']);
    expect(codes(application({ history: [prior('R1', '2024-06-30T10:00:01Z')] }))).toEqual(['grade-approve']);
    expect(codes(application({ history: [prior('R-NEW', '2024-06-30T09:00:00Z')] }))).toEqual(['grade-approve']);
    // A declined earlier application still counts: re-submitting it is the loophole.
    expect(codes(application({ history: [prior('R1', '2024-06-29', 500_000, 'decline')] }))).toEqual(['duplicate-application', 'grade-approve']);
  });

  it('split: 1.2M (06-01) + 1.0M (06-20) + 0.9M now = 3.1M > 3M refers; with the first declined 1.9M passes', () => {
    const history = [prior('R1', '2024-06-01T12:00:00Z', 1_200_000), prior('R2', '2024-06-20T12:00:00Z', 1_000_000)];
    const r = decideApplication(application({ amount: 900_000, history }));
    expect(r.reasons.map((x) => x.code)).toEqual(['split-application', 'grade-approve']);
    expect(r.reasons[0].params).toEqual({ windowDays: 30, aggregateLimit: 3_000_000, count: 3, total: 3_100_000, requestIds: ['R1', 'R2'] });
    const declined = [{ ...history[0], decision: 'decline' as const }, history[1]];
    expect(decideApplication(application({ amount: 900_000, history: declined })).decision).toBe('approve');
  });

  it('split window edge: exactly 30 days before is in, 1 ms more is out', () => {
    const base = [prior('R2', '2024-06-20T12:00:00Z', 1_000_000)];
    expect(codes(application({ amount: 900_000, history: [...base, prior('R1', '2024-05-31T10:00:00Z', 1_200_000)] }))).toContain('split-application');
    expect(codes(application({ amount: 900_000, history: [...base, prior('R1', '2024-05-31T09:59:59.999Z', 1_200_000)] }))).not.toContain('split-application');
  });

  it('stale data: 90 days old passes, 91 refers; a snapshot after asOf refers', () => {
    // 2024-04-01 → 2024-06-30T10:00Z: 29 (rest of Apr) + 1 + 31 + 29 = 90 days and 10 h → 90 whole days.
    expect(decideApplication(application({ borrower: { snapshotAsOf: '2024-04-01' } })).decision).toBe('approve');
    const stale = decideApplication(application({ borrower: { snapshotAsOf: '2024-03-31' } }));
    expect(stale.reasons[0]).toMatchObject({ code: 'stale-data', params: { ageDays: 91, maxAgeDays: 90 } });
    expect(codes(application({ borrower: { snapshotAsOf: '2024-07-01' } }))).toEqual(['snapshot-in-future', 'grade-approve']);
  });

  it('implausible values refer; the boundary value passes', () => {
    expect(codes(withIndicators({ I21: 350 }))).toEqual(['implausible-value', 'grade-approve']);
    expect(codes(withIndicators({ I21: -1 }))).toEqual(['implausible-value', 'grade-approve']);
    expect(codes(withIndicators({ I21: 300 }))).toEqual(['grade-approve']);
  });

  it('growth > 100 % is one review reason, not two, when the model also flags it', () => {
    const evaluation = { ...CLEAN.evaluation, warnings: [{ code: 'review-value', message: 'Revenue growth above 100 % needs review.', indicators: ['I43'] }] };
    const both = decideApplication(application({ evaluation, borrower: { indicators: { ...CLEAN.borrower.indicators, I43: 150 } } }));
    expect(both.reasons.map((x) => x.code)).toEqual(['review-value', 'grade-approve']);
    // Without a policy bound on I43 the model's flag still refers.
    const noBounds = policy({ loopholeChecks: { ...DEFAULT_POLICY.loopholeChecks, plausibility: null } });
    const flagOnly = decideApplication(application({ policy: noBounds, evaluation, borrower: { indicators: { ...CLEAN.borrower.indicators, I43: 150 } } }));
    expect(flagOnly.reasons.map((x) => x.code)).toEqual(['review-flag', 'grade-approve']);
  });

  it('the statement is checked when given: receivables 200 × 365 / revenue 1,000 = 73 days against I41 = 60', () => {
    const r = decideApplication(application({ borrower: { statement: { receivables: 200, revenue: 1_000 } } }));
    expect(r.reasons[0]).toMatchObject({ code: 'statement-mismatch', params: { indicator: 'I41', supplied: 60, derived: 73 } });
    expect(decideApplication(application({ borrower: { statement: { receivables: 200, revenue: 1_216.67 } } })).decision).toBe('approve');
  });

  it('switched-off checks give no reasons', () => {
    const off = policy({ loopholeChecks: { duplicate: null, split: null, staleness: null, plausibility: null } });
    const r = decideApplication(application({ policy: off, history: [prior('R1', '2024-06-29')], borrower: { snapshotAsOf: '2020-01-01', indicators: { I21: 999 } } }));
    expect(r.reasons.map((x) => x.code)).toEqual(['grade-approve']);
  });
});

describe('decideApplication — reasons, determinism, errors', () => {
  const messy = application({
    evaluation: { score: 66, grade: 'B', caps: [cap('cap-restricted-industry', 'cap', 'B')], warnings: [] }, warningLevel: 'orange',
    completeness: 0.5, amount: 4_000_000, termMonths: 60,
    borrower: { existingExposure: 1_400_000, snapshotAsOf: '2023-01-01', indicators: { I21: 400, I22: 1, I23: 2, I31: 20, I32: 5, I44: 1, I43: 300, I41: 10 },
      statement: { receivables: 100, revenue: 1_000, currentAssets: 500, totalAssets: 400 } },
    history: [{ requestId: 'R0', at: '2024-06-29', amount: 1, decision: 'refer' }],
  });

  it('every reason has a catalogued code, an allowed severity and a message in English and Chinese', () => {
    const r = decideApplication(messy);
    expect(r.reasons.length).toBeGreaterThan(8);
    for (const reason of r.reasons) {
      const info = POLICY_REASON_CODES.find((c) => c.code === reason.code);
      expect(info, reason.code).toBeDefined();
      expect(info?.severities).toContain(reason.severity);
      expect(reason.message.en.length).toBeGreaterThan(10);
      expect(reason.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(JSON.parse(JSON.stringify(reason.params))).toEqual(reason.params); // JSON-safe, no NaN
    }
  });

  it('is deterministic and does not mutate its input', () => {
    const frozen = JSON.parse(JSON.stringify(messy)) as ApplicationInput;
    const deepFreeze = (o: unknown): void => { if (o && typeof o === 'object') { Object.freeze(o); Object.values(o).forEach(deepFreeze); } };
    deepFreeze(frozen);
    const a = decideApplication({ ...frozen, policy: DEFAULT_POLICY });
    const b = decideApplication({ ...frozen, policy: DEFAULT_POLICY });
    expect(a).toEqual(b);
    expect(a.decision).toBe('refer');
  });

  it('rejects an invalid policy and lists bad input', () => {
    expect(() => decideApplication(application({ policy: policy({ minCompleteness: 2 }) }))).toThrow(expect.objectContaining({ code: 'invalid-policy' }));
    let error: unknown;
    try {
      decideApplication(application({ amount: 0, termMonths: Number.NaN, completeness: 1.5, borrower: { sizeBand: 'large', indicators: { I21: Number.POSITIVE_INFINITY } }, asOf: '2024-06-30T10:00' }));
    } catch (e) { error = e; }
    expect(error).toBeInstanceOf(DomainError);
    const problems = (error as DomainError).details?.problems as string[];
    expect((error as DomainError).code).toBe('invalid-application');
    expect(problems).toHaveLength(6);
    expect(problems.join(' ')).toMatch(/amount.*termMonths.*completeness.*sizeBand.*I21.*asOf/s);
    expect(() => decideApplication(application({ evaluation: { ...CLEAN.evaluation, grade: 'Z' } }))).toThrow(/not on the policy's grade scale/);
    expect(() => decideApplication(application({ history: undefined as never }))).toThrow(/history must be a list/);
    expect(() => decideApplication(application({ history: [{ requestId: 'R1', at: 'yesterday', amount: -1, decision: 'maybe' as never }] })))
      .toThrow(expect.objectContaining({ details: { problems: [
        'history.0.amount must be a finite number ≥ 0.', 'history.0.decision must be approve, refer or decline.',
        'history.0.at must be an ISO date or instant with Z or an offset, got "yesterday".'] } }));
  });
});

describe('decideApplication — properties (fast-check)', () => {
  const grades = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
  const arbInput = fc.record({
    grade: fc.constantFrom(...grades),
    score: fc.double({ min: 0, max: 100, noNaN: true }),
    level: fc.constantFrom('green', 'yellow', 'orange', 'red' as const),
    completeness: fc.double({ min: 0, max: 1, noNaN: true }),
    amount: fc.double({ min: 1, max: 50_000_000, noNaN: true }),
    termMonths: fc.integer({ min: 1, max: 120 }),
    sizeBand: fc.constantFrom('micro', 'small', 'medium'),
    existing: fc.double({ min: 0, max: 40_000_000, noNaN: true }),
    total: fc.double({ min: 0, max: 1e9, noNaN: true }),
    industryShare: fc.double({ min: 0, max: 1, noNaN: true }),
    snapshotDay: fc.integer({ min: 1, max: 28 }),
    knockOut: fc.boolean(),
    i21: fc.option(fc.double({ min: -50, max: 500, noNaN: true })),
    i22: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
    i23: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
    history: fc.array(fc.record({ day: fc.integer({ min: 1, max: 30 }), amount: fc.double({ min: 0, max: 5_000_000, noNaN: true }),
      decision: fc.constantFrom('approve', 'refer', 'decline' as const) }), { maxLength: 5 }),
  });

  it('decision is one of three; 0 ≤ limit ≤ amount; limit 0 on decline; never NaN', () => {
    fc.assert(fc.property(arbInput, (x) => {
      const input = application({
        evaluation: { score: x.score, grade: x.grade, caps: x.knockOut ? [cap('knock-out-insolvency', 'knock-out')] : [], warnings: [] },
        warningLevel: x.level as ApplicationInput['warningLevel'], completeness: x.completeness, amount: x.amount, termMonths: x.termMonths,
        borrower: { sizeBand: x.sizeBand, existingExposure: x.existing, snapshotAsOf: `2024-0${(x.snapshotDay % 9) + 1}-${String(x.snapshotDay).padStart(2, '0')}`,
          indicators: { I21: x.i21, I22: x.i22, I23: x.i23 } },
        portfolio: { totalBalance: x.total, balanceByIndustry: { C13: x.total * x.industryShare } },
        history: x.history.map((h, i) => ({ requestId: `H${i}`, at: `2024-06-${String(h.day).padStart(2, '0')}`, amount: h.amount, decision: h.decision })),
      });
      const r = decideApplication(input);
      expect(['approve', 'refer', 'decline']).toContain(r.decision);
      expect(Number.isFinite(r.limit)).toBe(true);
      expect(r.limit).toBeGreaterThanOrEqual(0);
      expect(r.limit).toBeLessThanOrEqual(x.amount);
      if (r.decision === 'decline') expect(r.limit).toBe(0);
      if (r.decision === 'approve') expect(r.limit).toBeGreaterThan(0);
      if (x.knockOut) expect(r.decision).toBe('decline');
      for (const reason of r.reasons) {
        for (const v of Object.values(reason.params)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        expect(reason.message.en).not.toMatch(/NaN|Infinity|undefined/);
        expect(reason.message.zh).not.toMatch(/NaN|Infinity|undefined/);
      }
    }), { numRuns: 400, seed: 20240630 });
  });
});
