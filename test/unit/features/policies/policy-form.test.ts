import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { validatePolicy } from '../../../../src/domain/policy/validate-policy.js';
import { fieldOfProblem, formValuesOf, parsePolicyForm, problemsByField, rowCount } from '../../../../src/features/policies/policy-form.js';

const GRADES = DEFAULT_POLICY.gradeScale.bands.map((b) => b.grade);
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('policy form', () => {
  it('round-trips the default policy: form values → definition gives it back exactly', () => {
    const parsed = parsePolicyForm(formValuesOf(DEFAULT_POLICY), DEFAULT_POLICY, GRADES);
    expect(parsed.errors).toEqual({});
    expect(plain(parsed.definition)).toEqual(plain(DEFAULT_POLICY));
    expect(parsed.rows.knockOuts).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parsed.rows.bounds).toHaveLength(15);
  });

  it('empty optional fields switch rules off (null); thousands separators are accepted', () => {
    const v = { ...formValuesOf(DEFAULT_POLICY), autoApprovalMaxAmount: '2,500,000', maxTermMonths: '', 'loopholeChecks.split.windowDays': '', 'loopholeChecks.split.aggregateLimit': '',
      'loopholeChecks.plausibility.enabled': '', 'industryConcentration.defaultMaxShare': '', 'overrides.secondApprovalAboveAmount': '' };
    const { definition: d, errors } = parsePolicyForm(v, DEFAULT_POLICY, GRADES);
    expect(errors).toEqual({});
    expect(d.autoApprovalMaxAmount).toBe(2_500_000);
    expect(d.maxTermMonths).toBeNull();
    expect(d.loopholeChecks.split).toBeNull();
    expect(d.loopholeChecks.plausibility).toBeNull();
    expect(d.industryConcentration.defaultMaxShare).toBeNull();
    expect(d.overrides.secondApprovalAboveAmount).toBeNull();
  });

  it('half of a pair, a non-number and an unknown choice are form errors by field', () => {
    const v = { ...formValuesOf(DEFAULT_POLICY), 'loopholeChecks.split.aggregateLimit': '', minCompleteness: 'most', 'warningLevelActions.red': 'panic',
      'industryConcentration.maxShareByIndustry': 'F:0.2, E=lots' };
    const { errors } = parsePolicyForm(v, DEFAULT_POLICY, GRADES);
    expect(errors).toEqual({
      'loopholeChecks.split.aggregateLimit': 'validation.required',
      minCompleteness: 'policies.form.notANumber',
      'warningLevelActions.red': 'validation.choose',
      'industryConcentration.maxShareByIndustry': 'policies.form.badIndustryShares',
    });
  });

  it('removed and blank rows are dropped, new rows added, and problem paths map back to the form rows', () => {
    const v = formValuesOf(DEFAULT_POLICY);
    v['knockOuts.1.remove'] = 'on';
    Object.assign(v, { 'knockOuts.6.id': 'new', 'knockOuts.6.condition.kind': 'cap-id', 'knockOuts.6.condition.values': '', 'knockOuts.6.action': 'refer', 'knockOuts.6.labels.en': 'New', 'knockOuts.6.labels.zh': '新' });
    Object.assign(v, { 'knockOuts.7.id': '', 'knockOuts.7.condition.kind': 'cap-kind', 'knockOuts.7.action': 'refer' }); // blank row
    expect(rowCount(v, 'knockOuts')).toBe(8);
    const parsed = parsePolicyForm(v, DEFAULT_POLICY, GRADES);
    expect(parsed.definition.knockOuts.map((k) => k.id)).toEqual(['model-knock-out', 'dishonest-debtor-record', 'insolvency-flag', 'eliminated-industry', 'restricted-industry', 'new']);
    expect(parsed.rows.knockOuts).toEqual([0, 2, 3, 4, 5, 6]);
    const problems = validatePolicy(parsed.definition);
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.path)).toEqual(['knockOuts.5.condition.capIds']);
    const fields = new Set(Object.keys(v));
    expect(problemsByField(problems, fields, parsed.rows)).toEqual({ 'knockOuts.6.condition.values': 'Knock-out new: capIds must list cap ids.' });
  });

  it('fieldOfProblem: exact field, first field under the path, nearest field above, else _form', () => {
    const fields = new Set(['gradeThresholds.approveFrom', 'gradeThresholds.referFrom', 'knockOuts.0.labels.en', 'knockOuts.0.labels.zh', 'loopholeChecks.plausibility.bounds.2.indicator', 'sizeBands']);
    const rows = { knockOuts: [0], bounds: [0, 1, 2] };
    expect(fieldOfProblem('sizeBands', fields, rows)).toBe('sizeBands');
    expect(fieldOfProblem('gradeThresholds', fields, rows)).toBe('gradeThresholds.approveFrom');
    expect(fieldOfProblem('knockOuts.0.labels', fields, rows)).toBe('knockOuts.0.labels.en');
    expect(fieldOfProblem('loopholeChecks.plausibility.bounds.2', fields, rows)).toBe('loopholeChecks.plausibility.bounds.2.indicator');
    expect(fieldOfProblem('gradeScale', fields, rows)).toBe('_form');
    expect(fieldOfProblem('exposureLimits.Z', fields, rows)).toBe('_form');
  });
});
