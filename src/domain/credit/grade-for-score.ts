import { DomainError, describeValue } from '../domain-error.js';
import type { GradeScale } from './grade-scale.js';

/**
 * Scores within this distance below a band's minimum still reach it: floating-point sums of weights that add
 * to 1 may give 89.99999999999999 for a borrower who scores exactly 90 on every indicator.
 */
export const GRADE_BOUNDARY_TOLERANCE = 1e-9;

/**
 * Grade for a score 0–100: the first band (best first) with score ≥ minScore − 1e-9 (DESIGN §5: AAA ≥90,
 * AA ≥85, …, CC ≥50, C <50). The default grade (D) is never given by score; scoreBorrower gives it to a
 * borrower in default. Throws DomainError `invalid-score` for a non-finite score.
 */
export function gradeForScore(score: number, scale: GradeScale): string {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new DomainError('invalid-score', `A score must be a finite number, got ${describeValue(score)}.`, { score });
  }
  const bands = scale.bands;
  for (let i = 0; i < bands.length; i++) {
    if (score >= bands[i].minScore - GRADE_BOUNDARY_TOLERANCE) return bands[i].grade;
  }
  return bands[bands.length - 1].grade;
}
