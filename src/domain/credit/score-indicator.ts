import { DomainError, describeValue } from '../domain-error.js';
import type { ScoringRule } from './scoring-rule.js';

/**
 * Score of one raw indicator value under its scoring rule, 0–100 (DESIGN §5; credit-default-model.md).
 *
 * - anchors (x_1 < … < x_k with scores s_1 … s_k): s = s_1 for raw ≤ x_1, s = s_k for raw ≥ x_k, otherwise
 *   s = s_i + (raw − x_i)·(s_{i+1} − s_i)/(x_{i+1} − x_i) on the segment x_i ≤ raw ≤ x_{i+1} (linear
 *   interpolation, clamped outside; works for rising and falling scores alike).
 * - codes: the score listed for the code.
 *
 * The rule is trusted to be valid (see validateScoringRule). Throws DomainError `invalid-indicator-value` for a
 * non-finite number or a string on an anchor rule, and `unknown-code` for a code the table does not list.
 * Example: debt-to-asset anchors 40→100, 55→80: raw 47.5 → 90.
 */
export function scoreIndicator(rule: ScoringRule, raw: number | string): number {
  if (rule.kind === 'codes') {
    if (typeof raw !== 'string') {
      throw new DomainError('invalid-indicator-value', `A categorical indicator needs a code, got ${describeValue(raw)}.`, { value: raw });
    }
    for (const option of rule.codes) if (option.code === raw) return option.score;
    throw new DomainError('unknown-code', `The code "${raw}" is not one of ${rule.codes.map((c) => c.code).join(', ')}.`,
      { value: raw, allowed: rule.codes.map((c) => c.code) });
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    throw new DomainError('invalid-indicator-value', `A numeric indicator needs a finite number, got ${describeValue(raw)}.`, { value: raw });
  }
  return interpolateAnchors(rule.anchors, raw);
}

/** Piecewise-linear interpolation through anchors sorted by raw, clamped outside; shared with the compiled scorer. */
export function interpolateAnchors(anchors: readonly { raw: number; score: number }[], raw: number): number {
  const k = anchors.length;
  if (raw <= anchors[0].raw) return anchors[0].score;
  if (raw >= anchors[k - 1].raw) return anchors[k - 1].score;
  let i = 0;
  while (raw > anchors[i + 1].raw) i++;
  const a = anchors[i], b = anchors[i + 1];
  return a.score + ((raw - a.raw) * (b.score - a.score)) / (b.raw - a.raw);
}
