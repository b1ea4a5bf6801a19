import { DomainError } from '../domain-error.js';

/** Checks a grade's counts for a calibration test: whole numbers 0 ≤ D ≤ N, N ≥ 1, and 0 ≤ PD ≤ 1. */
export function validateDefaultCounts(defaults: number, obligors: number, pd: number): void {
  if (!Number.isSafeInteger(obligors) || obligors < 1) {
    throw new DomainError('invalid-count', `A calibration test needs at least one obligor (a whole number), got ${obligors}.`, { obligors });
  }
  if (!Number.isSafeInteger(defaults) || defaults < 0 || defaults > obligors) {
    throw new DomainError('invalid-count', `The number of defaults must be a whole number between 0 and ${obligors}, got ${defaults}.`, { defaults, obligors });
  }
  if (!(pd >= 0 && pd <= 1)) {
    throw new DomainError('invalid-pd', `A PD must be between 0 and 1, got ${pd}.`, { pd });
  }
}
