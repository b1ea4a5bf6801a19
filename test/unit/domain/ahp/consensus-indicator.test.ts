import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consensusBand, consensusIndicator } from '../../../../src/domain/ahp/consensus-indicator.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

describe('consensusIndicator (Goepel 2013; AHP-OS AhpGroup::getConsensus)', () => {
  it('two experts (.5,.5) and (.8,.2), M = 9: S* = 0.83954 (hand computation of eqs. 1.1–1.10 in Python 3)', () => {
    // Hα = (ln 2 + 0.500402)/2 = 0.596775, Hγ = H(.65, .35) = 0.647447, Hβ = 0.050672,
    // Hα,min = −.9 ln .9 − .1 ln .1 = 0.325083, 1/cor = exp(Hα,min − ln 2) = 0.692030.
    const r = consensusIndicator([[0.5, 0.5], [0.8, 0.2]]);
    expect(r.hAlpha).toBeCloseTo(0.5967748, 6);
    expect(r.hGamma).toBeCloseTo(0.6474466, 6);
    expect(r.hBeta).toBeCloseTo(0.0506718, 6);
    expect(r.sStar).toBeCloseTo(0.8395419, 6);
    expect(r.band).toBe('high');
  });

  it('three experts over three criteria: S* = 0.83636 for M = 9 and 0.89645 for the power scale M = 81 (same Python re-derivation)', () => {
    const p = [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.6, 0.3, 0.1]];
    expect(consensusIndicator(p).sStar).toBeCloseTo(0.8363604, 6);
    expect(consensusIndicator(p, { scaleMax: 81 }).sStar).toBeCloseTo(0.8964460, 6);
  });

  it('identical priorities give S* = 1 (Hβ = 0)', () => {
    const r = consensusIndicator([[0.6, 0.3, 0.1], [0.6, 0.3, 0.1], [0.6, 0.3, 0.1]]);
    expect(r.sStar).toBeCloseTo(1, 12);
    expect(r.band).toBe('very high');
  });

  it('maximal diversity gives S* = 0: n experts each rating a different criterion M times the others (Goepel eqs. 1.6, 1.8)', () => {
    for (const [n, M] of [[3, 9], [5, 9], [4, 81]]) {
      const d = n + M - 1;
      const p = Array.from({ length: n }, (_, k) => Array.from({ length: n }, (_, i) => (i === k ? M / d : 1 / d)));
      expect(consensusIndicator(p, { scaleMax: M }).sStar).toBeCloseTo(0, 12);
    }
  });

  it('verbal bands at the AHP-OS boundaries .5 / .625 / .75 / .875', () => {
    expect([0.49, 0.5, 0.624, 0.625, 0.749, 0.75, 0.874, 0.875, 1].map(consensusBand)).toEqual(
      ['very low', 'low', 'low', 'moderate', 'moderate', 'high', 'high', 'very high', 'very high']);
  });

  it('expert weights: weight 2 on an expert equals listing that expert twice (weighted α and γ entropies)', () => {
    const vector = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(vector, vector, vector, (a, b, c) => {
      const weighted = consensusIndicator([a, b, c], { expertWeights: [2, 1, 1] }).sStar;
      const repeated = consensusIndicator([a, a, b, c]).sStar;
      expect(weighted).toBeCloseTo(repeated, 12);
    }), { numRuns: 100 });
  });

  it('property: S* ≤ 1, order of experts irrelevant', () => {
    const vector = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 });
    fc.assert(fc.property(fc.array(vector, { minLength: 2, maxLength: 6 }), (ps) => {
      const s = consensusIndicator(ps).sStar;
      expect(s).toBeLessThanOrEqual(1 + 1e-12);
      expect(consensusIndicator([...ps].reverse()).sStar).toBeCloseTo(s, 12);
    }), { numRuns: 100 });
  });

  it('needs at least two experts, equal lengths and M > 1', () => {
    expect(() => consensusIndicator([[1]])).toThrow(DomainError);
    expect(() => consensusIndicator([[0.5, 0.5], [1]])).toThrow(DomainError);
    expect(() => consensusIndicator([[0.5, 0.5], [0.5, 0.5]], { scaleMax: 1 })).toThrow(DomainError);
    expect(consensusIndicator([[1], [1]]).sStar).toBe(1);
  });
});
