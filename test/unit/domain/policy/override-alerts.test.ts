import { describe, expect, it } from 'vitest';
import { overrideAlerts } from '../../../../src/domain/policy/override-alerts.js';
import { overrideRates, type OverrideRateRow } from '../../../../src/domain/policy/override-rates.js';
import { wilsonInterval } from '../../../../src/domain/policy/wilson-interval.js';
import { RECORDS } from './monitoring-fixture.js';

const row = (key: string, overrides: number, decided: number): OverrideRateRow =>
  ({ by: 'officer', key, decided, overrides, lowSide: overrides, highSide: 0, rate: overrides / decided, interval: wilsonInterval(overrides, decided) });

// Oracle: rates counted by hand; Wilson lower bound of 3/20 = 0.0524 (closed form, cf. Newcombe 1998).
describe('overrideAlerts', () => {
  it('alerts above the threshold with enough decisions: alice 1/3 > 0.3 with 3 decisions; bob 1/2 has only 2', () => {
    const alerts = overrideAlerts(overrideRates(RECORDS, 'officer'), 0.3, 3);
    expect(alerts.map((a) => [a.key, a.overrides, a.decided, a.clearlyAbove])).toEqual([['alice', 1, 3, false]]);
    expect(alerts[0].message).toEqual({
      en: 'Override rate of officer alice: 1 of 3 decisions (33.3 %), above the threshold of 30 %.',
      zh: '审批人员alice的推翻率为33.3%（3笔决定中1笔），超过阈值30%。',
    });
  });

  it('minCount and the strict threshold at their edges; clearlyAbove uses the Wilson lower bound; highest first', () => {
    expect(overrideAlerts([row('x', 3, 19)], 0.1, 20)).toEqual([]);
    expect(overrideAlerts([row('x', 2, 20)], 0.1, 20)).toEqual([]); // exactly 0.1 is not above
    const alerts = overrideAlerts([row('x', 3, 20), row('y', 15, 20)], 0.1, 20);
    expect(alerts.map((a) => [a.key, a.clearlyAbove])).toEqual([['y', true], ['x', false]]);
    expect(wilsonInterval(3, 20)?.lower).toBeCloseTo(0.0524, 4);
  });

  it('rejects a threshold outside [0, 1] and a bad minCount', () => {
    expect(() => overrideAlerts([], 1.5, 1)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => overrideAlerts([], 0.1, -1)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
    expect(() => overrideAlerts([], 0.1, 2.5)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
