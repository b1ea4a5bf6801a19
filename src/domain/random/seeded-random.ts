/**
 * A small, fast, seeded pseudo-random generator for reproducible results (Monte Carlo, sampling).
 *
 * Algorithm: xoshiro128** (Blackman & Vigna 2018) on 32-bit words, state expanded from the seed with
 * splitmix32 so that nearby seeds give unrelated streams. Period 2^128 − 1. Domain code never calls
 * Math.random: every random result takes a seed, and the seed is stored with the result.
 */
export interface SeededRandom {
  /** Uniform double in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n) without modulo bias. */
  nextInt(n: number): number;
  /** Standard normal draw (Box–Muller, polar form). */
  nextNormal(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed (any safe integer; the low 32 bits and high bits are both mixed in). */
export function seededRandom(seed: number): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  const mix = splitmix32((seed >>> 0) ^ Math.imul(high, 0x27d4eb2d));
  let s0 = mix(), s1 = mix(), s2 = mix(), s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spareNormal: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0; s1 >>>= 0; s2 >>>= 0; s3 >>>= 0;
    return result;
  };

  const next = (): number => nextUint32() / 0x1_0000_0000;

  return {
    next,
    nextInt(n: number): number {
      if (!Number.isInteger(n) || n <= 0 || n > 0x1_0000_0000) throw new RangeError(`nextInt needs 1 ≤ n ≤ 2^32, got ${n}`);
      // Rejection sampling removes the bias of a plain modulo.
      const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
    nextNormal(): number {
      if (spareNormal !== null) { const z = spareNormal; spareNormal = null; return z; }
      let u = 0, v = 0, s = 0;
      do { u = 2 * next() - 1; v = 2 * next() - 1; s = u * u + v * v; } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * factor;
      return u * factor;
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
