import { DomainError, describeValue } from '../domain-error.js';

/** Share given to an empty bin so that ln(a/e) stays finite (a common practitioners' floor, e.g. 0.0001 = 0.01 %). */
export const PSI_SHARE_FLOOR = 0.0001;

export interface PsiBin {
  readonly expectedShare: number;
  readonly actualShare: number;
  /** (a − e)·ln(a/e) of this bin, after flooring. */
  readonly contribution: number;
}

export interface PsiResult {
  readonly psi: number;
  readonly bins: PsiBin[];
  /** < 0.10 stable, 0.10–0.25 moderate shift, ≥ 0.25 significant shift (Siddiqi 2006). */
  readonly interpretation: 'stable' | 'moderate shift' | 'significant shift';
}

/**
 * Population stability index between an expected (reference, e.g. development or previous period) and an actual
 * distribution over the same bins:
 *   PSI = Σ_i (a_i − e_i)·ln(a_i / e_i),  a_i, e_i = bin shares
 * (Siddiqi 2006, Credit Risk Scorecards, pp. 136–137; Yurdakul & Naranjo 2020, J. Risk Model Validation 14(4)).
 * Inputs are counts (or weighted counts) per bin; each is turned into shares of its own total. Small-count
 * floor: a share below `floor` (default 0.0001) is raised to it before the logarithm and the shares are not
 * renormalised, so an empty bin contributes a large but finite amount instead of infinity.
 * Example: shares (0.5, 0.5) → (0.6, 0.4): PSI = 0.1·ln 1.2 + 0.1·ln 1.25 = 0.0405465.
 */
export function populationStabilityIndex(expectedCounts: readonly number[], actualCounts: readonly number[], options: { floor?: number } = {}): PsiResult {
  if (expectedCounts.length !== actualCounts.length) {
    throw new DomainError('length-mismatch', `The two distributions have ${expectedCounts.length} and ${actualCounts.length} bins; PSI needs the same bins.`,
      { expected: expectedCounts.length, actual: actualCounts.length });
  }
  if (expectedCounts.length < 2) throw new DomainError('invalid-bins', 'PSI needs at least 2 bins.', { bins: expectedCounts.length });
  const floor = options.floor ?? PSI_SHARE_FLOOR;
  if (!(floor > 0 && floor < 1)) throw new DomainError('invalid-floor', `The PSI share floor must be strictly between 0 and 1, got ${floor}.`, { floor });
  const totalE = total(expectedCounts, 'expected');
  const totalA = total(actualCounts, 'actual');
  let psi = 0;
  const bins: PsiBin[] = expectedCounts.map((c, i) => {
    const e = Math.max(floor, c / totalE);
    const a = Math.max(floor, actualCounts[i] / totalA);
    const contribution = (a - e) * Math.log(a / e);
    psi += contribution;
    return { expectedShare: c / totalE, actualShare: actualCounts[i] / totalA, contribution };
  });
  return { psi, bins, interpretation: psi < 0.1 ? 'stable' : psi < 0.25 ? 'moderate shift' : 'significant shift' };
}

function total(counts: readonly number[], label: string): number {
  let sum = 0;
  counts.forEach((c, i) => {
    if (typeof c !== 'number' || !(c >= 0) || c === Infinity) {
      throw new DomainError('invalid-count', `The ${label} count of bin ${i + 1} is ${describeValue(c)}; counts must be finite and ≥ 0.`, { label, index: i, value: String(c) });
    }
    sum += c;
  });
  if (!(sum > 0)) throw new DomainError('empty-distribution', `The ${label} distribution is empty (all bins 0); PSI needs units in both.`, { label });
  return sum;
}
