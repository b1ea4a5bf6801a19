import { DomainError } from '../domain-error.js';
import type { OverrideKind } from './policy-definition.js';
import type { PolicyDecision } from './policy-reason.js';

export interface OverrideClassification {
  readonly kind: OverrideKind;
  /** True when the officer reversed a definite policy decision; such an officer decision needs a reason code
   *  from OVERRIDE_REASON_CODES (issue 9, item 4). */
  readonly isOverride: boolean;
  /** Scorecard terms (Siddiqi 2006, Credit Risk Scorecards, Wiley, "overrides"): a low-side override approves
   *  an applicant the policy declines, a high-side override declines one it approves; null otherwise. */
  readonly side: 'low-side' | 'high-side' | null;
}

/**
 * Classifies an officer's final decision against the policy decision:
 * approve→approve and decline→decline 'unchanged'; refer→approve 'refer-approved' and refer→decline
 * 'refer-declined' (a referral resolved: the policy asked for a person, so no override); decline→approve
 * 'decline-to-approve' (low-side override); approve→decline 'approve-to-decline' (high-side override).
 * Throws DomainError `invalid-decision` for anything else (an officer's final decision is approve or decline).
 */
export function classifyOverride(policyDecision: PolicyDecision, officerDecision: 'approve' | 'decline'): OverrideClassification {
  if (officerDecision !== 'approve' && officerDecision !== 'decline') {
    throw new DomainError('invalid-decision', `An officer decides approve or decline, got ${JSON.stringify(officerDecision)}.`, { officerDecision });
  }
  switch (policyDecision) {
    case 'refer':
      return { kind: officerDecision === 'approve' ? 'refer-approved' : 'refer-declined', isOverride: false, side: null };
    case 'approve':
      return officerDecision === 'approve'
        ? { kind: 'unchanged', isOverride: false, side: null }
        : { kind: 'approve-to-decline', isOverride: true, side: 'high-side' };
    case 'decline':
      return officerDecision === 'decline'
        ? { kind: 'unchanged', isOverride: false, side: null }
        : { kind: 'decline-to-approve', isOverride: true, side: 'low-side' };
    default:
      throw new DomainError('invalid-decision', `A policy decision is approve, refer or decline, got ${JSON.stringify(policyDecision)}.`, { policyDecision });
  }
}
