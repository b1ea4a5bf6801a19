import { describe, expect, it } from 'vitest';
import { brierScore } from '../../../../src/domain/validation/brier-score.js';

describe('brierScore', () => {
  it('Brier (1950) definition, hand-derived: p = (0.1, 0.9), y = (0, 1) → (0.01 + 0.01)/2 = 0.01', () => {
    expect(brierScore([0, 1], [0.1, 0.9])).toBeCloseTo(0.01, 15);
  });

  it('a constant forecast at the base rate π scores π(1 − π) (Murphy 1973 decomposition: uncertainty term)', () => {
    const y = [1, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    expect(brierScore(y, y.map(() => 0.2))).toBeCloseTo(0.2 * 0.8, 15);
  });

  it('weights: Σw(p − y)²/Σw', () => {
    expect(brierScore([1, 0], [0.5, 0.5], [3, 1])).toBeCloseTo(0.25, 15);
    expect(brierScore([1, 0], [0.2, 0.2], [1, 3])).toBeCloseTo((0.64 + 3 * 0.04) / 4, 15);
  });

  it('refuses probabilities outside [0, 1], NaN, and mismatched lengths', () => {
    expect(() => brierScore([1, 0], [1.2, 0])).toThrow(/between 0 and 1/);
    expect(() => brierScore([1, 0], [NaN, 0])).toThrow(/finite number/);
    expect(() => brierScore([1, 0], [0.5])).toThrow(/same length/);
  });
});
