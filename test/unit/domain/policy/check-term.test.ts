import { describe, expect, it } from 'vitest';
import { checkTerm } from '../../../../src/domain/policy/check-term.js';

// Oracle: the rule's doc comment, boundaries checked by hand (strict "above" for amounts and terms, inclusive
// minimum for completeness).
describe('checkTerm', () => {
  it('fires strictly above the maximum and never when it is null', () => {
    expect(checkTerm(36, 36)).toEqual([]);
    expect(checkTerm(36, 37)[0].message).toEqual({ en: "The term of 37 months is longer than the policy's maximum of 36 months.", zh: '申请期限37个月超过政策上限36个月。' });
    expect(checkTerm(null, 600)).toEqual([]);
  });
});
