import type { PolicyDecision, PolicyReason, ReasonSeverity } from './policy-reason.js';

const RANK: Readonly<Record<ReasonSeverity, number>> = { info: 0, refer: 1, decline: 2 };

/**
 * The decision a set of reasons forces: the most severe wins (decline > refer > approve); with no 'decline' or
 * 'refer' reason (only 'info', or none) the decision is approve.
 */
export function mostSevereDecision(reasons: readonly PolicyReason[]): PolicyDecision {
  let worst = 0;
  for (const r of reasons) if (RANK[r.severity] > worst) worst = RANK[r.severity];
  return worst === 2 ? 'decline' : worst === 1 ? 'refer' : 'approve';
}

/** Reasons sorted most severe first (decline, refer, info), keeping rule order within a severity (stable sort). */
export function sortReasonsBySeverity(reasons: readonly PolicyReason[]): PolicyReason[] {
  return [...reasons].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}
