import type { SeededRandom } from '../random/seeded-random.js';

/**
 * Draws `count` distinct entries of `pool` uniformly without replacement by a partial Fisher–Yates shuffle
 * (Durstenfeld 1964, Algorithm 235; Knuth TAOCP vol. 2 §3.4.2 Algorithm P): for i = 0 … count − 1 swap pool[i]
 * with pool[i + U{0 … len − i − 1}]. Rearranges `pool` in place and returns its first `count` entries; every
 * subset of that size is equally likely. Uses exactly `count` draws of rng.nextInt unless count = len (census:
 * no draws), so a given seed always gives the same sample.
 */
export function selectWithoutReplacement(pool: Uint32Array, count: number, rng: SeededRandom): Uint32Array {
  const len = pool.length;
  if (count >= len) return pool;
  for (let i = 0; i < count; i++) {
    const j = i + rng.nextInt(len - i);
    const t = pool[i]; pool[i] = pool[j]; pool[j] = t;
  }
  return pool.subarray(0, count);
}
