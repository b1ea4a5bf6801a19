import type { SeededRandom } from '../random/seeded-random.js';

/** AHP-OS's judgment variation for one decision maker (ahp-hiercalc: 0.5/√k for k participants). */
export const AHP_OS_VARIATION = 0.5;

/**
 * One random variation of a judgment as AHP-OS does it (AhpGroup::generateRandPwc, Goepel 2018 IJAHP 10(3)):
 * the intensity x = max(a, 1/a) on the 1–9 scale moves by −d, 0 or +d with equal probability
 * (x' = x + 2d·U{−1,0,1}/2); above 9.5 it is capped at 9.5; below 1 it is reflected, x' = 2 − x', and the
 * preference flips to the other element. The result keeps the direction of `a` unless flipped.
 * (An intensity already above 9.5 — possible only in a typed-in matrix — is capped at its own value instead.)
 */
export function perturbJudgment(a: number, variation: number, rng: SeededRandom): number {
  const forward = a >= 1;
  const x0 = forward ? a : 1 / a;
  let x = x0 + variation * (rng.nextInt(3) - 1);
  const cap = x0 > 9.5 ? x0 : 9.5;
  if (x > cap) x = cap;
  if (x < 1) return forward ? 1 / (2 - x) : 2 - x;
  return forward ? x : 1 / x;
}
