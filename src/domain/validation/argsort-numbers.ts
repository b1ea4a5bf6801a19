/**
 * Stable ascending argsort of finite numbers: returns the permutation `order` with
 * values[order[0]] ≤ values[order[1]] ≤ …, equal values keeping their input order (or the order of `initial`).
 *
 * Method: least-significant-digit radix sort on the IEEE-754 bit pattern (Knuth, TAOCP vol. 3 §5.2.5), 4 passes
 * of 16 bits. A double's bits become an order-preserving unsigned key by flipping the sign bit of non-negative
 * numbers and all bits of negative ones (Herf 2001, "Radix tricks"); −0 is treated as +0. O(n) time, so sorting
 * 1,000,000 scores takes a few tens of milliseconds, far less than a comparison sort of indices.
 * Passing `initial` (a permutation) sorts stably *within* that order, which gives lexicographic sorts:
 * argsortNumbers(x, argsortNumbers(y)) orders by x, then y. NaN must be rejected by the caller.
 */
export function argsortNumbers(values: ArrayLike<number>, initial?: Uint32Array): Uint32Array {
  const n = values.length;
  if (n < 1024) return smallArgsort(values, initial);

  const doubles = new Float64Array(n);
  for (let i = 0; i < n; i++) { const v = values[i]; doubles[i] = v === 0 ? 0 : v; }
  const words = new Uint32Array(doubles.buffer);
  const lowFirst = LITTLE_ENDIAN ? 0 : 1;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = words[2 * i + 1 - lowFirst];
    let l = words[2 * i + lowFirst];
    if (h & 0x80000000) { h = ~h >>> 0; l = ~l >>> 0; } else { h = (h | 0x80000000) >>> 0; }
    hi[i] = h; lo[i] = l;
  }

  // All four 16-bit histograms in one pass.
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    const l = lo[i], h = hi[i];
    counts[l & 0xffff]++;
    counts[65536 + (l >>> 16)]++;
    counts[131072 + (h & 0xffff)]++;
    counts[196608 + (h >>> 16)]++;
  }

  let source: Uint32Array;
  if (initial) {
    source = initial.slice();
  } else {
    source = new Uint32Array(n);
    for (let i = 0; i < n; i++) source[i] = i;
  }
  let target: Uint32Array = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    // A digit shared by every key leaves the order unchanged: skip the pass.
    let skip = false;
    for (let b = 0; b < 65536; b++) {
      const c = counts[base + b];
      if (c === n) { skip = true; break; }
      if (c !== 0) break;
    }
    if (skip) continue;
    let sum = 0;
    for (let b = 0; b < 65536; b++) { const c = counts[base + b]; counts[base + b] = sum; sum += c; }
    const key = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let i = 0; i < n; i++) {
      const idx = source[i];
      const digit = (key[idx] >>> shift) & 0xffff;
      target[counts[base + digit]++] = idx;
    }
    const swap = source; source = target; target = swap;
  }
  return source;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function smallArgsort(values: ArrayLike<number>, initial?: Uint32Array): Uint32Array {
  const n = values.length;
  const order: number[] = new Array(n);
  const position = new Uint32Array(n);
  for (let i = 0; i < n; i++) { const idx = initial ? initial[i] : i; order[i] = idx; position[idx] = i; }
  order.sort((a, b) => {
    const va = values[a] === 0 ? 0 : values[a];
    const vb = values[b] === 0 ? 0 : values[b];
    return va < vb ? -1 : va > vb ? 1 : position[a] - position[b];
  });
  return Uint32Array.from(order);
}
