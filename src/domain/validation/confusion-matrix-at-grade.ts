import { DomainError } from '../domain-error.js';
import { confusionMatrix, type ConfusionMatrix } from './confusion-matrix.js';

/**
 * Confusion matrix at a cut-off grade: borrowers graded `cutoffGrade` or better are accepted, worse grades
 * rejected. `gradeOrder` lists the grades best first (e.g. AAA … C, D). Grades become notch ranks
 * (best = 0) and the rule is `confusionMatrix` with higherIsRiskier = true and cutoff = rank(cutoffGrade).
 */
export function confusionMatrixAtGrade(outcomes: ArrayLike<number>, grades: readonly string[], options: {
  gradeOrder: readonly string[]; cutoffGrade: string; costRatio?: number; weights?: ArrayLike<number>;
}): ConfusionMatrix & { cutoffGrade: string } {
  const rank = new Map<string, number>();
  options.gradeOrder.forEach((g, i) => rank.set(g, i));
  const cutoffRank = rank.get(options.cutoffGrade);
  if (cutoffRank === undefined) {
    throw new DomainError('unknown-grade', `The cut-off grade "${options.cutoffGrade}" is not in the grade order.`,
      { grade: options.cutoffGrade, grades: options.gradeOrder });
  }
  if (grades.length !== outcomes.length) {
    throw new DomainError('length-mismatch', `grades has ${grades.length} values but there are ${outcomes.length} outcomes; they must be the same length.`,
      { label: 'grades', length: grades.length, expected: outcomes.length });
  }
  const ranks = new Float64Array(grades.length);
  for (let i = 0; i < grades.length; i++) {
    const r = rank.get(grades[i]);
    if (r === undefined) {
      throw new DomainError('unknown-grade', `Grade "${grades[i]}" of unit ${i + 1} is not in the grade order.`, { index: i, grade: grades[i], grades: options.gradeOrder });
    }
    ranks[i] = r;
  }
  return { ...confusionMatrix(outcomes, ranks, { cutoff: cutoffRank, higherIsRiskier: true, costRatio: options.costRatio, weights: options.weights }), cutoffGrade: options.cutoffGrade };
}
