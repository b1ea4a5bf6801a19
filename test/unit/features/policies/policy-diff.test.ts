import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { diffPolicies, flattenPolicy } from '../../../../src/features/policies/policy-diff.js';

describe('policy diff', () => {
  it('identical definitions have no rows', () => {
    expect(diffPolicies(DEFAULT_POLICY, JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual({ identical: true, rows: [] });
  });

  it('lists changed, added and removed rules by path; knock-outs and bounds keyed by id, not position', () => {
    const b = {
      ...DEFAULT_POLICY,
      gradeThresholds: { approveFrom: 'A', referFrom: 'B' },
      knockOuts: DEFAULT_POLICY.knockOuts.slice(1).map((k) => (k.id === 'restricted-industry' ? { ...k, action: 'decline' as const } : k)),
      exposureLimits: { ...DEFAULT_POLICY.exposureLimits, BBB: { ...DEFAULT_POLICY.exposureLimits.BBB!, small: 3_500_000 } },
      loopholeChecks: { ...DEFAULT_POLICY.loopholeChecks, duplicate: null },
    };
    const rows = diffPolicies(DEFAULT_POLICY, b).rows.map((r) => [r.path, r.a, r.b]);
    expect(rows).toEqual([
      ['gradeThresholds.approveFrom', 'BBB', 'A'],
      ['knockOuts[restricted-industry].action', 'refer', 'decline'],
      ['exposureLimits.BBB.small', '4000000', '3500000'],
      ['loopholeChecks.duplicate', null, 'null'],
      ['knockOuts[model-knock-out].id', 'model-knock-out', null],
      ['knockOuts[model-knock-out].condition.kind', 'cap-kind', null],
      ['knockOuts[model-knock-out].condition.capKinds', 'knock-out, default', null],
      ['knockOuts[model-knock-out].action', 'decline', null],
      ['knockOuts[model-knock-out].labels.en', 'Knock-out in the credit model', null],
      ['knockOuts[model-knock-out].labels.zh', '信用模型否决项', null],
      ['loopholeChecks.duplicate.windowDays', '7', null],
    ]);
  });

  it('flattens scalar lists to one leaf and bounds by indicator and kind', () => {
    const f = flattenPolicy(DEFAULT_POLICY);
    expect(f.get('sizeBands')).toBe('micro, small, medium');
    expect(f.get('loopholeChecks.plausibility.bounds[I43 review].max')).toBe('100');
    expect(f.get('loopholeChecks.plausibility.bounds[I43 implausible].min')).toBe('-100');
    expect(f.get('gradeScale.bands[AAA].minScore')).toBeDefined();
  });
});
