import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BorrowerInput } from '../../../src/domain/credit/borrower-evaluation.js';
import type { CreditModelDefinition } from '../../../src/domain/credit/credit-model-definition.js';
import { SUGGESTED_OVERLAY } from '../../../src/domain/credit/overlay-points.js';
import { scoreBorrower } from '../../../src/domain/credit/score-borrower.js';
import { scoreIndicator } from '../../../src/domain/credit/score-indicator.js';
import type { ScoringRule } from '../../../src/domain/credit/scoring-rule.js';
import { validateScoringRule } from '../../../src/domain/credit/validate-scoring-rule.js';
import { demoModel } from '../domain/credit/demo-model.js';
import { RUNS, domainOnly, expectFinite, expectSumToOne, hostileNumber, hostileValue } from './fuzz-support.js';

/**
 * Issue 8 point 6, credit scoring: any borrower the API can send scores in [0, 100] with a grade of the scale
 * and applied criterion weights summing to 1; anything else is a DomainError (never a TypeError or NaN).
 */

const BASE = demoModel();
const MODELS: CreditModelDefinition[] = [
  BASE,
  { ...BASE, missingPolicy: 'score-zero' },
  { ...BASE, collateralMode: 'facility-grade-only' },
  { ...BASE, overlay: SUGGESTED_OVERLAY },
];

/** A plausible or extreme value for each indicator of the model: codes of its table, numbers on and off its anchors. */
function indicatorValue(model: CreditModelDefinition, id: string): fc.Arbitrary<number | string | null> {
  const ind = model.indicators.find((i) => i.id === id)!;
  if (ind.rule.kind === 'codes') return fc.option(fc.constantFrom(...ind.rule.codes.map((c) => c.code)), { freq: 5 });
  const a = ind.rule.anchors;
  return fc.option(fc.oneof(fc.double({ min: a[0]!.raw - 100, max: a[a.length - 1]!.raw + 100, noNaN: true }), fc.constantFrom(1e308, -1e308, 0, -0, 5e-324)), { freq: 5 });
}

const borrowerFor = (model: CreditModelDefinition) => fc.record({
  industry: fc.option(fc.constantFrom('A', 'C', 'E', 'F', 'ZZ')),
  indicators: fc.record(Object.fromEntries(model.indicators.map((i) => [i.id, indicatorValue(model, i.id)])), { requiredKeys: [] }),
  flags: fc.record({ dishonestDebtorList: fc.boolean(), insolvency: fc.boolean() }, { requiredKeys: [] }),
  daysPastDue: fc.option(fc.integer({ min: 0, max: 2000 })),
  inDefault: fc.option(fc.boolean()),
  prosperityIndex: fc.option(fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), fc.constantFrom(1e308, -1e308))),
});

describe('scoreBorrower', () => {
  it('any borrower on the model’s scales: score in [0, 100], a grade of the scale, weights summing to 1, nothing NaN', () => {
    const grades = new Set([...BASE.gradeScale.bands.map((b) => b.grade), BASE.gradeScale.defaultGrade]);
    fc.assert(fc.property(fc.constantFrom(...MODELS), fc.integer({ min: 0, max: 2 ** 31 }), (model, seed) => {
      const [borrower] = fc.sample(borrowerFor(model), { seed, numRuns: 1 });
      const r = domainOnly(() => scoreBorrower(model, borrower as BorrowerInput));
      if (!r) return; // e.g. no indicator values at all
      expectFinite(r);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(grades.has(r.grade)).toBe(true);
      expectSumToOne(Object.values(r.criteria).map((c) => c.weight), 1e-9);
      Object.values(r.indicators).forEach((i) => i.score === null || (expect(i.score).toBeGreaterThanOrEqual(0), expect(i.score).toBeLessThanOrEqual(100)));
    }), RUNS);
  });

  it('hostile borrowers (NaN, ±Infinity, strings for numbers, unknown codes and ids, wrong types) → DomainError only', () => {
    const ids = BASE.indicators.map((i) => i.id);
    const hostileBorrower = fc.record({
      industry: hostileValue,
      indicators: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...ids), fc.constantFrom('__proto__', 'constructor', 'I99', '')), hostileValue, { maxKeys: 8 }), hostileValue),
      flags: fc.oneof(hostileValue, fc.record({ insolvency: hostileValue })),
      daysPastDue: hostileValue,
      inDefault: hostileValue,
      prosperityIndex: hostileValue,
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.constantFrom(...MODELS), hostileBorrower, (model, borrower) => {
      const r = domainOnly(() => scoreBorrower(model, borrower as never));
      if (!r) return;
      expectFinite(r);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
    }), RUNS);
  });
});

describe('scoreIndicator', () => {
  const anchorRule: fc.Arbitrary<ScoringRule> = fc.uniqueArray(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 6 })
    .chain((raws) => fc.tuple(fc.constant([...raws].sort((x, y) => x - y)), fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: raws.length, maxLength: raws.length }), fc.boolean()))
    .map(([raws, scores, rising]) => {
      const sorted = [...scores].sort((x, y) => (rising ? x - y : y - x));
      return { kind: 'anchors' as const, anchors: raws.map((raw, i) => ({ raw, score: sorted[i]! })) };
    });

  it('a valid anchor rule maps every finite number into [min score, max score]; NaN, ±Infinity or strings → DomainError', () => {
    fc.assert(fc.property(anchorRule, fc.oneof(hostileNumber, fc.string({ maxLength: 4 })), (rule, raw) => {
      expect(validateScoringRule(rule)).toEqual([]);
      const scores = rule.kind === 'anchors' ? rule.anchors.map((a) => a.score) : [];
      const r = domainOnly(() => scoreIndicator(rule, raw));
      if (typeof raw === 'number' && Number.isFinite(raw)) {
        expect(r).toBeDefined();
        expect(r!).toBeGreaterThanOrEqual(Math.min(...scores) - 1e-9);
        expect(r!).toBeLessThanOrEqual(Math.max(...scores) + 1e-9);
      } else {
        expect(r).toBeUndefined();
      }
    }), RUNS);
  });
});
