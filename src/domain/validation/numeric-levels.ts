import { sortNumbers } from './sort-numbers.js';

/** The distinct values of a numeric vector in ascending order, how often each occurs, and each entry's level. */
export interface NumericLevels {
  /** Distinct values, ascending (−0 read as +0). */
  readonly values: Float64Array;
  /** Number of entries at each level. */
  readonly counts: Uint32Array;
  /** Level index (into `values`) of every entry, in input order. */
  readonly levelOf: Uint32Array;
}

/** Above this many distinct values hashing stops paying off and the vector is radix-sorted instead. */
const HASH_LIMIT = 1 << 16;
const TABLE_BITS = 17;

/**
 * Groups a vector of finite numbers into its distinct values ("levels"): the building block of every rank
 * statistic here (AUC, KS, ROC/CAP, midranks, quantiles, Kendall's τ). Two strategies, same result:
 * - few distinct values (≤ 65,536, as with scores rounded to 0.01, grades, or integer points): an open-addressing
 *   hash table on the IEEE-754 bits (Knuth TAOCP vol. 3 §6.4, multiplicative hashing) then a sort of the distinct
 *   values only — O(n), a few milliseconds per million entries;
 * - otherwise (e.g. continuous PDs): a stable LSD radix sort of the whole vector (`sortNumbers`), O(n).
 * NaN must be rejected by the caller.
 */
export function numericLevels(values: ArrayLike<number>): NumericLevels {
  const n = values.length;
  const doubles = new Float64Array(n);
  for (let i = 0; i < n; i++) { const v = values[i]; doubles[i] = v === 0 ? 0 : v; }
  return hashLevels(doubles) ?? sortLevels(doubles);
}

function hashLevels(doubles: Float64Array): NumericLevels | null {
  const n = doubles.length;
  const words = new Uint32Array(doubles.buffer, doubles.byteOffset, 2 * n);
  const size = 1 << TABLE_BITS, mask = size - 1;
  const slotCode = new Int32Array(size).fill(-1);
  const distinct = new Float64Array(HASH_LIMIT);
  const code = new Uint32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = doubles[i];
    let slot = (Math.imul(words[2 * i] ^ Math.imul(words[2 * i + 1], 0x9e3779b1), 0x85ebca6b) >>> (32 - TABLE_BITS)) & mask;
    for (;;) {
      const c = slotCode[slot];
      if (c < 0) {
        if (count === HASH_LIMIT) return null;
        slotCode[slot] = count; distinct[count] = v; code[i] = count; count++;
        break;
      }
      if (distinct[c] === v) { code[i] = c; break; }
      slot = (slot + 1) & mask;
    }
  }
  const sortedDistinct = distinct.slice(0, count).sort();
  // Level of each code: position of its value among the sorted distinct values.
  const levelOfCode = new Uint32Array(count);
  for (let c = 0; c < count; c++) levelOfCode[c] = lowerBound(sortedDistinct, distinct[c]);
  const counts = new Uint32Array(count);
  for (let i = 0; i < n; i++) { const l = levelOfCode[code[i]]; code[i] = l; counts[l]++; }
  return { values: sortedDistinct, counts, levelOf: code };
}

function sortLevels(doubles: Float64Array): NumericLevels {
  const n = doubles.length;
  const { order, sorted } = sortNumbers(doubles);
  const levelOf = new Uint32Array(n);
  const values = new Float64Array(n);
  const counts = new Uint32Array(n);
  let level = -1;
  for (let k = 0; k < n; k++) {
    const v = sorted[k];
    if (level < 0 || v !== values[level]) { level++; values[level] = v; }
    counts[level]++;
    levelOf[order[k]] = level;
  }
  return { values: values.subarray(0, level + 1), counts: counts.subarray(0, level + 1), levelOf };
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (sorted[mid] < x) lo = mid + 1; else hi = mid; }
  return lo;
}
