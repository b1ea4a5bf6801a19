import { describe, expect, it } from 'vitest';
import { checkContradictoryRatios } from '../../../../src/domain/policy/check-contradictory-ratios.js';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import type { PlausibilityParams } from '../../../../src/domain/policy/policy-definition.js';

const params = DEFAULT_POLICY.loopholeChecks.plausibility as PlausibilityParams;
const check = (indicators: Record<string, number | string | null>) => checkContradictoryRatios(params, indicators);

describe('checkContradictoryRatios', () => {
  // Oracle: quick = (CA − inventory)/CL ≤ CA/CL = current when inventory ≥ 0; tolerance 0.01.
  it('quick ratio above current ratio beyond 0.01 refers', () => {
    expect(check({ I22: 1.2, I23: 1.2 })).toEqual([]);
    expect(check({ I22: 1.2, I23: 1.21 })).toEqual([]);
    const [r] = check({ I22: 1.2, I23: 1.25 });
    expect(r).toMatchObject({ code: 'contradictory-ratios', params: { check: 'quick-above-current', current: 1.2, quick: 1.25 } });
  });

  // Oracle: DuPont ROA = margin × turnover; 5 % × 1.2 = 6 %; tolerance 0.5 + 0.1·max(|ROA|, 6) by hand.
  it('DuPont: ROA 6.5 % passes (|0.5| ≤ 0.5 + 0.65), 7.3 % refers (|1.3| > 0.5 + 0.73)', () => {
    expect(check({ I31: 6, I32: 5, I44: 1.2 })).toEqual([]);
    expect(check({ I31: 6.5, I32: 5, I44: 1.2 })).toEqual([]);
    const [r] = check({ I31: 7.3, I32: 5, I44: 1.2 });
    expect(r.params).toMatchObject({ check: 'dupont', roa: 7.3, netMargin: 5, assetTurnover: 1.2 });
    expect(r.params.expectedRoa).toBeCloseTo(6, 12);
    expect(r.message.en).toBe('Return on assets I31 = 7.3 % does not match net margin × asset turnover = 5 % × 1.2 = 6 %.');
  });

  it('DuPont catches a sign contradiction (loss-making margin with a positive ROA)', () => {
    expect(check({ I31: 3, I32: -2, I44: 1 })).toHaveLength(1);
  });

  it('needs all three DuPont values, and can be switched off', () => {
    expect(check({ I31: 50, I32: 5 })).toEqual([]);
    expect(checkContradictoryRatios({ ...params, dupont: null }, { I31: 50, I32: 5, I44: 1 })).toEqual([]);
  });
});
