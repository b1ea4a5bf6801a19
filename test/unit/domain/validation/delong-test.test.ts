import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';
import { delongPlacements } from '../../../../src/domain/validation/delong-placements.js';
import { delongTest } from '../../../../src/domain/validation/delong-test.js';
import { scoreLevels } from '../../../../src/domain/validation/score-levels.js';
import { ndka, poor, s100b, wfns } from './asah.js';

const risky = { higherIsRiskier: true };

/** DeLong et al. (1988) by explicit double loops — an independent O(n²) implementation of the paper's formulas. */
function bruteForceDelong(y: number[], a: number[], b: number[]): number {
  const psi = (x: number, z: number) => (x > z ? 1 : x === z ? 0.5 : 0); // higher = riskier
  const bads = y.map((v, i) => (v === 1 ? i : -1)).filter((i) => i >= 0);
  const goods = y.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
  const comps = (s: number[]) => ({
    v10: bads.map((i) => goods.reduce((t, j) => t + psi(s[i], s[j]), 0) / goods.length),
    v01: goods.map((j) => bads.reduce((t, i) => t + psi(s[i], s[j]), 0) / bads.length),
  });
  const ca = comps(a), cb = comps(b);
  const mean = (v: number[]) => v.reduce((t, x) => t + x, 0) / v.length;
  const cov = (u: number[], v: number[]) => { const mu = mean(u), mv = mean(v); return u.reduce((t, x, k) => t + (x - mu) * (v[k] - mv), 0) / (u.length - 1); };
  const m = bads.length, n = goods.length;
  const va = cov(ca.v10, ca.v10) / m + cov(ca.v01, ca.v01) / n;
  const vb = cov(cb.v10, cb.v10) / m + cov(cb.v01, cb.v01) / n;
  const cab = cov(ca.v10, cb.v10) / m + cov(ca.v01, cb.v01) / n;
  return (mean(ca.v10) - mean(cb.v10)) / Math.sqrt(va + vb - 2 * cab);
}

describe('delongTest', () => {
  it('R pROC 1.18 tests/testthat/test-roc.test.R: roc.test(r.wfns, r.s100b) Z = 2.20898359144091, p = 0.0271757822291882, CI 0.0104061769564846 – 0.174214419249478', () => {
    const t = delongTest(poor, wfns, s100b, risky);
    expect(t.z).toBeCloseTo(2.20898359144091, 12);
    expect(t.p).toBeCloseTo(0.0271757822291882, 14);
    expect(t.ci[0]).toBeCloseTo(0.0104061769564846, 12);
    expect(t.ci[1]).toBeCloseTo(0.174214419249478, 12);
  });

  it('R pROC 1.18 test-roc.test.R: wfns vs ndka Z = 2.79777591868904, p = 0.00514557970691098; ndka vs s100b Z = −1.39077002573558, p = 0.164295175223054', () => {
    const t2 = delongTest(poor, wfns, ndka, risky);
    expect(t2.z).toBeCloseTo(2.79777591868904, 12);
    expect(t2.p).toBeCloseTo(0.00514557970691098, 14);
    expect(t2.ci[0]).toBeCloseTo(0.0634011709339876, 12);
    expect(t2.ci[1]).toBeCloseTo(0.3600405634833566, 12);
    const t3 = delongTest(poor, ndka, s100b, risky);
    expect(t3.z).toBeCloseTo(-1.39077002573558, 12);
    expect(t3.p).toBeCloseTo(0.164295175223054, 14);
  });

  it('reversed order flips the sign, same p (pROC: roc.test(r.s100b, r.wfns) Z = −2.209, p = 0.02718)', () => {
    const t = delongTest(poor, s100b, wfns, risky);
    expect(t.z.toFixed(3)).toBe('-2.209');
    expect(t.p.toFixed(5)).toBe('0.02718');
  });

  it('identical curves: Z = 0, p = 1 (pROC test-roc.test.R "DeLong roc.test works when curves are identical")', () => {
    const t = delongTest(poor, wfns, wfns, risky);
    expect(t.z).toBe(0);
    expect(t.p).toBe(1);
  });

  it('each score may have its own direction (pROC: roc.test on −wfns and −s100b with direction ">" gives the same Z)', () => {
    const t = delongTest(poor, wfns.map((x) => -x), s100b, { higherIsRiskierA: false, higherIsRiskierB: true });
    expect(t.z).toBeCloseTo(2.20898359144091, 12);
  });

  it('matches an O(n²) implementation of DeLong et al. (1988) on random tied data', () => {
    const rng = seededRandom(3);
    const y: number[] = [], a: number[] = [], b: number[] = [];
    for (let i = 0; i < 150; i++) {
      const bad = rng.next() < 0.3 ? 1 : 0;
      y.push(bad);
      const latent = rng.nextNormal() + bad;
      a.push(Math.round(latent * 3));
      b.push(Math.round((0.5 * latent + rng.nextNormal()) * 2));
    }
    expect(delongTest(y, a, b, risky).z).toBeCloseTo(bruteForceDelong(y, a, b), 10);
  });

  it('placements: pROC\'s fixture values for s100b cases (helper-deLongPlacementsCpp-expected.R, first ten)', () => {
    const p = delongPlacements(poor, scoreLevels(poor, s100b, risky));
    const expected = [0.5625, 0.4375, 0.715277777777778, 0.541666666666667, 0.902777777777778, 1, 0.972222222222222,
      0.180555555555556, 0.854166666666667, 0.347222222222222];
    expected.forEach((v, i) => expect(p.badComponents[i]).toBeCloseTo(v, 14));
    expect(p.goodComponents[0]).toBeCloseTo(0.707317073170732, 14);
  });

  it('a perfect model against a constant one has no finite z: DomainError', () => {
    const y = [1, 1, 0, 0], perfect = [9, 8, 1, 2], constant = [5, 5, 5, 5];
    expect(() => delongTest(y, perfect, constant, risky)).toThrow(/zero estimated variance/);
  });
});
