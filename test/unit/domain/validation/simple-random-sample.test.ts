import { describe, expect, it } from 'vitest';
import { simpleRandomSample } from '../../../../src/domain/validation/simple-random-sample.js';

describe('simpleRandomSample', () => {
  it('draws n distinct units in ascending order with weight N/n (Cochran 1977 ch. 2)', () => {
    const s = simpleRandomSample(1000, { sampleSize: 40 }, 123);
    expect(s.indices.length).toBe(40);
    expect(new Set(s.indices).size).toBe(40);
    expect([...s.indices].sort((a, b) => a - b)).toEqual(s.indices);
    expect(s.weights.every((w) => w === 25)).toBe(true);
    expect(s.design).toEqual({ method: 'simple-random', sampleSize: 40 });
    expect(s.seed).toBe(123);
  });

  it('reproducible: same N + design + seed → the same units; another seed → other units', () => {
    expect(simpleRandomSample(1000, { sampleSize: 40 }, 123)).toEqual(simpleRandomSample(1000, { sampleSize: 40 }, 123));
    expect(simpleRandomSample(1000, { sampleSize: 40 }, 124).indices).not.toEqual(simpleRandomSample(1000, { sampleSize: 40 }, 123).indices);
  });

  it('every unit has inclusion probability n/N: 3 of 10 over 2,000 seeds, each unit drawn 600 ± 5 SD (SD = √(2000·0.3·0.7) ≈ 20.5)', () => {
    const counts = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const i of simpleRandomSample(10, { sampleSize: 3 }, seed).indices) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 600)).toBeLessThan(5 * 20.5);
  });

  it('census when n = N; invalid sizes and seeds give clear messages', () => {
    expect(simpleRandomSample(5, { sampleSize: 5 }, 1).indices).toEqual([0, 1, 2, 3, 4]);
    expect(() => simpleRandomSample(5, { sampleSize: 6 }, 1)).toThrow(/between 1 and the population size 5/);
    expect(() => simpleRandomSample(0, { sampleSize: 1 }, 1)).toThrow(/whole number ≥ 1/);
    expect(() => simpleRandomSample(5, { sampleSize: 2 }, 1.5)).toThrow(/seed must be a whole number/);
  });
});
