import { describe, expect, it } from 'vitest';
import type { AppliedCap } from '../../../../src/domain/credit/borrower-evaluation.js';
import { checkKnockOuts } from '../../../../src/domain/policy/check-knock-outs.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { CLEAN } from './application-fixture.js';

const cap = (id: string, kind: AppliedCap['kind'], en: string, zh: string): AppliedCap => ({ id, kind, maxGrade: 'C', binding: true, labels: { en, zh } });
const evaluation = (caps: AppliedCap[]) => ({ ...CLEAN.evaluation, caps });

// Oracle: KnockOutCondition semantics and DEFAULT_POLICY.knockOuts, applied by hand.
describe('checkKnockOuts', () => {
  it('one reason per matching cap, with the model’s wording', () => {
    const reasons = checkKnockOuts(DEFAULT_POLICY.knockOuts, evaluation([
      cap('knock-out-insolvency', 'knock-out', 'Insolvency proceedings.', '进入破产程序。'),
      cap('knock-out-past-due-90', 'knock-out', 'More than 90 days past due now.', '当前逾期超过90天。'),
    ]), CLEAN.borrower);
    expect(reasons.map((r) => r.params.cap)).toEqual(['knock-out-insolvency', 'knock-out-past-due-90']);
    expect(reasons[1].message).toEqual({
      en: 'Knock-out in the credit model: More than 90 days past due now — decline.',
      zh: '信用模型否决项：当前逾期超过90天——拒绝。',
    });
  });

  it('flags and indicator codes fire on their own, so a model without the cap is still covered', () => {
    const borrower = { ...CLEAN.borrower, flags: { dishonestDebtorList: true }, indicators: { I55: 'dishonest_list', I62: 'restricted' } };
    const reasons = checkKnockOuts(DEFAULT_POLICY.knockOuts, evaluation([]), borrower);
    expect(reasons.map((r) => [r.params.rule, r.severity])).toEqual([['dishonest-debtor-flag', 'decline'], ['dishonest-debtor-record', 'decline']]);
    expect(reasons[1].message.en).toBe('Legal records show a dishonest-debtor listing: I55 = dishonest_list — decline.');
  });

  it('a refer rule refers; a cap kind not listed does nothing', () => {
    const restricted = checkKnockOuts(DEFAULT_POLICY.knockOuts, evaluation([cap('cap-restricted-industry', 'cap', 'Restricted industry: grade at most B.', '限制类行业：等级最高为B。')]), CLEAN.borrower);
    expect(restricted.map((r) => [r.params.rule, r.severity])).toEqual([['restricted-industry', 'refer']]);
    expect(restricted[0].message.en).toBe('Restricted industry: grade at most B — referral required.');
    expect(checkKnockOuts(DEFAULT_POLICY.knockOuts, evaluation([cap('aaa-requires-clean-record', 'requirement', 'x', 'x')]), CLEAN.borrower)).toEqual([]);
  });
});
