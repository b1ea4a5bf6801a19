import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sensitivity } from '../../../../src/domain/ahp/sensitivity.js';
import { DomainError } from '../../../../src/domain/domain-error.js';

/** Overall scores after moving criterion k to x with the others rescaled proportionally. */
function scoresAt(w: number[], s: number[][], k: number, x: number): number[] {
  const v = w.map((wc, c) => (c === k ? x : (wc * (1 - x)) / (1 - w[k])));
  return s[0].map((_, a) => v.reduce((t, vc, c) => t + vc * s[c][a], 0));
}
const argmax = (v: number[]) => v.reduce((b, x, i) => (x > v[b] ? i : b), 0);

describe('sensitivity (one-at-a-time, proportional rescaling)', () => {
  it('plain weights (.5, .3, .2): the top two tie when w1 falls to .3/(1 − .5 + .3) = .375 or w2 rises to .5/1.2 (hand computation)', () => {
    const r = sensitivity([0.5, 0.3, 0.2]);
    expect(r[0].weightAtReversal).toBeCloseTo(0.375, 14);
    expect(r[0].delta).toBeCloseTo(-0.125, 14);
    expect(r[1].weightAtReversal).toBeCloseTo(0.5 / 1.2, 14);
    expect(r[2].delta).toBeNull();
    expect(r.every((e) => e.top === 0)).toBe(true);
  });

  it('with scores: at the reported weight the leader and the challenger tie, and a brute-force scan finds no earlier reversal', () => {
    const w = [0.5, 0.3, 0.2];
    const s = [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7]];
    const r = sensitivity(w, s);
    const base = argmax(scoresAt(w, s, 0, w[0]));
    for (const e of r) {
      expect(e.top).toBe(base);
      if (e.delta === null) continue;
      const at = scoresAt(w, s, e.criterion, e.weightAtReversal!);
      expect(at[e.top]).toBeCloseTo(at[e.overtakenBy!], 12);
      // scan from w_k towards the reversal point in 1000 steps: the leader holds until the end
      for (let t = 0; t < 1000; t++) {
        const x = w[e.criterion] + (e.delta * t) / 1000;
        expect(argmax(scoresAt(w, s, e.criterion, x))).toBe(base);
      }
    }
  });

  it('property: no smaller change in either direction reverses the leader (brute force on a grid)', () => {
    const row = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(fc.property(fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), row, row, row, (raw, s0, s1, s2) => {
      const total = raw.reduce((a, b) => a + b, 0);
      const w = raw.map((x) => x / total), s = [s0, s1, s2];
      const base = argmax(scoresAt(w, s, 0, w[0]));
      for (const e of sensitivity(w, s)) {
        const limit = e.delta === null ? Infinity : Math.abs(e.delta);
        for (let x = 0; x <= 1; x += 0.01) {
          if (Math.abs(x - w[e.criterion]) < limit - 1e-9) {
            const v = scoresAt(w, s, e.criterion, x);
            expect(v[base]).toBeGreaterThanOrEqual(Math.max(...v) - 1e-9);
          }
        }
      }
    }), { numRuns: 100 });
  });

  it('rejects weights that do not sum to 1 or scores of the wrong shape', () => {
    expect(() => sensitivity([0.5, 0.4])).toThrow(DomainError);
    expect(() => sensitivity([0.5, 0.5], [[1, 2]])).toThrow(DomainError);
    expect(() => sensitivity([])).toThrow(DomainError);
  });
});
