import type { GradeScale } from '../credit/grade-scale.js';
import { officerClassification, type DecisionRecord } from './decision-record.js';
import { wilsonInterval, type RateInterval } from './wilson-interval.js';

export interface ApprovalRateRow {
  /** null = grade not recorded. */
  readonly grade: string | null;
  readonly total: number;
  readonly approved: number;
  readonly declined: number;
  /** Referrals not yet decided. */
  readonly pending: number;
  /** approved / (approved + declined); null when nothing is decided. */
  readonly approvalRate: number | null;
  /** Wilson 95 % interval of the approval rate (wilsonInterval); null when nothing is decided. */
  readonly interval: RateInterval | null;
}

/**
 * Final approval rate by grade (issue 9, item 5): per grade, approved / decided on the final decision (the
 * policy's own, or the officer's), pending referrals left out of the rate and counted apart, with a Wilson
 * interval because per-grade counts are often small. Rows in scale order when `gradeScale` is given (then other
 * grades alphabetically, ungraded last), else alphabetically. Example: grade BB with 2 approved, 1 declined,
 * 1 pending → rate 2/3. Throws DomainError `invalid-decision-record` for inconsistent records (officerClassification).
 */
export function approvalRateByGrade(records: readonly DecisionRecord[], gradeScale?: GradeScale): ApprovalRateRow[] {
  const groups = new Map<string | null, { total: number; approved: number; declined: number; pending: number }>();
  records.forEach((r, i) => {
    officerClassification(r, i);
    const key = r.grade ?? null;
    const g = groups.get(key) ?? { total: 0, approved: 0, declined: 0, pending: 0 };
    g.total++;
    if (r.finalDecision === 'approve') g.approved++;
    else if (r.finalDecision === 'decline') g.declined++;
    else g.pending++;
    groups.set(key, g);
  });
  const order = gradeScale ? [...gradeScale.bands.map((b) => b.grade), gradeScale.defaultGrade] : [];
  const rank = (g: string | null) => (g === null ? Infinity : order.includes(g) ? order.indexOf(g) : order.length);
  const keys = [...groups.keys()].sort((a, b) => rank(a) - rank(b) || (a === null || b === null ? 0 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((grade) => {
    const g = groups.get(grade) as { total: number; approved: number; declined: number; pending: number };
    const decided = g.approved + g.declined;
    return { grade, ...g, approvalRate: decided > 0 ? g.approved / decided : null, interval: wilsonInterval(g.approved, decided) };
  });
}
