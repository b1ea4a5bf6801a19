import { describe, expect, it } from 'vitest';
import { isNonPerforming } from '../../../../src/domain/credit/is-non-performing.js';
import { minimumClassification } from '../../../../src/domain/credit/minimum-classification.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

// Oracle: credit-default-model.md "Five-category loan classification (China, 2023 rules)": any overdue → ≥ special
// mention; > 90 → ≥ substandard; > 270 → ≥ doubtful; > 360 → loss.
describe('minimumClassification (2023 rules, at each boundary)', () => {
  it.each([
    [0, 'normal'], [1, 'special-mention'], [90, 'special-mention'], [91, 'substandard'], [270, 'substandard'],
    [271, 'doubtful'], [360, 'doubtful'], [361, 'loss'], [5000, 'loss'],
  ])('%d days past due → %s', (days, expected) => {
    expect(minimumClassification(days)).toBe(expected);
  });

  it('rejects negative or non-finite days', () => {
    expect(() => minimumClassification(-1)).toThrow(DomainError);
    expect(() => minimumClassification(Number.NaN)).toThrow(DomainError);
  });
});

describe('isNonPerforming (NPL = substandard + doubtful + loss)', () => {
  it('flags the last three categories only', () => {
    expect(['normal', 'special-mention', 'substandard', 'doubtful', 'loss'].map((c) => isNonPerforming(c as never)))
      .toEqual([false, false, true, true, true]);
  });

  it('rejects an unknown category', () => {
    expect(() => isNonPerforming('bad' as never)).toThrow(DomainError);
  });
});
