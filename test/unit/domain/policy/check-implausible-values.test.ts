import { describe, expect, it } from 'vitest';
import { checkImplausibleValues } from '../../../../src/domain/policy/check-implausible-values.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';

const bounds = DEFAULT_POLICY.loopholeChecks.plausibility?.bounds ?? [];
const check = (indicators: Record<string, number | string | null>) => checkImplausibleValues(bounds, indicators);

// Oracle: credit-default-model.md units and issue text ("debt-to-asset > 300 % or < 0", "growth > 100 % flagged as
// review"); bounds inclusive.
describe('checkImplausibleValues', () => {
  it('debt-to-asset outside 0…300 % is implausible; the ends pass', () => {
    expect(check({ I21: 0 })).toEqual([]);
    expect(check({ I21: 300 })).toEqual([]);
    const [high] = check({ I21: 300.5 });
    expect(high).toMatchObject({ code: 'implausible-value', severity: 'refer', params: { indicator: 'I21', value: 300.5, min: 0, max: 300 } });
    expect(high.message.en).toBe('I21 = 300.5 is outside the plausible range 0 to 300.');
    expect(check({ I21: -0.1 })[0].message.zh).toBe('I21 = -0.1，超出合理区间0至300。');
  });

  it('growth above 100 % is a review; below −100 % is implausible', () => {
    expect(check({ I43: 100 })).toEqual([]);
    const [review] = check({ I43: 100.01 });
    expect(review).toMatchObject({ code: 'review-value', params: { indicator: 'I43', value: 100.01 } });
    expect(review.message.en).toBe('I43 = 100.01 is above 100: unusual enough for an officer to check.');
    const [impossible] = check({ I43: -120 });
    expect(impossible.code).toBe('implausible-value');
    expect(impossible.message.en).toBe('I43 = -120 is below the plausible minimum -100.');
  });

  it('open-ended and one-sided bounds, missing and coded values', () => {
    expect(check({ I22: -0.5 })[0].message.en).toBe('I22 = -0.5 is below the plausible minimum 0.');
    expect(check({ I32: 150 })[0].message.en).toBe('I32 = 150 is above the plausible maximum 100.');
    expect(check({ I21: null, I43: null, I53: 'A' })).toEqual([]);
    expect(check({ I22: 1e6 })).toEqual([]); // no upper bound on the current ratio
  });
});
