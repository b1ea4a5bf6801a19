import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BorrowerInput } from '../../../../src/domain/credit/borrower-evaluation.js';
import { compileModel } from '../../../../src/domain/credit/compile-model.js';
import { scoreBorrower } from '../../../../src/domain/credit/score-borrower.js';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { demoModel, perfectIndicators } from './demo-model.js';

const model = demoModel();

/*
 * Hand-computed borrower under the default model (oracle: the anchor tables of credit-default-model.md, and
 * the demo weights = principal eigenvectors of the demo matrices computed independently in numpy 2.4
 * (numpy.linalg.eig) — C1 .117383 C2 .214282 C3 .203168 C4 .106268 C5 .214282 C6 .066148 C7 .078470;
 * local: C1 .458835 .171562 .225966 .143636 · C2 1/3 1/6 1/6 1/3 · C3 1/6 1/6 1/3 1/3 · C4 2/7 2/7 2/7 1/7 ·
 * C5 .297834 .297834 .157772 .088788 .157772 · C6 .4 .4 .2 · C7 2/3 1/3).
 *
 * Indicator scores (linear between anchors):
 *  C1: I11 cured30 70 · I12 4 y (3→60, 5→80) 70 · I13 2.5 y (2→50, 3→65) 57.5 · I14 tax_matched 70
 *      → .458835·70 + .171562·70 + .225966·57.5 + .143636·70 = 67.175421
 *  C2: I21 62.5 % (55→80, 70→50) 65 · I22 1.1 50 · I23 0.9 70 · I24 2.25 (1.5→50, 3→75) 62.5
 *      → (65 + 62.5)/3 + (50 + 70)/6 = 62.5
 *  C3: I31 3.5 % 70 · I32 MISSING · I33 0.15 65 · I34 1.1 52 → renormalised over 5/6:
 *      (70/6 + 65/3 + 52/3) / (5/6) = 60.8
 *  C4: I41 75 d 70 · I42 20 d (clamped) 100 · I43 5 % 72.5 · I44 0.8 70 → (70+100+72.5)·2/7 + 70/7 = 79.285714
 *  C5: clean 100 · once_le7 80 · B 80 · no_arrears 100 · none 100 → 90.887877
 *  C6: I61 MISSING · I62 permitted 70 · I63 40 % 85 → (.4·70 + .2·85)/.6 = 75
 *  C7: I71 1.1 (1.0→70, 1.2→85) 77.5 · I72 owner_personal 50 → 68.333333
 *  S = Σ W_c · score_c = 71.854815 → grade BB (≥ 70).
 */
const handBorrower: BorrowerInput = {
  industry: 'C13', asOf: '2024-06-30',
  indicators: {
    I11: 'cured30', I12: 4, I13: 2.5, I14: 'tax_matched',
    I21: 62.5, I22: 1.1, I23: 0.9, I24: 2.25,
    I31: 3.5, I32: null, I33: 0.15, I34: 1.1,
    I41: 75, I42: 20, I43: 5, I44: 0.8,
    I51: 'clean', I52: 'once_le7', I53: 'B', I54: 'no_arrears', I55: 'none',
    I62: 'permitted', I63: 40,
    I71: 1.1, I72: 'owner_personal',
  },
};

