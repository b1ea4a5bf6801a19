import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from '../../../../src/domain/policy/format-number.js';

// Oracle: the formatting rules in the doc comment, applied by hand.
describe('formatNumber / formatPercent', () => {
  it('groups thousands and drops trailing zeros', () => {
    expect(formatNumber(1_500_000)).toBe('1,500,000');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1,000');
    expect(formatNumber(72.456)).toBe('72.46');
    expect(formatNumber(72.4)).toBe('72.4');
    expect(formatNumber(-1234.5)).toBe('-1,234.5');
    expect(formatNumber(-0.004)).toBe('0');
    expect(formatNumber(2.5, 0)).toBe('3');
    expect(formatNumber(0.123456, 4)).toBe('0.1235');
  });

  it('formats shares as percentages in both styles', () => {
    expect(formatPercent(0.725)).toBe('72.5 %');
    expect(formatPercent(0.725, 'zh')).toBe('72.5%');
    expect(formatPercent(0.7999, 'en', 2)).toBe('79.99 %');
    expect(formatPercent(0.25)).toBe('25 %');
  });

  // Oracle: an independent formatter built on toFixed and a regular expression (round half away from zero on |x|).
  it('agrees with a toFixed-based reference on random values', () => {
    const reference = (x: number, d: number) => {
      const f = 10 ** d;
      const r = Math.round(Math.abs(x) * f) / f;
      if (r === 0) return '0';
      const [int, frac = ''] = r.toFixed(d).split('.');
      const tail = frac.replace(/0+$/, '');
      return (x < 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (tail ? `.${tail}` : '');
    };
    fc.assert(fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, d) => {
      expect(formatNumber(x, d)).toBe(reference(x, d));
    }), { numRuns: 2000, seed: 11 });
    expect(formatNumber(1e20)).toBe('100,000,000,000,000,000,000');
  });
});
