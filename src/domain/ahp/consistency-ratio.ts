import { DomainError } from '../domain-error.js';
import { randomIndex, type RiTableName } from './random-index.js';

/** Consistency of one matrix; CR is always reported with the RI table it used. */
export interface ConsistencyResult {
  readonly ci: number;
  readonly ri: number;
  readonly cr: number;
  readonly riTable: RiTableName;
}

/**
 * Saaty's consistency index and ratio: CI = (λmax − n)/(n − 1), CR = CI / RI(n) with RI from the named table
 * (randomIndex). CR = 0 for n ≤ 2. λmax ≥ n holds for every positive reciprocal matrix (Saaty 1977 Thm. 2), so a
 * λmax below n by rounding (|λmax − n| < 1e-9·n) is taken as n, giving CI = 0 rather than −1e-16.
 * Source: Saaty (1980) §1.4; threshold 0.10 (DESIGN §4).
 */
export function consistencyRatio(lambdaMax: number, n: number, riTable: RiTableName = 'saaty'): ConsistencyResult {
  const ri = randomIndex(n, riTable);
  if (!Number.isFinite(lambdaMax)) throw new DomainError('not-finite', `λmax must be finite, got ${lambdaMax}.`, { lambdaMax });
  if (n <= 2) return { ci: 0, ri, cr: 0, riTable };
  if (lambdaMax < n - 1e-9 * n) {
    throw new DomainError('lambda-below-n', `λmax = ${lambdaMax} is below n = ${n}, impossible for a reciprocal matrix.`, { lambdaMax, n });
  }
  const ci = Math.max(0, (lambdaMax - n) / (n - 1));
  return { ci, ri, cr: ci / ri, riTable };
}

/** CR from λmax with a known RI (hot loops): max(0, (λmax − n)/(n − 1)) / RI, and 0 for n ≤ 2. */
export function consistencyRatioOf(lambdaMax: number, n: number, ri: number): number {
  if (n <= 2) return 0;
  const ci = (lambdaMax - n) / (n - 1);
  return ci > 0 ? ci / ri : 0;
}
