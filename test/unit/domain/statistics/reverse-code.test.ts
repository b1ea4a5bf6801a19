import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { reverseCode } from '../../../../src/domain/statistics/reverse-code.js';

describe('reverseCode (min + max − x)', () => {
  it('5-point scale maps 1↔5, 2↔4, 3↔3; a 0–10 scale maps 3 → 7', () => {
    expect([1, 2, 3, 4, 5].map((x) => reverseCode(x, 1, 5))).toEqual([5, 4, 3, 2, 1]);
    expect(reverseCode(3, 0, 10)).toBe(7);
  });

  it('rejects answers off the scale and invalid scales', () => {
    expect(() => reverseCode(0, 1, 5)).toThrow(DomainError);
    expect(() => reverseCode(3, 5, 1)).toThrow(DomainError);
  });
});
