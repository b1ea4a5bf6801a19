import { argsortNumbers } from './argsort-numbers.js';

/**
 * Ranks 1 … n with ties given the mean of the ranks they span ("midranks", fractional ranking), as R's
 * rank(ties.method = "average"). O(n) after a radix argsort. Example: (10, 20, 20, 30) → (1, 2.5, 2.5, 4).
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = argsortNumbers(values);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const v = values[order[start]];
    while (end < n && values[order[end]] === v) end++;
    const r = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = r;
    start = end;
  }
  return ranks;
}
