import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/default-policy.js';
import { exposureLimit } from '../../../../src/domain/policy/exposure-limit.js';

// Oracle: offered = min(amount, max(0, table limit − existing)), computed by hand from DEFAULT_POLICY.exposureLimits.
describe('exposureLimit', () => {
  it.each([
    ['BBB', 'small', 2_500_000, 2_000_000, 4_000_000, 1_500_000, 1_500_000],
    ['AAA', 'micro', 0, 1_000_000, 3_000_000, 3_000_000, 1_000_000],
    ['B', 'medium', 4_500_000, 1, 4_000_000, 0, 0],
    ['CCC', 'small', 0, 500_000, 0, 0, 0], // no table entry → 0
    ['A', 'unknown-band', 0, 500_000, 0, 0, 0],
  ])('%s / %s, existing %d, amount %d → limit %d, headroom %d, offered %d', (grade, band, existing, amount, tableLimit, headroom, offered) => {
    expect(exposureLimit(DEFAULT_POLICY, grade, band, existing, amount)).toEqual({ tableLimit, headroom, offered });
  });
});
