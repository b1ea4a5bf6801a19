import { DomainError } from '../domain-error.js';

/**
 * Reverse-codes an answer on its own scale: x' = min + max − x (a 5-point item: 1↔5, 2↔4, 3 stays 3).
 * Throws when x lies outside [min, max]. Example: reverseCode(2, 1, 5) = 4.
 */
export function reverseCode(x: number, min: number, max: number): number {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min >= max) {
    throw new DomainError('invalid-scale', `A scale needs finite min < max, got min = ${min}, max = ${max}.`, { min, max });
  }
  if (!Number.isFinite(x) || x < min || x > max) {
    throw new DomainError('out-of-scale', `The answer ${x} lies outside the scale ${min}–${max}.`, { x, min, max });
  }
  return min + max - x;
}
