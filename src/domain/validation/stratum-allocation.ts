import { DomainError } from '../domain-error.js';

export interface StratumAllocation {
  /** Integer sample size per stratum, Σ = sample size, min(minimum, N_h) ≤ n_h ≤ N_h. */
  readonly sizes: number[];
  /** Continuous (bounded) allocation before rounding. */
  readonly targets: number[];
  /** True when Neyman allocation fell back to proportional because every stratum has zero dispersion. */
  readonly fellBackToProportional: boolean;
}

/**
 * Allocates a sample of n over strata of sizes N_h (Cochran 1977, Sampling Techniques 3rd ed., §5.5):
 *   proportional  n_h = n·N_h / Σ N_k            Neyman (§5.5, eq. 5.26)  n_h = n·N_h·S_h / Σ N_k·S_k
 * (pass `dispersions` S_h for Neyman), subject to min(minimum, N_h) ≤ n_h ≤ N_h: strata above their size are
 * capped at N_h and the rest re-allocated, then strata below the minimum are raised to it and the rest
 * re-allocated (each step repeats until no bound is violated). Integers by the largest-remainder (Hamilton)
 * method, ties to the earlier stratum, so Σ n_h = n exactly. If every S_h is 0, proportional is used.
 */
export function allocateSample(input: { sizes: readonly number[]; sampleSize: number; minimum?: number; dispersions?: readonly number[] }): StratumAllocation {
  const { sizes, sampleSize: n, dispersions } = input;
  const minimum = input.minimum ?? 0;
  const H = sizes.length;
  if (H === 0) throw new DomainError('no-strata', 'There are no strata to allocate the sample to.', {});
  const total = sizes.reduce((s, x) => s + x, 0);
  if (!Number.isSafeInteger(n) || n < 1 || n > total) {
    throw new DomainError('invalid-sample-size', `The sample size must be a whole number between 1 and the population size ${total}, got ${n}.`, { sampleSize: n, populationSize: total });
  }
  if (!Number.isSafeInteger(minimum) || minimum < 0) throw new DomainError('invalid-minimum', `The minimum per stratum must be a whole number ≥ 0, got ${minimum}.`, { minimum });
  if (dispersions && dispersions.length !== H) throw new DomainError('length-mismatch', 'One dispersion per stratum is needed.', { strata: H, dispersions: dispersions.length });
  const lower = sizes.map((N) => Math.min(minimum, N));
  const lowerSum = lower.reduce((s, x) => s + x, 0);
  if (lowerSum > n) {
    throw new DomainError('sample-too-small-for-minimum',
      `A sample of ${n} cannot give each of the ${H} strata its minimum of ${minimum} unit(s) (${lowerSum} needed): raise the sample size, lower the minimum, or stratify more coarsely.`,
      { sampleSize: n, strata: H, minimum, needed: lowerSum });
  }
  let measure = sizes.map((N, h) => (dispersions ? N * dispersions[h] : N));
  let fellBackToProportional = false;
  if (dispersions && !measure.some((a) => a > 0)) { measure = [...sizes]; fellBackToProportional = true; }

  const fixed: (number | null)[] = new Array(H).fill(null);
  const targets = new Array<number>(H).fill(0);
  const solve = () => {
    const free = fixed.map((f, h) => (f === null ? h : -1)).filter((h) => h >= 0);
    const remaining = n - fixed.reduce<number>((s, f) => s + (f ?? 0), 0);
    let A = free.reduce((s, h) => s + measure[h], 0);
    const useSizes = !(A > 0);
    if (useSizes) A = free.reduce((s, h) => s + sizes[h], 0);
    for (let h = 0; h < H; h++) {
      const f = fixed[h];
      targets[h] = f !== null ? f : A > 0 ? (remaining * (useSizes ? sizes[h] : measure[h])) / A : 0;
    }
    return free;
  };
  // Phase 1: caps (raising the others never breaks a floor). Phase 2: floors (lowering the others never breaks a cap).
  for (;;) {
    const over = solve().filter((h) => targets[h] > sizes[h]);
    if (over.length === 0) break;
    for (const h of over) fixed[h] = sizes[h];
  }
  for (;;) {
    const under = solve().filter((h) => targets[h] < lower[h]);
    if (under.length === 0) break;
    for (const h of under) fixed[h] = lower[h];
  }
  const result = targets.map((x, h) => Math.min(sizes[h], Math.max(lower[h], Math.floor(x + 1e-9))));
  let left = n - result.reduce((s, x) => s + x, 0);
  const byRemainder = targets.map((x, h) => ({ h, r: x - Math.floor(x + 1e-9) })).sort((a, b) => b.r - a.r || a.h - b.h);
  while (left > 0) {
    let progressed = false;
    for (const { h } of byRemainder) {
      if (left === 0) break;
      if (result[h] < sizes[h]) { result[h]++; left--; progressed = true; }
    }
    if (!progressed) break;
  }
  while (left < 0) {
    // Only reachable through rounding noise: take back from the largest strata above their floor.
    const h = result.map((x, k) => ({ k, x })).filter(({ k, x }) => x > lower[k]).sort((a, b) => b.x - a.x || a.k - b.k)[0].k;
    result[h]--; left++;
  }
  return { sizes: result, targets: [...targets], fellBackToProportional };
}
