import { describe, expect, it } from 'vitest';
import { checkEarlyWarning } from '../../../../src/domain/policy/check-early-warning.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';

// Oracle: the rule's doc comment, boundaries checked by hand (strict "above" for amounts and terms, inclusive
// minimum for completeness).
describe('checkEarlyWarning', () => {
  it('uses the action of the level', () => {
    const a = DEFAULT_POLICY.warningLevelActions;
    expect(checkEarlyWarning(a, 'yellow')).toEqual([]);
    expect(checkEarlyWarning(a, 'orange')[0]).toMatchObject({ code: 'early-warning', severity: 'refer', params: { level: 'orange', action: 'refer' } });
    expect(checkEarlyWarning({ ...a, red: 'decline' }, 'red')[0].message).toEqual({ en: 'Early-warning level red: the policy declines.', zh: '预警等级为红色：按政策拒绝。' });
  });
});
