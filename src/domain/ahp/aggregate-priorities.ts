import { DomainError, describeValue } from '../domain-error.js';
import { normalisedExpertWeights } from './expert-weights.js';

export type PriorityAggregation = 'geometric' | 'arithmetic';

/**
 * Aggregation of individual priorities (AIP): with expert weights λ (Σλ = 1),
 * - `geometric`: w_i ∝ Π_k w_i(k)^λ_k, renormalised to Σ = 1;
 * - `arithmetic`: w_i = Σ_k λ_k w_i(k).
 * Source: Forman & Peniwati (1998), EJOR 108:165–169 (AIP by geometric or arithmetic mean).
 * Every vector must have the same length and positive finite entries.
 */
export function aggregatePriorities(vectors: readonly (readonly number[])[], expertWeights?: readonly number[], mode: PriorityAggregation = 'geometric'): number[] {
  if (!Array.isArray(vectors) || vectors.length === 0) throw new DomainError('no-priorities', 'Give at least one priority vector.');
  if (mode !== 'geometric' && mode !== 'arithmetic') {
    throw new DomainError('unknown-aggregation', `Unknown aggregation "${describeValue(mode)}"; use geometric or arithmetic.`, { mode });
  }
  const n = vectors[0].length;
  vectors.forEach((v, k) => {
    if (!Array.isArray(v) || v.length !== n || n === 0) {
      throw new DomainError('size-mismatch', `Priority vector ${k + 1} must have ${n} entries.`, { expert: k, expected: n });
    }
    v.forEach((x, i) => {
      if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
        throw new DomainError('not-positive', `Priority ${i + 1} of expert ${k + 1} must be a positive number.`, { expert: k, index: i, value: x });
      }
    });
  });
  const lambda = normalisedExpertWeights(vectors.length, expertWeights);
  const out = new Array<number>(n).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < vectors.length; k++) s += lambda[k] * (mode === 'geometric' ? Math.log(vectors[k][i]) : vectors[k][i]);
    out[i] = mode === 'geometric' ? Math.exp(s) : s;
    total += out[i];
  }
  return out.map((x) => x / total);
}