describe('scoreBorrower — hand-computed borrower (numpy eigenvectors + anchors by hand, see comment)', () => {
  const r = scoreBorrower(model, handBorrower);

  it('scores 71.854815 and grades BB', () => {
    expect(r.score).toBeCloseTo(71.85481496449808, 9);
    expect(r.grade).toBe('BB');
  });

  it('reports criterion scores and applied weights', () => {
    expect(r.criteria.C1.score).toBeCloseTo(67.17542110744103, 9);
    expect(r.criteria.C2.score).toBeCloseTo(62.5, 12);
    expect(r.criteria.C3.score).toBeCloseTo(60.8, 12);
    expect(r.criteria.C4.score).toBeCloseTo(79.28571428571428, 12);
    expect(r.criteria.C6.score).toBeCloseTo(75, 12);
    expect(r.criteria.C2.weight).toBeCloseTo(0.214282, 6);
    const sum = Object.values(r.criteria).reduce((s, c) => s + c.weight, 0);
    expect(sum).toBeCloseTo(1, 14);
  });

  it('reports indicator value, score and global weight after renormalisation (I31 weight .203168·(1/6)/(5/6))', () => {
    expect(r.indicators.I21).toEqual({ value: 62.5, score: expect.closeTo(65, 12), weight: expect.closeTo(0.214282 / 3, 6) });
    expect(r.indicators.I31.weight).toBeCloseTo(0.203168 * 0.2, 6);
    expect(r.indicators.I63.weight).toBeCloseTo(0.066148 * (0.2 / 0.6), 6);
    expect(r.indicators.I32).toEqual({ value: null, score: null, weight: 0 });
    const total = Object.values(r.indicators).reduce((s, i) => s + i.weight, 0);
    expect(total).toBeCloseTo(1, 14);
    // The score is the weighted sum of the reported parts.
    const recomposed = Object.values(r.indicators).reduce((s, i) => s + i.weight * (i.score ?? 0), 0);
    expect(recomposed).toBeCloseTo(r.score, 10);
  });

  it('flags the missing indicators and has no caps', () => {
    expect(r.missing).toEqual(['I32', 'I61']);
    expect(r.warnings.map((w) => w.code)).toEqual(['missing-indicators']);
    expect(r.warnings[0].indicators).toEqual(['I32', 'I61']);
    expect(r.caps).toEqual([]);
    expect(r.adjustments).toEqual([]);
  });

  it('returns exactly the API shape (issue 6 item 8)', () => {
    expect(Object.keys(r).sort()).toEqual(['adjustments', 'caps', 'criteria', 'grade', 'indicators', 'missing', 'score', 'warnings']);
  });
});

describe('scoreBorrower — grades, caps and knock-outs (credit-default-model.md "Grades, caps and knock-outs")', () => {
  const perfect = perfectIndicators(model);

  // I72's best code scores 90, so the best possible borrower loses W_C7 · (1/3) · 10 = .078470 · 3.3333 = .261565.
  const best = 100 - 0.0784695 * (10 / 3);

  it('a borrower at the best value of every indicator scores 100 − W_C7·10/3 (I72 tops at 90) and is AAA', () => {
    const r = scoreBorrower(model, { indicators: perfect });
    expect(r.score).toBeCloseTo(best, 5);
    expect(r.grade).toBe('AAA');
  });

  it('AAA requires I21, I51 and I52 at 100: I52 once_le7 (80) caps a 99.x borrower at AA', () => {
    const r = scoreBorrower(model, { indicators: { ...perfect, I52: 'once_le7' } });
    expect(r.score).toBeGreaterThan(90);
    expect(r.grade).toBe('AA');
    expect(r.caps).toEqual([expect.objectContaining({ id: 'aaa-requires-clean-record', kind: 'requirement', maxGrade: 'AA', binding: true })]);
  });

  it('AAA requirement also fails when I21 is missing', () => {
    const r = scoreBorrower(model, { indicators: { ...perfect, I21: null } });
    expect(r.score).toBeCloseTo(best, 5);
    expect(r.grade).toBe('AA');
  });

  it('AAA requirement concerns only I21, I51, I52: I53 grade B (80) with a score still ≥ 90 stays AAA', () => {
    expect(scoreBorrower(model, { indicators: { ...perfect, I53: 'B' } }).grade).toBe('AAA');
  });

  it('restricted industry caps at B (binding when the score is better)', () => {
    const r = scoreBorrower(model, { indicators: { ...perfect, I62: 'restricted' } });
    expect(r.score).toBeGreaterThan(90);
    expect(r.grade).toBe('B');
    expect(r.caps).toEqual([expect.objectContaining({ id: 'cap-restricted-industry', kind: 'cap', maxGrade: 'B', binding: true })]);
  });

  it('each knock-out gives C whatever the score: eliminated industry, dishonest list (flag and I55), insolvency, > 90 DPD', () => {
    const cases: [string, BorrowerInput][] = [
      ['knock-out-eliminated-industry', { indicators: { ...perfect, I62: 'eliminated' } }],
      ['knock-out-dishonest-debtor', { indicators: perfect, flags: { dishonestDebtorList: true } }],
      ['knock-out-dishonest-debtor-record', { indicators: { ...perfect, I55: 'dishonest_list' } }],
      ['knock-out-insolvency', { indicators: perfect, flags: { insolvency: true } }],
      ['knock-out-past-due-90', { indicators: perfect, daysPastDue: 91 }],
    ];
    for (const [id, b] of cases) {
      const r = scoreBorrower(model, b);
      expect(r.grade, id).toBe('C');
      expect(r.caps.map((c) => c.id), id).toContain(id);
    }
  });

  it('90 days past due is not a knock-out (> 90 is); flags false are ignored', () => {
    const r = scoreBorrower(model, { indicators: perfect, daysPastDue: 90, flags: { insolvency: false } });
    expect(r.grade).toBe('AAA');
  });

  it('in default → D, even with a perfect score; knock-outs are listed too', () => {
    const r = scoreBorrower(model, { indicators: perfect, inDefault: true, daysPastDue: 120 });
    expect(r.grade).toBe('D');
    expect(r.caps.map((c) => c.id)).toEqual(['knock-out-past-due-90', 'in-default']);
  });

  it('a knock-out below an already lower score grade is listed but not binding', () => {
    const weak = Object.fromEntries(Object.entries(handBorrower.indicators).map(([k, v]) => [k, v]));
    const r = scoreBorrower(model, { indicators: { ...weak, I21: 90, I22: 0.5, I23: 0.1, I24: -1, I31: -6, I33: -0.3, I34: 0.5, I51: 'dpd90_or_npl', I52: 'dpd90', I11: 'dpd90_or_list', I71: 0 }, daysPastDue: 200 });
    expect(r.score).toBeLessThan(50);
    expect(r.grade).toBe('C');
    expect(r.caps).toEqual([expect.objectContaining({ id: 'knock-out-past-due-90', binding: false })]);
  });

  it('the score is unchanged by caps (they act on the grade only)', () => {
    const a = scoreBorrower(model, { indicators: perfect });
    const b = scoreBorrower(model, { indicators: perfect, flags: { insolvency: true } });
    expect(b.score).toBe(a.score);
  });
});

