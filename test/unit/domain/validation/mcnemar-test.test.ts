import { describe, expect, it } from 'vitest';
import { mcNemarFromDecisions, mcNemarTest } from '../../../../src/domain/validation/mcnemar-test.js';

describe('mcNemarTest', () => {
  it('Agresti (2013) Table 11.1, presidential approval 794/150/86/570: χ² = (150 − 86)²/236 = 17.36, p < 0.001', () => {
    const r = mcNemarTest(150, 86);
    expect(r.chiSquare.toFixed(2)).toBe('17.36');
    expect(r.p).toBeLessThan(0.001);
    // SciPy 1.17: stats.chi2.sf(4096/236, 1) = 3.099293441045215e-05.
    expect(r.p).toBeCloseTo(3.099293441045215e-5, 17);
  });

  it('with continuity correction (Edwards 1948): (|150 − 86| − 1)²/236 = 16.818, SciPy chi2.sf = 4.114562281345944e-05', () => {
    const r = mcNemarTest(150, 86);
    expect(r.chiSquareCorrected).toBeCloseTo(3969 / 236, 14);
    expect(r.pCorrected).toBeCloseTo(4.114562281345944e-5, 17);
  });

  it('exact binomial version: SciPy 1.17 stats.binomtest(86, 236, 0.5) p = 3.7159361395713866e-05; small counts 3 vs 11 → 0.057373046875', () => {
    expect(mcNemarTest(150, 86).exactP).toBeCloseTo(3.7159361395713866e-5, 17);
    const small = mcNemarTest(3, 11);
    expect(small.exactP).toBeCloseTo(0.057373046875, 14);
    expect(small.recommended).toBe('exact');
    expect(mcNemarTest(150, 86).recommended).toBe('chi-square');
  });

  it('equal discordant counts: χ² = 0, corrected 0 (no over-correction), exact p = 1; no discordant pairs → p = 1', () => {
    const r = mcNemarTest(5, 5);
    expect([r.chiSquare, r.chiSquareCorrected, r.p, r.exactP]).toEqual([0, 0, 1, 1]);
    expect(mcNemarTest(0, 0)).toMatchObject({ chiSquare: 0, p: 1, exactP: 1, discordant: 0 });
  });

  it('from paired decisions of two versions; refuses unpaired lists and non-binary decisions', () => {
    const r = mcNemarFromDecisions([true, true, false, false, 1, 0], [true, false, true, false, 0, 0]);
    expect([r.both, r.onlyFirst, r.onlySecond, r.neither]).toEqual([1, 2, 1, 2]);
    expect(() => mcNemarFromDecisions([true], [true, false])).toThrow(/differ in length/);
    expect(() => mcNemarFromDecisions([2], [1])).toThrow(/true\/false or 1\/0/);
    expect(() => mcNemarTest(-1, 3)).toThrow(/whole-number counts/);
  });
});
