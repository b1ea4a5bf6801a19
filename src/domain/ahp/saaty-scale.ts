import { DomainError } from '../domain-error.js';

/**
 * The 17 values of Saaty's fundamental 1–9 scale as stored judgments (DESIGN §4):
 * 1/9, 1/8, …, 1/2, 1, 2, …, 9. Source: Saaty (1980) Table 1.1; Saaty (2008) Int. J. Services Sciences 1(1) Table 1.
 */
export const SAATY_SCALE: readonly number[] = Object.freeze([
  1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9,
]);

const LOG_SCALE = SAATY_SCALE.map(Math.log);

/**
 * The Saaty-scale value nearest to a positive ratio in log terms: argmin over s ∈ SAATY_SCALE of |ln s − ln r|.
 * Ratios beyond the scale snap to 9 or 1/9. Used to suggest the judgment that would make a pair consistent
 * (w_i/w_j snapped to the scale, DESIGN §4; AHP-OS highlights the same "consistent judgment").
 */
export function nearestSaatyValue(ratio: number): number {
  if (!(ratio > 0) || !Number.isFinite(ratio)) {
    throw new DomainError('not-positive', `A ratio to snap to the 1–9 scale must be a positive finite number, got ${ratio}.`, { value: ratio });
  }
  const x = Math.log(ratio);
  let best = 0, bestDistance = Infinity;
  for (let k = 0; k < LOG_SCALE.length; k++) {
    const d = Math.abs(LOG_SCALE[k] - x);
    if (d < bestDistance) { bestDistance = d; best = k; }
  }
  return SAATY_SCALE[best];
}

/**
 * Returns the exact scale value if `value` is one of the 17 scale values within a relative 1e-6 (so a stored
 * 0.333333 becomes exactly 1/3), otherwise `null`.
 */
export function exactSaatyValue(value: number): number | null {
  if (!(value > 0) || !Number.isFinite(value)) return null;
  for (const s of SAATY_SCALE) if (Math.abs(value / s - 1) <= 1e-6) return s;
  return null;
}
