import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../../src/domain/policy/wilson-interval.js';

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857, Table I, method 3 (Wilson score without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d of %d → [%f, %f] (Newcombe 1998 Table I)', (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n);
    expect(ci?.lower).toBeCloseTo(lower, 4);
    expect(ci?.upper).toBeCloseTo(upper, 4);
  });

  it('small counts: 1 of 2 and n = 1 (closed form re-derived in Python from the formula in the doc comment)', () => {
    // 1/2: centre 0.5, half = z/(1 + z²/2)·√(1/8 + z²/16) → [0.094531, 0.905469].
    expect(wilsonInterval(1, 2)?.lower).toBeCloseTo(0.0945312057, 9);
    expect(wilsonInterval(1, 2)?.upper).toBeCloseTo(0.9054687943, 9);
    // x = n = 1: upper is exactly 1, lower = 1/(1 + z²) = 0.2065.
    const one = wilsonInterval(1, 1);
    expect(one?.upper).toBe(1);
    expect(one?.lower).toBeCloseTo(1 / (1 + 1.959963984540054 ** 2), 12);
  });

  it('n = 0 gives null; a higher confidence widens the interval', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    const a = wilsonInterval(3, 20) as { lower: number; upper: number };
    const b = wilsonInterval(3, 20, 0.99) as { lower: number; upper: number };
    expect(b.lower).toBeLessThan(a.lower);
    expect(b.upper).toBeGreaterThan(a.upper);
  });

  it('rejects impossible counts and confidences', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(expect.objectContaining({ code: 'invalid-counts' }));
    expect(() => wilsonInterval(1.5, 2)).toThrow(expect.objectContaining({ code: 'invalid-counts' }));
    expect(() => wilsonInterval(1, 2, 1)).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
