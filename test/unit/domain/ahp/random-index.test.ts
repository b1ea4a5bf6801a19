import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../src/domain/domain-error.js';
import { RI_TABLE_NAMES, randomIndex } from '../../../../src/domain/ahp/random-index.js';

describe('randomIndex', () => {
  it('classic Saaty table n = 3…15 (DESIGN §4 / Saaty 1980)', () => {
    const expected = [0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
    expected.forEach((ri, k) => expect(randomIndex(k + 3)).toBe(ri));
  });

  it('Alonso & Lamata (2006) Table 3 values', () => {
    expect(randomIndex(3, 'alonso-lamata')).toBe(0.5245);
    expect(randomIndex(7, 'alonso-lamata')).toBe(1.3417);
    expect(randomIndex(15, 'alonso-lamata')).toBe(1.5838);
  });

  it('Saaty (2005) and Donegan & Dodd (1991) values as tabulated in AHPy', () => {
    expect(randomIndex(7, 'saaty2005')).toBe(1.35);
    expect(randomIndex(5, 'saaty2005')).toBe(1.11);
    expect(randomIndex(7, 'donegan-dodd')).toBe(1.2519);
    expect(randomIndex(30, 'donegan-dodd')).toBe(1.5772);
  });

  it('interpolates Donegan–Dodd between published sizes like AHPy (n = 22 between 20 and 25)', () => {
    expect(randomIndex(22, 'donegan-dodd')).toBeCloseTo(1.5371 + ((1.5619 - 1.5371) * 2) / 5, 12);
  });

  it('is 0 for n ≤ 2 in every table', () => {
    for (const t of RI_TABLE_NAMES) { expect(randomIndex(1, t)).toBe(0); expect(randomIndex(2, t)).toBe(0); }
  });

  it('beyond a table uses the Alonso–Lamata formula (1.7699n − 4.3513)/(n − 1), never 0', () => {
    for (const n of [16, 20, 30]) {
      const expected = (1.7699 * n - 4.3513) / (n - 1);
      expect(randomIndex(n, 'saaty')).toBeCloseTo(expected, 12);
      expect(randomIndex(n, 'saaty2005')).toBeCloseTo(expected, 12);
      expect(randomIndex(n, 'alonso-lamata')).toBeCloseTo(expected, 12);
      expect(randomIndex(n)).toBeGreaterThan(1.5);
    }
  });

  it('rejects unknown tables and bad sizes', () => {
    expect(() => randomIndex(5, 'nope' as never)).toThrow(DomainError);
    expect(() => randomIndex(0)).toThrow(DomainError);
    expect(() => randomIndex(2.5)).toThrow(DomainError);
  });
});
