import { DomainError, describeValue } from '../domain-error.js';

export interface ExpertRoundWeights {
  /** Round id or label. */
  readonly round: string;
  /** Periods before the current one: 0 = the current round, 1 = one period earlier, … (e.g. quarters). */
  readonly age: number;
  /** The experts of that round and their weights within it (any positive scale; normalised per round). */
  readonly experts: readonly { readonly expert: string; readonly weight: number }[];
}

/**
 * Time-decayed expert weights across rounds (issue 6, 3a), for pooling the judgments of several rounds in one
 * AIJ aggregation (DESIGN §4): each round r gets weight λ^age_r / Σ_s λ^age_s, shared among its experts in
 * proportion to their weights in that round: λ_{r,k} = (λ^age_r / Σ_s λ^age_s) · w_{r,k} / Σ_j w_{r,j}.
 * So a round loses the factor λ per period of age whatever its number of experts; λ = 1 weights rounds
 * equally, λ → 0 keeps only the newest round. The results sum to 1. λ ∈ (0, 1]; ages finite and ≥ 0.
 * Throws DomainError `invalid-decay` otherwise or when a round has no positive expert weight.
 */
export function timeDecayedExpertWeights(
  rounds: readonly ExpertRoundWeights[],
  lambda: number,
): { round: string; expert: string; weight: number }[] {
  if (typeof lambda !== 'number' || !(lambda > 0 && lambda <= 1)) {
    throw new DomainError('invalid-decay', `λ must be in (0, 1], got ${describeValue(lambda)}.`, { lambda });
  }
  if (rounds.length === 0) throw new DomainError('invalid-decay', 'At least one round is needed.', {});
  const minAge = Math.min(...rounds.map((r) => r.age));
  const roundFactors = rounds.map((r) => {
    if (!Number.isFinite(r.age) || r.age < 0) throw new DomainError('invalid-decay', `Round ${r.round} needs an age ≥ 0.`, { round: r.round, age: r.age });
    return Math.pow(lambda, r.age - minAge); // shifting by the newest age changes nothing after normalising and avoids underflow
  });
  const factorSum = roundFactors.reduce((s, x) => s + x, 0);
  const out: { round: string; expert: string; weight: number }[] = [];
  rounds.forEach((r, ri) => {
    let total = 0;
    for (const e of r.experts) {
      if (!Number.isFinite(e.weight) || e.weight < 0) {
        throw new DomainError('invalid-decay', `Expert ${e.expert} in round ${r.round} needs a weight ≥ 0.`, { round: r.round, expert: e.expert });
      }
      total += e.weight;
    }
    if (!(total > 0)) throw new DomainError('invalid-decay', `Round ${r.round} has no expert with a positive weight.`, { round: r.round });
    for (const e of r.experts) out.push({ round: r.round, expert: e.expert, weight: (roundFactors[ri] / factorSum) * (e.weight / total) });
  });
  return out;
}
