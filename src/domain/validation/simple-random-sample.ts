import { DomainError } from '../domain-error.js';
import { seededRandom } from '../random/seeded-random.js';
import { SAMPLING_ALGORITHM, type DrawnSample } from './sampling-design.js';
import { selectWithoutReplacement } from './select-without-replacement.js';

/**
 * Simple random sample without replacement of `sampleSize` of `populationSize` units (Cochran 1977 ch. 2), drawn
 * by a seeded partial Fisher–Yates shuffle; every unit has inclusion probability n/N and design weight N/n.
 * Same population size + design + seed → the same units (returned ascending).
 */
export function simpleRandomSample(populationSize: number, design: { sampleSize: number }, seed: number): DrawnSample {
  if (!Number.isSafeInteger(populationSize) || populationSize < 1) {
    throw new DomainError('invalid-population', `The population must have a whole number ≥ 1 of units, got ${populationSize}.`, { populationSize });
  }
  const n = design.sampleSize;
  if (!Number.isSafeInteger(n) || n < 1 || n > populationSize) {
    throw new DomainError('invalid-sample-size', `The sample size must be a whole number between 1 and the population size ${populationSize}, got ${n}.`,
      { sampleSize: n, populationSize });
  }
  if (!Number.isSafeInteger(seed)) throw new DomainError('invalid-seed', `The seed must be a whole number, got ${seed}.`, { seed });
  const pool = new Uint32Array(populationSize);
  for (let i = 0; i < populationSize; i++) pool[i] = i;
  const chosen = selectWithoutReplacement(pool, n, seededRandom(seed)).slice().sort();
  const weight = populationSize / n;
  return {
    algorithm: SAMPLING_ALGORITHM, seed, design: { method: 'simple-random', sampleSize: n }, populationSize,
    indices: Array.from(chosen), weights: new Array<number>(n).fill(weight),
    strata: [{ key: 'all', values: {}, populationSize, sampleSize: n, target: n, weight, census: n === populationSize }],
    collapsed: [], warnings: [],
  };
}
