import { describe, expect, it } from 'vitest';
import { DEFAULT_INDEX_SYSTEM } from '../../../../src/domain/credit/default-index-system.js';
import type { ScoringRule } from '../../../../src/domain/credit/scoring-rule.js';
import { validateScoringRule } from '../../../../src/domain/credit/validate-scoring-rule.js';

const anchors = (...pts: [number, number][]): ScoringRule => ({ kind: 'anchors', anchors: pts.map(([raw, score]) => ({ raw, score })) });
const codes = (...cs: [string, number][]): ScoringRule => ({ kind: 'codes', codes: cs.map(([code, score]) => ({ code, score, labels: { en: code, zh: code } })) });
const problemCodes = (rule: ScoringRule, dir?: 'increasing' | 'decreasing' | 'categorical') => validateScoringRule(rule, dir).map((p) => p.code);

// Oracle: the rule requirements of DESIGN §5 / issue 6 item 1 (monotone, 0–100, raw strictly increasing).
describe('validateScoringRule (DESIGN §5 rule requirements)', () => {
  it('accepts all 26 rules of the default index system with their declared direction', () => {
    for (const ind of DEFAULT_INDEX_SYSTEM.indicators) expect(validateScoringRule(ind.rule, ind.direction), ind.id).toEqual([]);
  });

  it('needs at least two anchors', () => {
    expect(problemCodes(anchors([1, 50]))).toEqual(['too-few-anchors']);
  });

  it('needs raw values strictly increasing (equal or falling raw is rejected)', () => {
    expect(problemCodes(anchors([1, 0], [1, 50]))).toEqual(['raw-not-increasing']);
    expect(problemCodes(anchors([2, 0], [1, 50]))).toEqual(['raw-not-increasing']);
  });

  it('needs scores within 0..100 and finite raw values', () => {
    expect(problemCodes(anchors([0, -1], [1, 50]))).toEqual(['score-out-of-range']);
    expect(problemCodes(anchors([0, 0], [1, 101]))).toEqual(['score-out-of-range']);
    expect(problemCodes(anchors([Number.NaN, 0], [1, 50]))).toEqual(['raw-not-finite']);
  });

  it('rejects non-monotone scores (0→0, 1→80, 2→40)', () => {
    expect(problemCodes(anchors([0, 0], [1, 80], [2, 40]))).toEqual(['not-monotone']);
  });

  it('accepts flat steps in a monotone rule and checks the declared direction', () => {
    expect(problemCodes(anchors([0, 0], [1, 50], [2, 50], [3, 100]), 'increasing')).toEqual([]);
    expect(problemCodes(anchors([0, 100], [1, 0]), 'increasing')).toEqual(['direction-mismatch']);
    expect(problemCodes(anchors([0, 0], [1, 100]), 'decreasing')).toEqual(['direction-mismatch']);
  });

  it('code tables: no duplicates, no empty codes, scores 0..100, at least one code', () => {
    expect(problemCodes(codes(['A', 100], ['A', 50]))).toEqual(['duplicate-code']);
    expect(problemCodes(codes(['', 100]))).toEqual(['empty-code']);
    expect(problemCodes(codes(['A', 120]))).toEqual(['score-out-of-range']);
    expect(problemCodes(codes())).toEqual(['no-codes']);
    expect(problemCodes(codes(['A', 100], ['B', 0]), 'categorical')).toEqual([]);
  });
});
