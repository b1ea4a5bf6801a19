import { DomainError, describeValue } from '../domain-error.js';
import type { OverlayConfig } from './credit-model-definition.js';

/**
 * Macro/industry overlay in score points (issue 6, 3c):
 * points = clamp(pointsPerIndexPoint × (index − neutralIndex), −maxPoints, +maxPoints).
 * Example with the suggested config (neutral 100, 0.25 points per index point, bound 5): index 92 → −2,
 * index 70 → −5 (bounded). Throws DomainError `invalid-prosperity-index` for a non-finite index.
 */
export function overlayPoints(index: number, config: OverlayConfig): number {
  if (typeof index !== 'number' || !Number.isFinite(index)) {
    throw new DomainError('invalid-prosperity-index', `The prosperity index must be a finite number, got ${describeValue(index)}.`, { index });
  }
  const raw = config.pointsPerIndexPoint * (index - config.neutralIndex);
  const points = Math.min(config.maxPoints, Math.max(-config.maxPoints, raw));
  return points === 0 ? 0 : points; // no −0 in stored results
}

/** A suggested overlay: neutral 100, 0.25 points per index point, bounded at ±5 points. */
export const SUGGESTED_OVERLAY: OverlayConfig = Object.freeze({
  neutralIndex: 100,
  pointsPerIndexPoint: 0.25,
  maxPoints: 5,
  rationale: 'Suggested default: an industry prosperity index 20 points from neutral moves the score by the full ±5 points.',
});
