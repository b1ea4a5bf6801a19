import { describe, expect, it } from 'vitest';
import { sampleSizeForProportion } from '../../../../src/domain/validation/sample-size-for-proportion.js';

describe('sampleSizeForProportion', () => {
  it('Cochran (1977) eq. 4.1: 95 %, ± 5 %, p = 0.5 → n0 = 1.96²·0.25/0.0025 ≈ 384.15 → 385', () => {
    const r = sampleSizeForProportion({ margin: 0.05 });
    expect(r.infinitePopulationSize).toBeCloseTo(384.1458820694124, 10);
    expect(r.sampleSize).toBe(385);
    expect(r.z).toBeCloseTo(1.959963984540054, 14);
  });

  it('Krejcie & Morgan (1970) table: N = 100 → 80, N = 1,000 → 278, N = 10,000 → 370 (finite population correction)', () => {
    // K&M round to the nearest unit; these three rows agree with our (conservative) rounding up.
    expect(sampleSizeForProportion({ margin: 0.05, populationSize: 100 }).sampleSize).toBe(80);
    expect(sampleSizeForProportion({ margin: 0.05, populationSize: 1000 }).sampleSize).toBe(278);
    expect(sampleSizeForProportion({ margin: 0.05, populationSize: 10_000 }).sampleSize).toBe(370);
  });

  it('an expected default rate of 2 % at ± 1 % and 99 %: n0 = 2.5758²·0.0196/0.0001 = 1300.4 → 1301; never more than N', () => {
    const r = sampleSizeForProportion({ margin: 0.01, confidence: 0.99, expectedRate: 0.02 });
    expect(r.infinitePopulationSize).toBeCloseTo(2.5758293035489004 ** 2 * 0.0196 / 0.0001, 8);
    expect(r.sampleSize).toBe(1301);
    expect(sampleSizeForProportion({ margin: 0.01, populationSize: 50 }).sampleSize).toBeLessThanOrEqual(50);
  });

  it('invalid inputs give clear messages', () => {
    expect(() => sampleSizeForProportion({ margin: 0 })).toThrow(/margin of error/);
    expect(() => sampleSizeForProportion({ margin: 0.05, expectedRate: 0 })).toThrow(/expected rate/);
    expect(() => sampleSizeForProportion({ margin: 0.05, confidence: 95 })).toThrow(/confidence level/);
    expect(() => sampleSizeForProportion({ margin: 0.05, populationSize: 10.5 })).toThrow(/population size/);
  });
});
