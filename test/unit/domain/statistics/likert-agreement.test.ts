import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { likertAgreement } from '../../../../src/domain/statistics/likert-agreement.js';

describe('likertAgreement (midpoint rule)', () => {
  it('5-point scale: top-2 and bottom-2 boxes (hand count: 4, 5, 5 agree; 1, 2 disagree; 3 neutral)', () => {
    const shares = likertAgreement([1, 2, 3, 4, 5, 5], 1, 5);
    expect(shares.agreePercent).toBeCloseTo(50, 12);
    expect(shares.disagreePercent).toBeCloseTo(100 / 3, 12);
    expect(shares.neutralPercent).toBeCloseTo(100 / 6, 12);
  });

  it('7-point scale uses the top-3 / bottom-3 boxes; 4-point scale has no neutral point', () => {
    expect(likertAgreement([5, 6, 7, 4], 1, 7).agreePercent).toBe(75);
    const even = likertAgreement([2, 3], 1, 4);
    expect([even.agreePercent, even.disagreePercent, even.neutralPercent]).toEqual([50, 50, 0]);
  });

  it('rejects answers off the scale and empty input', () => {
    expect(() => likertAgreement([6], 1, 5)).toThrow(DomainError);
    expect(() => likertAgreement([], 1, 5)).toThrow(DomainError);
  });
});
