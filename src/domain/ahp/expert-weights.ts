import { DomainError, describeValue } from '../domain-error.js';

/**
 * Validates optional expert weights against the number of experts and returns them normalised to Σ = 1
 * (equal weights when omitted). Each weight must be a finite number > 0 (leave an expert out to exclude them).
 */
export function normalisedExpertWeights(count: number, weights?: readonly number[]): Float64Array {
  const out = new Float64Array(count);
  if (weights === undefined) { out.fill(1 / count); return out; }
  if (!Array.isArray(weights) || weights.length !== count) {
    throw new DomainError('bad-expert-weights',
      `Give one weight per expert: ${count} expected, got ${Array.isArray(weights) ? weights.length : 'none'}.`,
      { expected: count, actual: Array.isArray(weights) ? weights.length : null });
  }
  let total = 0;
  for (let k = 0; k < count; k++) {
    const w: unknown = weights[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) {
      throw new DomainError('bad-expert-weights', `The weight of expert ${k + 1} must be a positive number, got ${describeValue(w)}.`, { expert: k, value: w });
    }
    out[k] = w; total += w;
  }
  for (let k = 0; k < count; k++) out[k] /= total;
  return out;
}
