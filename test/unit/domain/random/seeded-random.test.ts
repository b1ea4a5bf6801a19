import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../src/domain/random/seeded-random.js';

describe('seededRandom', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    const a = seededRandom(42), b = seededRandom(42), c = seededRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0,1) with mean near 1/2 and normals with mean 0, sd 1', () => {
    const rng = seededRandom(7);
    let sum = 0, sumN = 0, sumN2 = 0, min = 1, max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u); max = Math.max(max, u);
      sum += u;
      const z = rng.nextNormal();
      sumN += z; sumN2 += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(sumN2 / n)).toBeCloseTo(1, 1);
  });

  it('nextInt covers every value of a small range evenly', () => {
    const rng = seededRandom(1);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.nextInt(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => rng.nextInt(0)).toThrow(RangeError);
  });
});
