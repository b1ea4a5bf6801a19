import { describe, expect, it } from 'vitest';
import { checkReviewFlags } from '../../../../src/domain/policy/check-review-flags.js';
import { CLEAN } from './application-fixture.js';

// Oracle: the rule's doc comment, boundaries checked by hand (strict "above" for amounts and terms, inclusive
// minimum for completeness).
describe('checkReviewFlags', () => {
  const evaluation = { ...CLEAN.evaluation, warnings: [
    { code: 'missing-indicators', message: '1 indicator is missing (I14).', indicators: ['I14'] },
    { code: 'review-value', message: 'Revenue growth above 100 % needs review.', indicators: ['I43'] },
    { code: 'review-value', message: 'Odd.', indicators: ['I44'] },
  ] };

  it('turns the model’s review flags into referrals, skipping indicators already flagged and non-review warnings', () => {
    const reasons = checkReviewFlags('refer', evaluation, ['I44']);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({ code: 'review-flag', params: { indicator: 'I43' } });
    expect(reasons[0].message.en).toBe('The credit model flags I43 for review: Revenue growth above 100 % needs review.');
    expect(checkReviewFlags('none', evaluation, [])).toEqual([]);
  });
});
