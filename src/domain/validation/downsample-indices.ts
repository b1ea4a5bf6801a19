import { DomainError } from '../domain-error.js';

/**
 * Indices 0 … count − 1 thinned to at most `maxPoints`, always keeping the first and last, evenly spaced in
 * between (index round(i·(count − 1)/(maxPoints − 1))). Used to plot ROC/CAP curves of a million units with
 * ≤ 200 actual curve vertices; the kept points lie on the exact curve.
 */
export function downsampleIndices(count: number, maxPoints: number): number[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new DomainError('invalid-max-points', `A curve needs at least 2 plotted points, got ${maxPoints}.`, { maxPoints });
  }
  if (count <= maxPoints) return Array.from({ length: count }, (_, i) => i);
  const out: number[] = [];
  for (let i = 0; i < maxPoints; i++) {
    const idx = Math.round((i * (count - 1)) / (maxPoints - 1));
    if (out.length === 0 || out[out.length - 1] !== idx) out.push(idx);
  }
  return out;
}
