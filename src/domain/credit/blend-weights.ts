import { DomainError, describeValue } from '../domain-error.js';

/**
 * Blends a new weight vector with the previous one (issue 6, 3a): w = θ·new + (1 − θ)·old, renormalised to
 * sum 1 (a no-op when both inputs sum to 1). θ ∈ [0, 1]: θ = 1 keeps only the new round. Works on arrays
 * (same length and order) or on records keyed by node id (same keys). Throws DomainError `invalid-blend`
 * for θ outside [0, 1], mismatched shapes, or weights that are negative, non-finite or all zero.
 */
export function blendWeights(newWeights: readonly number[], oldWeights: readonly number[], theta: number): number[];
export function blendWeights(newWeights: Readonly<Record<string, number>>, oldWeights: Readonly<Record<string, number>>, theta: number): Record<string, number>;
export function blendWeights(
  newWeights: readonly number[] | Readonly<Record<string, number>>,
  oldWeights: readonly number[] | Readonly<Record<string, number>>,
  theta: number,
): number[] | Record<string, number> {
  if (typeof theta !== 'number' || !(theta >= 0 && theta <= 1)) {
    throw new DomainError('invalid-blend', `θ must be a number from 0 to 1, got ${describeValue(theta)}.`, { theta });
  }
  const isArray = Array.isArray(newWeights);
  if (isArray !== Array.isArray(oldWeights)) {
    throw new DomainError('invalid-blend', 'Both weight sets must be arrays or both records.', {});
  }
  const keys = isArray ? (newWeights as readonly number[]).map((_, i) => String(i)) : Object.keys(newWeights);
  const oldKeys = isArray ? (oldWeights as readonly number[]).map((_, i) => String(i)) : Object.keys(oldWeights);
  const missing = keys.filter((k) => !oldKeys.includes(k)).concat(oldKeys.filter((k) => !keys.includes(k)));
  if (missing.length > 0 || keys.length === 0) {
    throw new DomainError('invalid-blend', 'The new and the old weights must cover the same nodes.', { mismatched: missing });
  }
  const get = (w: readonly number[] | Readonly<Record<string, number>>, k: string) => (w as Record<string, number>)[k];
  const blended = keys.map((k) => {
    const a = get(newWeights, k), b = get(oldWeights, k);
    if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b < 0) {
      throw new DomainError('invalid-blend', `Weights must be finite and ≥ 0 (node ${k}).`, { node: k, newWeight: a, oldWeight: b });
    }
    return theta * a + (1 - theta) * b;
  });
  const sum = blended.reduce((s, x) => s + x, 0);
  if (!(sum > 0)) throw new DomainError('invalid-blend', 'The blended weights are all zero.', {});
  if (isArray) return blended.map((x) => x / sum);
  const out: Record<string, number> = {};
  keys.forEach((k, i) => { out[k] = blended[i] / sum; });
  return out;
}
