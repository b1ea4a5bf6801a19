import { numericLevels } from './numeric-levels.js';

/**
 * Ranks 1 … n with ties given the mean of the ranks they span ("midranks", fractional ranking), as R's
 * rank(ties.method = "average"): a level holding entries at positions a+1 … b gets (a + 1 + b)/2.
 * O(n) via `numericLevels`. Example: (10, 20, 20, 30) → (1, 2.5, 2.5, 4).
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  const { counts, levelOf } = numericLevels(values);
  const rankOfLevel = new Float64Array(counts.length);
  let below = 0;
  for (let l = 0; l < counts.length; l++) { rankOfLevel[l] = below + (counts[l] + 1) / 2; below += counts[l]; }
  const ranks = new Float64Array(levelOf.length);
  for (let i = 0; i < levelOf.length; i++) ranks[i] = rankOfLevel[levelOf[i]];
  return ranks;
}
