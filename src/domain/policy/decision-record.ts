import { DomainError } from '../domain-error.js';
import { classifyOverride, type OverrideClassification } from './classify-override.js';
import type { PolicyDecision } from './policy-reason.js';

/**
 * One stored decision as the monitoring functions read it (issue 9, item 5). The web feature maps its rows to this.
 */
export interface DecisionRecord {
  readonly requestId: string;
  /** ISO instant (or date) of the policy decision. */
  readonly at: string;
  /** Grade of the evaluation used; null if not recorded. */
  readonly grade: string | null;
  readonly policyDecision: PolicyDecision;
  /** The final decision: the policy's own for an approve/decline nobody touched, an officer's otherwise; null while
   *  a referral is pending. */
  readonly finalDecision: 'approve' | 'decline' | null;
  /** The officer who made the final decision; required when the policy referred or the officer overrode it. */
  readonly officer?: string | null;
  readonly branch?: string | null;
  /** Later outcome of an approved loan: true = defaulted, false = performing to the observation date, null/absent = unknown. */
  readonly defaulted?: boolean | null;
}

/**
 * The officer classification of a record (classifyOverride), or null when there is no officer decision (automatic,
 * or pending). Throws DomainError `invalid-decision-record` (with its index) for a record whose final decision
 * differs from the policy, or resolves a referral, without naming an officer, or for unknown decision values.
 */
export function officerClassification(record: DecisionRecord, index: number): OverrideClassification | null {
  const { policyDecision: p, finalDecision: f } = record;
  if (p !== 'approve' && p !== 'refer' && p !== 'decline') bad(index, `policyDecision must be approve, refer or decline, got ${String(p)}.`);
  if (f === null || f === undefined) return null;
  if (f !== 'approve' && f !== 'decline') bad(index, `finalDecision must be approve, decline or null, got ${String(f)}.`);
  const hasOfficer = typeof record.officer === 'string' && record.officer !== '';
  if (!hasOfficer) {
    if (p === 'refer' || p !== f) bad(index, `decision ${record.requestId} was ${p === 'refer' ? 'referred' : 'overridden'} but names no officer.`);
    return null;
  }
  return classifyOverride(p, f);
}

function bad(index: number, message: string): never {
  throw new DomainError('invalid-decision-record', `Record ${index + 1}: ${message}`, { index });
}
