import { DomainError } from '../domain-error.js';
import type { GradeScale } from './grade-scale.js';

/**
 * Notches from one grade to another on a scale: rank(to) − rank(from), where rank is the position in
 * the band order (best = 0) followed by the default grade. Positive = downgrade (AA → BBB is +3),
 * negative = upgrade. Throws DomainError `unknown-grade` for a grade not on the scale.
 */
export function notchDistance(from: string, to: string, scale: GradeScale): number {
  return gradeRank(to, scale) - gradeRank(from, scale);
}

/** Position of a grade in notch order (best = 0, the default grade last). */
export function gradeRank(grade: string, scale: GradeScale): number {
  if (grade === scale.defaultGrade) return scale.bands.length;
  const i = scale.bands.findIndex((b) => b.grade === grade);
  if (i < 0) {
    throw new DomainError('unknown-grade', `Grade "${grade}" is not on the scale.`,
      { grade, grades: [...scale.bands.map((b) => b.grade), scale.defaultGrade] });
  }
  return i;
}
