import { describe, expect, it } from 'vitest';
import { binomialDefaultTest } from '../../../../src/domain/validation/binomial-default-test.js';
import { jeffreysDefaultTest } from '../../../../src/domain/validation/jeffreys-default-test.js';

describe('jeffreysDefaultTest (ECB 2019 instructions §2.5.3.1: p = Beta(D + ½, N − D + ½) CDF at PD)', () => {
  it('closed form for D = 0, N = 1: I_PD(½, 3/2) = (2/π)(asin √PD + √(PD(1 − PD))), at PD = 0.1 → 0.39581869640940787', () => {
    const pd = 0.1;
    const closed = (2 / Math.PI) * (Math.asin(Math.sqrt(pd)) + Math.sqrt(pd * (1 - pd)));
    expect(jeffreysDefaultTest(0, 1, pd).p).toBeCloseTo(closed, 14);
  });

  it('SciPy 1.17 stats.beta.cdf(PD, D + .5, N − D + .5): (3, 100, 1 %) 0.03932450473955552; (12, 500, 1.5 %) 0.05720814427694496; (0, 250, 0.2 %) 0.6831736754761567', () => {
    expect(jeffreysDefaultTest(3, 100, 0.01).p).toBeCloseTo(0.03932450473955552, 14);
    expect(jeffreysDefaultTest(12, 500, 0.015).p).toBeCloseTo(0.05720814427694496, 14);
    expect(jeffreysDefaultTest(0, 250, 0.002).p).toBeCloseTo(0.6831736754761567, 14);
  });

  it('Jeffreys interval (Brown, Cai & DasGupta 2001), SciPy beta.ppf([.025, .975], 3.5, 97.5) = 0.00852028…, 0.07788757…; 0 and 1 at the edges', () => {
    const { interval } = jeffreysDefaultTest(3, 100, 0.01);
    expect(interval[0]).toBeCloseTo(0.008520283107403562, 12);
    expect(interval[1]).toBeCloseTo(0.07788756942640257, 12);
    expect(jeffreysDefaultTest(0, 50, 0.01).interval[0]).toBe(0);
    expect(jeffreysDefaultTest(50, 50, 0.01).interval[1]).toBe(1);
  });

  it('refuses impossible counts and PDs with a clear message', () => {
    expect(() => jeffreysDefaultTest(5, 3, 0.1)).toThrow(/between 0 and 3/);
    expect(() => jeffreysDefaultTest(0, 0, 0.1)).toThrow(/at least one obligor/);
    expect(() => jeffreysDefaultTest(1, 10, 1.5)).toThrow(/PD must be between 0 and 1/);
  });
});

describe('binomialDefaultTest (one-sided, P(X ≥ D | N, PD))', () => {
  it('R binom.test(3, 100, 0.01, alternative = "greater") = SciPy binom.sf(2, 100, .01) = 0.07937320225218046', () => {
    expect(binomialDefaultTest(3, 100, 0.01).p).toBeCloseTo(0.07937320225218046, 14);
  });

  it('SciPy binom.sf(11, 500, 0.015) = 0.07769472584432445; zero defaults → p = 1', () => {
    expect(binomialDefaultTest(12, 500, 0.015).p).toBeCloseTo(0.07769472584432445, 14);
    expect(binomialDefaultTest(0, 250, 0.002).p).toBe(1);
  });
});