describe('scoreBorrower — missing values (credit-default-model.md: renormalise within the criterion and flag)', () => {
  it('a criterion with every indicator missing is dropped and the criteria renormalised (C7 missing: W_c/(1 − .078470))', () => {
    const ind = { ...handBorrower.indicators, I71: null, I72: null };
    const r = scoreBorrower(model, { indicators: ind });
    expect(r.criteria.C7).toEqual({ weight: 0, score: null });
    expect(r.criteria.C2.weight).toBeCloseTo(0.214282 / (1 - 0.07847), 5);
    // Recomputed from the criterion scores of the hand borrower (numpy): Σ_{c≠7} W_c score_c / (1 − W_7)
    const expected = (71.85481496449808 - 0.07847 * 68.33333333333334) / (1 - 0.07847);
    expect(r.score).toBeCloseTo(expected, 3);
    expect(r.warnings.map((w) => w.code)).toEqual(['missing-indicators', 'criterion-missing']);
    expect(r.warnings[1].criterion).toBe('C7');
  });

  it("policy 'score-zero' scores missing indicators 0 at full weight (I32, I61 of the hand borrower)", () => {
    const zero = demoModel({ missingPolicy: 'score-zero' });
    const r = scoreBorrower(zero, handBorrower);
    // C3 = (70/6 + 0/6 + 65/3 + 52/3) = 50.666…; C6 = .4·0 + .4·70 + .2·85 = 45 (by hand)
    expect(r.criteria.C3.score).toBeCloseTo(50.666666666666664, 10);
    expect(r.criteria.C6.score).toBeCloseTo(45, 10);
    expect(r.indicators.I32).toEqual({ value: null, score: 0, weight: expect.closeTo(0.203168 / 6, 6) });
    expect(r.missing).toEqual(['I32', 'I61']);
    const expected = 71.85481496449808 - 0.203168 * (60.8 - 50.666666666666664) - 0.066148 * (75 - 45);
    expect(r.score).toBeCloseTo(expected, 4);
  });

  it('absent keys count as missing like null', () => {
    const { I32: _a, I61: _b, ...rest } = handBorrower.indicators;
    expect(scoreBorrower(model, { indicators: rest }).score).toBeCloseTo(71.85481496449808, 9);
  });

  it('only financial indicators (the Polish data case): C1, C5, C6, C7 dropped and flagged', () => {
    const fin = Object.fromEntries(Object.entries(handBorrower.indicators).filter(([k]) => /^I[234]/.test(k)));
    const r = scoreBorrower(model, { indicators: fin });
    expect(r.warnings.filter((w) => w.code === 'criterion-missing').map((w) => w.criterion)).toEqual(['C1', 'C5', 'C6', 'C7']);
    const w = 0.214282 + 0.203168 + 0.106268;
    expect(r.score).toBeCloseTo((0.214282 * 62.5 + 0.203168 * 60.8 + 0.106268 * 79.28571428571428) / w, 4);
  });

  it('throws no-indicator-values when nothing is given', () => {
    expect(() => scoreBorrower(model, { indicators: {} })).toThrow(expect.objectContaining({ code: 'no-indicator-values' }));
  });
});

