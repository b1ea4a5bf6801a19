import { DomainError } from '../domain-error.js';
import type { PolicyDefinition } from './policy-definition.js';
import type { PolicyDecision } from './policy-reason.js';

/**
 * What the grade alone decides (issue 9: grade thresholds): rank r(g) = position on the policy's scale, best = 0,
 * the default grade after every band. r(g) ≤ r(approveFrom) → approve; r(g) ≤ r(referFrom) → refer; otherwise
 * (and the default grade) → decline. Example (DEFAULT_POLICY): 'A' → approve, 'BB' → refer, 'CCC' → decline,
 * 'D' → decline. Throws DomainError `unknown-grade` for a grade not on the scale.
 */
export function gradeAction(policy: PolicyDefinition, grade: string): PolicyDecision {
  const bands = policy.gradeScale.bands;
  let r = -1;
  for (let i = 0; i < bands.length; i++) if (bands[i].grade === grade) { r = i; break; }
  if (r < 0) {
    if (grade === policy.gradeScale.defaultGrade) return 'decline';
    throw new DomainError('unknown-grade', `Grade "${grade}" is not on the policy's grade scale.`,
      { grade, grades: [...bands.map((b) => b.grade), policy.gradeScale.defaultGrade] });
  }
  let approve = -1, refer = -1;
  for (let i = 0; i < bands.length; i++) {
    if (bands[i].grade === policy.gradeThresholds.approveFrom) approve = i;
    if (bands[i].grade === policy.gradeThresholds.referFrom) refer = i;
  }
  return r <= approve ? 'approve' : r <= refer ? 'refer' : 'decline';
}
