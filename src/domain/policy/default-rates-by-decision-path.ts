import { officerClassification, type DecisionRecord } from './decision-record.js';
import { wilsonInterval, type RateInterval } from './wilson-interval.js';

/** How an approved loan got approved. */
export type ApprovalPath = 'policy-approve' | 'refer-approved' | 'decline-to-approve';

export interface DefaultRateRow {
  readonly path: ApprovalPath;
  /** Approved loans on this path whose outcome is known. */
  readonly loans: number;
  readonly defaults: number;
  /** Approved loans on this path with no known outcome yet (not in the rate). */
  readonly unknownOutcome: number;
  /** defaults / loans; null when loans = 0. */
  readonly rate: number | null;
  /** Wilson 95 % interval; null when loans = 0. */
  readonly interval: RateInterval | null;
}

/**
 * Later default rates of policy decisions versus overrides (issue 9, item 5), among approved loans whose outcome
 * is known: 'policy-approve' (the policy approved and the loan was granted), 'refer-approved' (an officer
 * approved a referral) and 'decline-to-approve' (a low-side override). High-side overrides and declines have no
 * loan, hence no outcome. Always three rows in that order. A low-side default rate well above the policy
 * approvals' says the overrides add risk (Siddiqi 2006, Credit Risk Scorecards, on monitoring overrides).
 * Example: 10 policy approvals with 1 default, 4 overrides with 2 → 0.1 against 0.5.
 * Throws DomainError `invalid-decision-record` for inconsistent records.
 */
export function defaultRatesByDecisionPath(records: readonly DecisionRecord[]): DefaultRateRow[] {
  const paths: ApprovalPath[] = ['policy-approve', 'refer-approved', 'decline-to-approve'];
  const acc = paths.map(() => ({ loans: 0, defaults: 0, unknownOutcome: 0 }));
  records.forEach((r, i) => {
    const c = officerClassification(r, i);
    if (r.finalDecision !== 'approve') return;
    const k = r.policyDecision === 'approve' ? 0 : c?.kind === 'refer-approved' ? 1 : 2;
    if (r.defaulted === true || r.defaulted === false) {
      acc[k].loans++;
      if (r.defaulted) acc[k].defaults++;
    } else acc[k].unknownOutcome++;
  });
  return paths.map((path, k) => ({
    path, ...acc[k],
    rate: acc[k].loans > 0 ? acc[k].defaults / acc[k].loans : null,
    interval: wilsonInterval(acc[k].defaults, acc[k].loans),
  }));
}
