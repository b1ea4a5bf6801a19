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
});