describe('scoreBorrower — input errors list every problem (DomainError)', () => {
  it('unknown ids and values of the wrong type or unknown codes', () => {
    try {
      scoreBorrower(model, { indicators: { ...handBorrower.indicators, I99: 1, X: 'a', I21: 'high', I53: 'Z', I22: Number.NaN } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      const d = e as DomainError;
      expect(d.code).toBe('invalid-borrower');
      expect(d.details!.unknownIndicators).toEqual(['I99', 'X']);
      expect((d.details!.invalidValues as { indicator: string }[]).map((x) => x.indicator).sort()).toEqual(['I21', 'I22', 'I53']);
      expect(d.message).toMatch(/I99/);
    }
  });

  it('negative days past due, a non-finite prosperity index or an unknown flag', () => {
    expect(() => scoreBorrower(model, { ...handBorrower, daysPastDue: -1 })).toThrow(/days past due/);
    expect(() => scoreBorrower(model, { ...handBorrower, prosperityIndex: Number.NaN })).toThrow(DomainError);
    expect(() => scoreBorrower(model, { ...handBorrower, flags: { bankrupt: true } as never })).toThrow(/flags\.bankrupt/);
  });
});

describe('scoreBorrower — overlay and industry variants (issue 6, 3b/3c)', () => {
  const overlay = { neutralIndex: 100, pointsPerIndexPoint: 0.25, maxPoints: 5, rationale: 'test overlay' };
  const withOverlay = demoModel({ overlay });

  it('adds bounded points and shows them in adjustments (index 92 → −2 points)', () => {
    const r = scoreBorrower(withOverlay, { ...handBorrower, prosperityIndex: 92 });
    expect(r.score).toBeCloseTo(71.85481496449808 - 2, 9);
    expect(r.adjustments).toEqual([{ kind: 'overlay', prosperityIndex: 92, points: -2, scoreBefore: expect.closeTo(71.85481496449808, 9), rationale: 'test overlay' }]);
  });

  it('bounds the overlay at ±5 (index 40 → −5, index 300 → +5)', () => {
    expect(scoreBorrower(withOverlay, { ...handBorrower, prosperityIndex: 40 }).score).toBeCloseTo(66.85481496449808, 9);
    expect(scoreBorrower(withOverlay, { ...handBorrower, prosperityIndex: 300 }).score).toBeCloseTo(76.85481496449808, 9);
  });

  it('keeps the final score within 0..100 (perfect borrower + 5 → 100)', () => {
    expect(scoreBorrower(withOverlay, { indicators: perfectIndicators(model), prosperityIndex: 200 }).score).toBe(100);
  });

  it('warns when the model has an overlay but no index is given', () => {
    const r = scoreBorrower(withOverlay, handBorrower);
    expect(r.warnings.map((w) => w.code)).toContain('overlay-index-missing');
    expect(r.score).toBeCloseTo(71.85481496449808, 9);
  });

  it('an industry variant tilts and renormalises weights and overrides anchors for its industry only', () => {
    const variantModel = demoModel({
      industryVariants: [{
        industry: 'F51', criterionTilts: { C4: 2 }, indicatorTilts: { I42: 0 },
        ruleOverrides: { I41: { kind: 'anchors', anchors: [{ raw: 60, score: 100 }, { raw: 120, score: 60 }, { raw: 300, score: 0 }] } },
        rationale: 'wholesale: turnover matters more; inventory days judged elsewhere',
      }],
    });
    const other = scoreBorrower(variantModel, { ...handBorrower, industry: 'C13' });
    expect(other.score).toBeCloseTo(71.85481496449808, 9);
    const r = scoreBorrower(variantModel, { ...handBorrower, industry: 'F51' });
    // Weights by hand: C4 = 2·.106268 / (1 + .106268); I42 weight 0; I41: 75 d on 60→100, 120→60 = 90.
    const c4 = (2 * 0.106268) / 1.106268;
    expect(r.criteria.C4.weight).toBeCloseTo(c4, 5);
    expect(r.indicators.I42.weight).toBe(0);
    expect(r.indicators.I41.score).toBeCloseTo(90, 12);
    // C4 = (2/7·90 + 2/7·72.5 + 1/7·70) / (5/7) = (180 + 145 + 70)/5 = 79
    expect(r.criteria.C4.score).toBeCloseTo(79, 10);
    expect(r.adjustments).toEqual([{ kind: 'industry-variant', industry: 'F51', rationale: expect.stringContaining('wholesale') }]);
  });
});

describe('scoreBorrower — collateral in a separate facility grade (credit-default-model.md "Option")', () => {
  it("'facility-grade-only' leaves C7 out of the score and reports its own score and grade (68.33 → B, ≥ 65)", () => {
    const fac = demoModel({ collateralMode: 'facility-grade-only' });
    const r = scoreBorrower(fac, handBorrower);
    expect(r.criteria.C7.weight).toBe(0);
    expect(r.indicators.I71.weight).toBe(0);
    expect(r.score).toBeCloseTo((71.85481496449808 - 0.07847 * 68.33333333333334) / (1 - 0.07847), 3);
    expect(r.facility).toEqual({ criterion: 'C7', score: expect.closeTo(68.33333333333334, 9), grade: 'B' });
  });
});

describe('compileModel — same results as scoreBorrower; scoreAndGrade agrees', () => {
  it('agrees on the hand borrower and a capped borrower', () => {
    const compiled = compileModel(model);
    expect(compiled.score(handBorrower)).toEqual(scoreBorrower(model, handBorrower));
    const capped = { indicators: { ...handBorrower.indicators, I62: 'restricted' } };
    expect(compiled.scoreAndGrade(capped)).toEqual({ score: compiled.score(capped).score, grade: 'B' });
  });

  it('rejects an invalid model with every problem listed', () => {
    const bad = { ...model, criteria: model.criteria.map((c) => ({ ...c, weight: 0.5 })) };
    expect(() => compileModel(bad)).toThrow(expect.objectContaining({ code: 'invalid-model' }));
  });
});

describe('scoreBorrower — properties (fast-check)', () => {
  const numeric = model.indicators.filter((i) => i.rule.kind === 'anchors');
  const coded = model.indicators.filter((i) => i.rule.kind === 'codes');
  const borrowerArb = fc.record(Object.fromEntries([
    ...numeric.map((i) => [i.id, fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { freq: 5 })]),
    ...coded.map((i) => [i.id, fc.option(fc.constantFrom(...(i.rule.kind === 'codes' ? i.rule.codes.map((c) => c.code) : [])), { freq: 5 })]),
  ])) as fc.Arbitrary<Record<string, number | string | null>>;
  const hasValue = (v: Record<string, unknown>) => Object.values(v).some((x) => x !== null);

  it('score is finite and within [0, 100]; weights sum to 1', () => {
    fc.assert(fc.property(borrowerArb, fc.option(fc.double({ min: -1e4, max: 1e4, noNaN: true })), (ind, idx) => {
      fc.pre(hasValue(ind));
      const r = scoreBorrower(demoModelWithOverlay, { indicators: ind, prosperityIndex: idx });
      expect(Number.isFinite(r.score)).toBe(true);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      const sum = Object.values(r.criteria).reduce((s, c) => s + c.weight, 0);
      expect(sum).toBeCloseTo(1, 12);
      for (const v of Object.values(r.indicators)) expect(Number.isNaN(v.weight) || (v.score !== null && Number.isNaN(v.score))).toBe(false);
    }), { numRuns: 300 });
  });

  it('monotone: raising an increasing indicator (or lowering a decreasing one) never lowers the score', () => {
    fc.assert(fc.property(borrowerArb, fc.constantFrom(...numeric), fc.double({ min: 0, max: 1e3, noNaN: true }), (ind, indicator, step) => {
      const base = typeof ind[indicator.id] === 'number' ? (ind[indicator.id] as number) : 0;
      const better = indicator.direction === 'increasing' ? base + step : base - step;
      const a = scoreBorrower(model, { indicators: { ...ind, [indicator.id]: base } }).score;
      const b = scoreBorrower(model, { indicators: { ...ind, [indicator.id]: better } }).score;
      expect(b).toBeGreaterThanOrEqual(a - 1e-9);
    }), { numRuns: 300 });
  });
});

const demoModelWithOverlay = demoModel({ overlay: { neutralIndex: 100, pointsPerIndexPoint: 0.25, maxPoints: 5, rationale: 'property test' } });
