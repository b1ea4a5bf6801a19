import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import { scoreIndicator } from '../../../../src/domain/credit/score-indicator.js';
import type { ScoringRule } from '../../../../src/domain/credit/scoring-rule.js';

const rule = (id: string): ScoringRule => DEFAULT_INDEX_SYSTEM.indicators.find((i) => i.id === id)!.rule;

// Oracle: the anchor tables of credit-default-model.md; between anchors, linear interpolation computed by hand.
describe('scoreIndicator — anchors (credit-default-model.md)', () => {
  it('returns the anchor score exactly at every anchor of I22 current ratio (0.6→0, 1.0→40, 1.2→60, 1.5→80, 2.0→100)', () => {
    for (const [raw, score] of [[0.6, 0], [1.0, 40], [1.2, 60], [1.5, 80], [2.0, 100]]) {
      expect(scoreIndicator(rule('I22'), raw)).toBe(score);
    }
  });

  it('interpolates linearly between anchors (I22: 1.1 → 50; 1.35 → 70; 1.75 → 90, by hand)', () => {
    expect(scoreIndicator(rule('I22'), 1.1)).toBeCloseTo(50, 12);
    expect(scoreIndicator(rule('I22'), 1.35)).toBeCloseTo(70, 12);
    expect(scoreIndicator(rule('I22'), 1.75)).toBeCloseTo(90, 12);
  });

  it('clamps outside the anchors (I22: 0.1 → 0, 9 → 100; I12 years 25 → 100)', () => {
    expect(scoreIndicator(rule('I22'), 0.1)).toBe(0);
    expect(scoreIndicator(rule('I22'), 9)).toBe(100);
    expect(scoreIndicator(rule('I12'), 25)).toBe(100);
  });

  it('handles falling scores (I21 debt-to-asset %: ≤40→100, 47.5 → 90, 62.5 → 65, ≥85→0)', () => {
    expect(scoreIndicator(rule('I21'), 10)).toBe(100);
    expect(scoreIndicator(rule('I21'), 40)).toBe(100);
    expect(scoreIndicator(rule('I21'), 47.5)).toBeCloseTo(90, 12);
    expect(scoreIndicator(rule('I21'), 62.5)).toBeCloseTo(65, 12);
    expect(scoreIndicator(rule('I21'), 85)).toBe(0);
    expect(scoreIndicator(rule('I21'), 120)).toBe(0);
  });

  it('handles negative raw values (I31 ROA %: −5→0, −2.5 → 15, 0→30)', () => {
    expect(scoreIndicator(rule('I31'), -2.5)).toBeCloseTo(15, 12);
    expect(scoreIndicator(rule('I31'), -50)).toBe(0);
  });

  it('does not start at zero when the first anchor is not zero (I13 firm age: 0 → 20, 1 → 35)', () => {
    expect(scoreIndicator(rule('I13'), 0)).toBe(20);
    expect(scoreIndicator(rule('I13'), 1)).toBeCloseTo(35, 12);
  });

  it('rejects a non-finite number or a code on an anchor rule with DomainError', () => {
    expect(() => scoreIndicator(rule('I21'), Number.NaN)).toThrow(DomainError);
    expect(() => scoreIndicator(rule('I21'), Number.POSITIVE_INFINITY)).toThrow(/finite number/);
    expect(() => scoreIndicator(rule('I21'), '55')).toThrow(DomainError);
  });
});

describe('scoreIndicator — codes (credit-default-model.md code tables)', () => {
  it('looks codes up: I53 A 100 · B 80 · M 65 · C 30 · D 0', () => {
    expect(['A', 'B', 'M', 'C', 'D'].map((c) => scoreIndicator(rule('I53'), c))).toEqual([100, 80, 65, 30, 0]);
  });

  it('I72 owner personal guarantee 50, none 20; I62 restricted 20', () => {
    expect(scoreIndicator(rule('I72'), 'owner_personal')).toBe(50);
    expect(scoreIndicator(rule('I72'), 'none')).toBe(20);
    expect(scoreIndicator(rule('I62'), 'restricted')).toBe(20);
  });

  it('throws DomainError unknown-code for a code not in the table, listing the allowed codes', () => {
    try {
      scoreIndicator(rule('I53'), 'AA');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('unknown-code');
      expect((e as DomainError).details).toEqual({ value: 'AA', allowed: ['A', 'B', 'M', 'C', 'D'] });
    }
  });

  it('throws for a number on a code rule', () => {
    expect(() => scoreIndicator(rule('I53'), 1)).toThrow(DomainError);
  });
});
