import { describe, expect, it } from 'vitest';
import { checkCompleteness } from '../../../../src/domain/policy/check-completeness.js';

// Oracle: the rule's doc comment, boundaries checked by hand (strict "above" for amounts and terms, inclusive
// minimum for completeness).
describe('checkCompleteness', () => {
  it('the minimum itself passes; a value visibly below refers; the tolerance absorbs float noise only', () => {
    expect(checkCompleteness(0.8, 0.8)).toEqual([]);
    expect(checkCompleteness(0.8, 0.8 - 5e-10)).toEqual([]);
    expect(checkCompleteness(0.8, 0.8 - 2e-9)).toHaveLength(1);
    expect(checkCompleteness(0, 0)).toEqual([]);
    expect(checkCompleteness(1, 0.999)[0].message.zh).toBe('数据完整度（已有指标权重占比）99.9%，低于下限100%。');
  });
});
